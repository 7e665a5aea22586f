"""ft.sweep: the token factory over many scenarios, equal to scalar evaluation, bad arrays refused."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import fabtoken as ft


def test_every_scenario_equals_its_scalar_evaluation(h200):
    rng = np.random.default_rng(3)
    rentals, throughputs = rng.uniform(1, 3, 5000), rng.uniform(300, 3000, 5000)
    table = ft.sweep(h200, rental_usd_per_gpu_hour=rentals, tokens_per_s_per_gpu=throughputs)
    for i in range(0, 5000, 250):
        e = h200.with_(rental_usd_per_gpu_hour=rentals[i], tokens_per_s_per_gpu=throughputs[i]).evaluate()
        assert table["compute_cost_usd_per_mtok"][i] == e.compute_cost_usd_per_mtok
        assert table["cloud_gross_margin"][i] == e.cloud_gross_margin
        assert table["model_gross_margin"][i] == e.model_gross_margin
        assert table["third_party_app_gross_margin"][i] == e.third_party_app.gross_margin


def test_a_price_sweep_matches_the_hand_calculation(h200):
    # figures.md s1 compute cost 1.90 / 2.646 = 0.7180650; model margin at price p is (p - 0.7180650) / p.
    prices = np.linspace(1, 3, 41)
    table = ft.sweep(h200, api_price_usd_per_mtok=prices)
    assert list(table["api_price_usd_per_mtok"]) == pytest.approx(list(prices))
    assert list(table["model_gross_margin"]) == pytest.approx([(p - 0.7180650) / p for p in prices], abs=1e-7)
    assert set(table["compute_cost_usd_per_mtok"].round(7)) == {0.718065}


def test_columns_of_other_numeric_types_and_strides_are_converted(h200):
    # Integers and a strided view give the same results as float64 copies.
    ints = np.array([1, 2, 3])
    strided = np.linspace(1, 3, 6)[::2]
    a = ft.sweep(h200, api_price_usd_per_mtok=ints)
    b = ft.sweep(h200, api_price_usd_per_mtok=ints.astype(float))
    assert a["model_gross_margin"].tolist() == b["model_gross_margin"].tolist()
    assert ft.sweep(h200, api_price_usd_per_mtok=strided)["model_gross_margin"].tolist() == pytest.approx(
        [(p - 0.7180650) / p for p in (1.0, 1.8, 2.6)], abs=1e-7)


@pytest.mark.parametrize(("inputs", "error", "message"), [
    (dict(pue=np.array([1.2, 0.9])), ValueError, "scenario 1: pue must be a finite number >= 1, got 0.9"),
    (dict(pue=np.array([1.2, np.nan])), ValueError, "scenario 1: pue"),
    (dict(pue=[1.2, 1.3], utilization=[0.9, 0.8, 0.7]), ValueError, "utilization has 3 values; pue has 2"),
    (dict(pue=np.ones((2, 2))), ValueError, "pue must be one-dimensional"),
    (dict(pue=["high", "low"]), TypeError, "pue expects numbers"),
    (dict(pew=[1.0, 2.0]), ValueError, "unknown token factory parameter 'pew'"),
    (dict(), ValueError, "at least one input"),
])
def test_bad_columns_are_refused_naming_the_input(h200, inputs, error, message):
    with pytest.raises(error, match=message):
        ft.sweep(h200, **inputs)


def test_sweeps_run_from_several_python_threads_at_once(h200):
    # The GIL is released during the C++ loop; concurrent sweeps must not interfere.
    prices = np.linspace(1, 3, 20001)
    expected = ft.sweep(h200, api_price_usd_per_mtok=prices)["model_gross_margin"].to_numpy()
    results: list[np.ndarray] = []

    def run() -> None:
        results.append(ft.sweep(h200, api_price_usd_per_mtok=prices)["model_gross_margin"].to_numpy())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for r in results:
        assert np.array_equal(r, expected)
