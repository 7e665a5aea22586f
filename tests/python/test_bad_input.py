"""Bad input: a value out of range raises ValueError (C++ InvalidInput, a std::invalid_argument) naming
the parameter and the value; a missing or unknown keyword raises TypeError naming it."""

from __future__ import annotations

import math

import pytest

import fabtoken as ft

NAN, INF = math.nan, math.inf

VALID = {
    ft.Server: dict(usd_per_server=246_391, gpus_per_server=8),
    ft.Depreciation: dict(useful_life_years=4, residual_value_fraction=0, cost_of_capital_per_year=0),
    ft.Colocation: dict(kw_per_gpu=1.35, pue=1.25, load_factor=1.0, colocation_usd_per_kw_month=110,
                        electricity_usd_per_kwh=0.087),
    ft.GpuRental: dict(rental_usd_per_gpu_hour=1.90, utilization=1.0),
    ft.Throughput: dict(tokens_per_s_per_gpu=735),
    ft.ApiPrice: dict(api_price_usd_per_mtok=1.75),
    ft.App: dict(tokens_per_user_month=10_000_000, arpu_usd_per_month=20),
}

# (layer, keyword, bad value, how the message ends: the value as given, in the keyword's unit)
BAD = [
    (ft.Server, "usd_per_server", 0, "got 0 USD"),
    (ft.Server, "usd_per_server", -1, "got -1 USD"),
    (ft.Server, "usd_per_server", INF, "got inf USD"),
    (ft.Server, "gpus_per_server", 0, "got 0 GPUs"),
    (ft.Server, "gpus_per_server", 7.5, "whole number, got 7.5"),
    (ft.Server, "gpus_per_server", NAN, "got nan GPUs"),
    (ft.Depreciation, "useful_life_years", 0, "got 0 years"),
    (ft.Depreciation, "useful_life_years", -4, "got -4 years"),
    (ft.Depreciation, "useful_life_years", INF, "got inf years"),
    (ft.Depreciation, "useful_life_years", NAN, "got nan years"),
    (ft.Depreciation, "residual_value_fraction", 1.5, "got 1.5"),
    (ft.Depreciation, "residual_value_fraction", -0.5, "got -0.5"),
    (ft.Depreciation, "cost_of_capital_per_year", -0.1, "got -0.1"),
    (ft.Depreciation, "cost_of_capital_per_year", 1.5, "got 1.5"),
    (ft.Depreciation, "cost_of_capital_per_year", NAN, "got nan"),
    (ft.Colocation, "kw_per_gpu", -1, "got -1 kW/GPU"),
    (ft.Colocation, "kw_per_gpu", 0, "got 0 kW/GPU"),
    (ft.Colocation, "pue", 0.9, "got 0.9"),
    (ft.Colocation, "pue", INF, "got inf"),
    (ft.Colocation, "load_factor", 0, "got 0"),
    (ft.Colocation, "load_factor", 1.2, "got 1.2"),
    (ft.Colocation, "load_factor", NAN, "got nan"),
    (ft.Colocation, "colocation_usd_per_kw_month", -5, "got -5 USD/kW/month"),
    (ft.Colocation, "electricity_usd_per_kwh", -0.01, "got -0.01 USD/kWh"),
    (ft.Colocation, "electricity_usd_per_kwh", NAN, "got nan USD/kWh"),
    (ft.GpuRental, "rental_usd_per_gpu_hour", 0, "got 0 USD/hr/GPU"),
    (ft.GpuRental, "rental_usd_per_gpu_hour", -1.9, "got -1.9 USD/hr/GPU"),
    (ft.GpuRental, "rental_usd_per_gpu_hour", INF, "got inf USD/hr/GPU"),
    (ft.GpuRental, "utilization", 0, "got 0"),
    (ft.GpuRental, "utilization", 1.01, "got 1.01"),
    (ft.GpuRental, "utilization", -INF, "got -inf"),
    (ft.Throughput, "tokens_per_s_per_gpu", 0, "got 0 tokens/s/GPU"),
    (ft.Throughput, "tokens_per_s_per_gpu", INF, "got inf tokens/s/GPU"),
    (ft.ApiPrice, "api_price_usd_per_mtok", 0, "got 0 USD/Mtok"),
    (ft.ApiPrice, "api_price_usd_per_mtok", -1, "got -1 USD/Mtok"),
    (ft.ApiPrice, "api_price_usd_per_mtok", -INF, "got -inf USD/Mtok"),
    (ft.App, "arpu_usd_per_month", 0, "got 0 USD/month"),
    (ft.App, "arpu_usd_per_month", NAN, "got nan USD/month"),
    (ft.App, "tokens_per_user_month", -1, "got -1 tokens/month"),
]
BAD_IDS = [f"{layer.__name__}-{keyword}={value}" for layer, keyword, value, _ in BAD]


