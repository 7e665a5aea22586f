"""Sobol indices of the H200 token factory (figures.md s1) against hand-computed known answers.

For an additive output f = c + sum_i a_i x_i with independent x_i, Var f = sum_i a_i^2 Var x_i and
S1_i = ST_i = a_i^2 Var x_i / Var f (no interactions). An input the output does not depend on has
S1 = ST = 0, and an output of one varying input has S1 = ST = 1 whatever its shape.
"""

from __future__ import annotations

import sys

import pytest

import fabtoken as ft

pytest.importorskip("SALib")

# total cost per GPU-hour (conftest's derivation of figures.md s1) is linear in the operating rates:
#   total = depreciation + colocation x 1.35 / 730 + electricity x 1.35 x 1.25
# colocation ~ U(80, 140):    a^2 Var = (1.35 / 730)^2 x 60^2 / 12 = 3.41998e-6 x 300     = 1.02599e-3
# electricity ~ U(0.05, 0.15): b^2 Var = (1.6875)^2 x 0.1^2 / 12   = 2.84766 x 8.33333e-4 = 2.37305e-3
# Var total = 3.39904e-3 -> S1(colocation) = 0.30185, S1(electricity) = 0.69815
S1_COLOCATION = 0.30185
S1_ELECTRICITY = 0.69815
LINEAR_BOUNDS = {"colocation_usd_per_kw_month": (80.0, 140.0), "electricity_usd_per_kwh": (0.05, 0.15),
                 "api_price_usd_per_mtok": (1.0, 3.0)}  # the API price does not enter total cost


def test_one_varying_input_explains_all_the_variance(h200):
    # compute cost = rental / 2.646: only rental varies, so S1 = ST = 1
    indices = ft.sobol_indices(h200, "compute_cost_usd_per_mtok", {"rental_usd_per_gpu_hour": (1.6, 2.4)}, n=1024)
    assert list(indices.columns) == ["S1", "S1_conf", "ST", "ST_conf"]
    assert list(indices.index) == ["rental_usd_per_gpu_hour"]
    assert indices.loc["rental_usd_per_gpu_hour", "S1"] == pytest.approx(1.0, abs=0.01)
    assert indices.loc["rental_usd_per_gpu_hour", "ST"] == pytest.approx(1.0, abs=0.01)


def test_a_linear_output_has_the_hand_computed_indices(h200):
    indices = ft.sobol_indices(h200, "total_cost_usd_per_gpu_hour", LINEAR_BOUNDS, n=1024)
    assert list(indices.index) == list(LINEAR_BOUNDS)  # in the order of bounds
    assert indices.loc["colocation_usd_per_kw_month", "S1"] == pytest.approx(S1_COLOCATION, abs=0.005)
    assert indices.loc["electricity_usd_per_kwh", "S1"] == pytest.approx(S1_ELECTRICITY, abs=0.005)
    # additive: no interactions, so ST = S1
    assert indices.loc["colocation_usd_per_kw_month", "ST"] == pytest.approx(S1_COLOCATION, abs=0.005)
    assert indices.loc["electricity_usd_per_kwh", "ST"] == pytest.approx(S1_ELECTRICITY, abs=0.005)
    # the API price leaves total cost unchanged in every scenario: both estimators are exactly 0
    assert indices.loc["api_price_usd_per_mtok", "S1"] == pytest.approx(0.0, abs=1e-12)
    assert indices.loc["api_price_usd_per_mtok", "ST"] == pytest.approx(0.0, abs=1e-12)
    assert (indices[["S1_conf", "ST_conf"]] >= 0).all().all()


def test_second_order_indices_of_an_additive_output_are_zero(h200):
    bounds = {name: LINEAR_BOUNDS[name] for name in ("colocation_usd_per_kw_month", "electricity_usd_per_kwh")}
    indices = ft.sobol_indices(h200, "total_cost_usd_per_gpu_hour", bounds, n=1024, second_order=True)
    pairs = indices.attrs["S2"]
    assert list(pairs.index) == [("colocation_usd_per_kw_month", "electricity_usd_per_kwh")]
    assert list(pairs.columns) == ["S2", "S2_conf"]
    assert pairs.iloc[0]["S2"] == pytest.approx(0.0, abs=0.02)


def test_all_scenarios_go_through_one_batch_call(h200, monkeypatch):
    calls = []
    evaluate = ft.batch.evaluate

    def counting(model, inputs, **kwargs):
        calls.append(len(inputs["rental_usd_per_gpu_hour"]))
        return evaluate(model, inputs, **kwargs)

    monkeypatch.setattr(ft.batch, "evaluate", counting)
    ft.sobol_indices(h200, "model_gross_margin", {"rental_usd_per_gpu_hour": (1.6, 2.4),
                                                  "tokens_per_s_per_gpu": (600, 800)}, n=256)
    assert calls == [256 * (2 + 2)]  # Saltelli: n (D + 2) scenarios for D = 2 inputs


def test_the_same_seed_gives_the_same_indices(h200):
    bounds = {"rental_usd_per_gpu_hour": (1.6, 2.4), "tokens_per_s_per_gpu": (600, 800)}
    first = ft.sobol_indices(h200, "model_gross_margin", bounds, n=256, seed=4)
    assert first.equals(ft.sobol_indices(h200, "model_gross_margin", bounds, n=256, seed=4))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"n": 1000}, r"n must be a power of two of at least 2 \(e.g. 1024\), got 1000"),
    ({"n": 0}, r"n must be a power of two .* got 0"),
    ({"bounds": {"rental": (1.0, 2.0)}}, r"bounds names 'rental', which is not an input of TokenFactory"),
    ({"bounds": {"rental_usd_per_gpu_hour": (2.0, 1.0)}},
     r"bounds\['rental_usd_per_gpu_hour'\]: high must be greater than low \(2.0\), got 1.0"),
    ({"bounds": {"rental_usd_per_gpu_hour": (1.0, 2.0, 3.0)}}, r"must be a pair \(low, high\), got \(1.0, 2.0, 3.0\)"),
    ({"bounds": {}}, "bounds must map at least one input"),
    ({"output": "margin"}, r"output='margin' is not an output of TokenFactory"),
    ({"second_order": True}, "second_order needs at least two inputs"),
    ({"bounds": {"api_price_usd_per_mtok": (1.0, 3.0)}},
     r"compute_cost_usd_per_mtok does not vary over these bounds .*undefined"),
    ({"bounds": {"tokens_per_s_per_gpu": (-100.0, 800.0)}},
     r"Sobol sampling of the bounds reached the scenario .*tokens_per_s_per_gpu=-?\d.*invalid"),
])
def test_bad_arguments_are_refused_with_a_clear_message(h200, kwargs, message):
    arguments = {"output": "compute_cost_usd_per_mtok", "bounds": {"rental_usd_per_gpu_hour": (1.6, 2.4)}, "n": 64,
                 **kwargs}
    with pytest.raises(ValueError, match=message):
        ft.sobol_indices(h200, arguments.pop("output"), arguments.pop("bounds"), **arguments)


def test_without_salib_the_error_says_how_to_install_it(h200, monkeypatch):
    for module in ("SALib", "SALib.analyze", "SALib.sample"):
        monkeypatch.setitem(sys.modules, module, None)  # import now fails as if SALib were not installed
    with pytest.raises(ImportError, match=r"pip install fabtoken\[sobol\]"):
        ft.sobol_indices(h200, "compute_cost_usd_per_mtok", {"rental_usd_per_gpu_hour": (1.6, 2.4)})
