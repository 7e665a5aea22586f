"""Properties of the stack that hold for any valid inputs drawn from sensible ranges (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fabtoken as ft


def between(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# Every input, from ranges a real stack could have.
INPUTS = {
    "usd_per_server": between(10_000, 10_000_000),
    "gpus_per_server": st.integers(min_value=1, max_value=72),
    "useful_life_years": between(1, 10),
    "residual_value_fraction": between(0, 0.5),
    "cost_of_capital_per_year": between(0, 0.3),
    "kw_per_gpu": between(0.1, 5),
    "pue": between(1, 2),
    "load_factor": between(0.05, 1),
    "colocation_usd_per_kw_month": between(0, 500),
    "electricity_usd_per_kwh": between(0, 0.5),
    "rental_usd_per_gpu_hour": between(0.1, 20),
    "utilization": between(0.05, 1),
    "tokens_per_s_per_gpu": between(1, 100_000),
    "api_price_usd_per_mtok": between(0.01, 100),
    "tokens_per_user_month": between(0, 1e9),
    "arpu_usd_per_month": between(0.5, 1_000),
}
factories = st.fixed_dictionaries(INPUTS).map(lambda inputs: ft.TokenFactory.from_inputs(**inputs))


def test_the_strategies_cover_every_input():
    assert sorted(INPUTS) == sorted(ft.TokenFactory.parameters()["name"])


@given(factories)
def test_margins_are_never_above_one_hundred_percent(factory):
    e = factory.evaluate()
    # margin = (revenue - cost) / revenue with cost >= 0 and revenue > 0
    for name, margin in [("cloud", e.cloud_gross_margin), ("model", e.model_gross_margin),
                         ("1P app", e.first_party_app.gross_margin), ("3P app", e.third_party_app.gross_margin)]:
        assert margin <= 1.0, name
    table = factory.table().set_index("item")["value"]
    for item in ["Neocloud gross margin", "Model gross margin", "3P application gross margin",
                 "1P application gross margin"]:
        assert table[item] <= 100.0, item


@given(factories, between(1.01, 100))
def test_compute_cost_per_mtok_falls_as_throughput_rises(factory, factor):
    faster = factory.with_(tokens_per_s_per_gpu=factory.inputs()["tokens_per_s_per_gpu"] * factor)
    assert faster.evaluate().compute_cost_usd_per_mtok < factory.evaluate().compute_cost_usd_per_mtok
    # cost = price / throughput: factor times the throughput, 1 / factor the cost
    assert faster.evaluate().compute_cost_usd_per_mtok == pytest.approx(
        factory.evaluate().compute_cost_usd_per_mtok / factor, rel=1e-9)


@given(factories, between(1.01, 10))
def test_a_dearer_rental_raises_the_cloud_margin_and_the_compute_cost(factory, factor):
    dearer = factory.with_(rental_usd_per_gpu_hour=factory.inputs()["rental_usd_per_gpu_hour"] * factor)
    before, after = factory.evaluate(), dearer.evaluate()
    # cloud margin 1 - cost / (price x utilization) rises with the price while the cost (> 0 here,
    # residual value at most 50%) stays put; compute cost price / throughput rises with it.
    assert after.cloud_gross_margin > before.cloud_gross_margin
    assert after.compute_cost_usd_per_mtok > before.compute_cost_usd_per_mtok


@given(factories)
def test_every_result_in_the_table_is_finite(factory):
    table = factory.table()
    bad = {item: value for item, value in zip(table["item"], table["value"]) if not math.isfinite(value)}
    assert bad == {}, factory


@given(factories)
def test_third_party_app_profit_plus_token_cost_is_the_arpu(factory):
    app = factory.evaluate().third_party_app
    arpu = factory.inputs()["arpu_usd_per_month"]
    assert app.gross_profit_usd_per_user_month + app.token_cost_usd_per_user_month == pytest.approx(
        arpu, rel=1e-9, abs=1e-9 * app.token_cost_usd_per_user_month)
    # token cost = tokens x API price: tokens/month / 10^6 x USD/Mtok
    expected_cost = factory.inputs()["tokens_per_user_month"] / 1e6 * factory.inputs()["api_price_usd_per_mtok"]
    assert app.token_cost_usd_per_user_month == pytest.approx(expected_cost, rel=1e-9, abs=1e-12)


@given(factories)
def test_first_party_app_pays_the_compute_cost_for_its_tokens(factory):
    e = factory.evaluate()
    assert e.first_party_app.token_unit_cost_usd_per_mtok == pytest.approx(e.compute_cost_usd_per_mtok, rel=1e-12)
    # 1P margin beats 3P margin exactly when compute is cheaper than the API price
    if e.compute_cost_usd_per_mtok < factory.inputs()["api_price_usd_per_mtok"]:
        assert e.first_party_app.gross_margin >= e.third_party_app.gross_margin


@given(factories)
def test_a_factory_survives_a_round_trip_through_its_inputs_and_repr(factory):
    assert ft.TokenFactory.from_inputs(**factory.inputs()) == factory
    assert eval(repr(factory), vars(ft)) == factory  # noqa: S307 - the repr is the library's own