def check_value_error(raised: pytest.ExceptionInfo, keyword: str, ending: str) -> None:
    assert raised.type is ValueError
    message = str(raised.value)
    assert keyword in message
    assert message.endswith(ending), message


@pytest.mark.parametrize(("layer", "keyword", "value", "ending"), BAD, ids=BAD_IDS)
def test_a_layer_rejects_a_bad_value_naming_parameter_and_value(layer, keyword, value, ending):
    with pytest.raises(ValueError) as raised:
        layer(**(VALID[layer] | {keyword: value}))
    check_value_error(raised, keyword, ending)


@pytest.mark.parametrize(("layer", "keyword", "value", "ending"), BAD, ids=BAD_IDS)
def test_a_layer_change_rejects_a_bad_value(layer, keyword, value, ending):
    good = layer(**VALID[layer])
    with pytest.raises(ValueError) as raised:
        good.with_(**{keyword: value})
    check_value_error(raised, keyword, ending)


@pytest.mark.parametrize(("layer", "keyword", "value", "ending"), BAD, ids=BAD_IDS)
def test_a_token_factory_change_rejects_a_bad_value(h200, layer, keyword, value, ending):
    with pytest.raises(ValueError) as raised:
        h200.with_(**{keyword: value})
    check_value_error(raised, keyword, ending)


def test_a_token_factory_rejects_a_pue_below_one(h200):
    with pytest.raises(ValueError, match=r"^pue must be a finite number >= 1, got 0\.5$"):
        h200.with_(pue=0.5)


def test_a_rejected_factory_change_leaves_the_original_untouched(h200):
    with pytest.raises(ValueError):
        h200.with_(rental_usd_per_gpu_hour=2.10, pue=0.5)
    assert h200.inputs()["rental_usd_per_gpu_hour"] == pytest.approx(1.90, rel=1e-15)
    assert h200.inputs()["pue"] == 1.25


@pytest.mark.parametrize(("keyword", "value", "shown"), [
    ("utilization", 1.0000001, "1.0000001"),
    ("pue", 0.9999999, "0.9999999"),
    ("usd_per_server", -246_391.5, "-246391.5"),
    ("tokens_per_user_month", -12_345_678, "-12345678"),
])
def test_a_rejected_value_is_shown_as_given_not_rounded(h200, keyword, value, shown):
    # "utilization must be between 0 (exclusive) and 1, got 1" would blame a value that is valid.
    with pytest.raises(ValueError) as raised:
        h200.with_(**{keyword: value})
    assert shown in str(raised.value)


# ---- Keywords --------------------------------------------------------------------------------------
MISSING = [(layer, keyword) for layer, inputs in VALID.items() for keyword in inputs]


@pytest.mark.parametrize(("layer", "keyword"), MISSING, ids=[k for _, k in MISSING])
def test_a_missing_keyword_raises_type_error_naming_it(layer, keyword):
    inputs = dict(VALID[layer])
    del inputs[keyword]
    with pytest.raises(TypeError, match=rf"missing keyword argument '{keyword}'"):
        layer(**inputs)


@pytest.mark.parametrize("layer", list(VALID), ids=[layer.__name__ for layer in VALID])
def test_an_unknown_keyword_raises_type_error_naming_it(layer):
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'nope'"):
        layer(**(VALID[layer] | {"nope": 1}))
    with pytest.raises(TypeError, match=r"'nope'"):
        layer(**VALID[layer]).with_(nope=1)


@pytest.mark.parametrize("layer", list(VALID), ids=[layer.__name__ for layer in VALID])
def test_a_layer_takes_keywords_only(layer):
    with pytest.raises(TypeError):
        layer(*VALID[layer].values())


def test_a_token_factory_change_to_an_unknown_input_raises_type_error_naming_it(h200):
    with pytest.raises(TypeError, match=r"'nope'"):
        h200.with_(nope=1)


def test_a_token_factory_from_inputs_names_a_missing_input(h200):
    inputs = h200.inputs()
    del inputs["arpu_usd_per_month"]
    with pytest.raises(TypeError, match=r"missing input 'arpu_usd_per_month' \(USD/month\)"):
        ft.TokenFactory.from_inputs(**inputs)


def test_a_token_factory_from_inputs_names_an_unknown_input(h200):
    with pytest.raises(TypeError, match=r"'nope'"):
        ft.TokenFactory.from_inputs(**(h200.inputs() | {"nope": 1}))


def test_a_token_factory_from_inputs_rejects_a_bad_value(h200):
    with pytest.raises(ValueError, match=r"^utilization .*got 0$"):
        ft.TokenFactory.from_inputs(**(h200.inputs() | {"utilization": 0}))


def test_a_token_factory_needs_every_layer_by_keyword(h200):
    with pytest.raises(TypeError):
        ft.TokenFactory(server=h200.server)
    with pytest.raises(TypeError):
        ft.TokenFactory(h200.server, h200.depreciation, h200.colocation, h200.rental, h200.throughput,
                        h200.api_price, h200.app)
