"""ft.batch.evaluate(..., out=): results written into the caller's arrays, bad arrays refused by name."""

from __future__ import annotations

import numpy as np
import pytest

import fabtoken as ft
from conftest import COMPUTE_COST  # figures.md s1; the model's gross margin at API price p is (p - it) / p
from test_batch_models import CASES, KINDS


def test_results_land_in_the_given_arrays_and_equal_fresh_ones(h200):
    prices = np.linspace(1, 3, 1001)
    margin, compute = np.empty(1001), np.empty(1001)
    result = ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices},
                               out={"model_gross_margin": margin, "compute_cost_usd_per_mtok": compute})
    assert result["model_gross_margin"] is margin  # no copy: the caller's own arrays come back
    assert result["compute_cost_usd_per_mtok"] is compute
    assert list(result) == ["compute_cost_usd_per_mtok", "model_gross_margin"]  # the model's order
    assert margin == pytest.approx((prices - COMPUTE_COST) / prices, abs=1e-7)
    fresh = ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices}, outputs=["model_gross_margin"])
    assert margin.tolist() == fresh["model_gross_margin"].tolist()


def test_arrays_are_reused_across_chunks(h200):
    # A sweep in two chunks through one pair of arrays gives the results of one sweep.
    prices = np.linspace(1, 3, 2000)
    whole = ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices}, outputs=["model_gross_margin"])
    buffer = np.empty(1000)
    chunks = []
    for chunk in (prices[:1000], prices[1000:]):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": chunk}, out={"model_gross_margin": buffer})
        chunks.append(buffer.copy())
    assert np.concatenate(chunks).tolist() == whole["model_gross_margin"].tolist()


@pytest.mark.parametrize("kind", KINDS)
def test_every_model_writes_into_given_arrays_what_it_returns_fresh(kind):
    case = CASES[kind]
    model = case.make()
    rng = np.random.default_rng(11)
    inputs = {name: rng.uniform(low, high, 200) for name, (low, high) in case.vary.items()} | case.required
    fresh = ft.batch.evaluate(model, inputs)
    out = {name: np.full(200, np.nan) for name in ft.batch.output_names(model)}
    written = ft.batch.evaluate(model, inputs, out=out)
    for name, array in out.items():
        assert written[name] is array
        assert array.tolist() == fresh[name].tolist(), name


@pytest.mark.parametrize(("make_out", "error", "message"), [
    (lambda: {"model_margin": np.empty(3)}, ValueError, r"unknown output 'model_margin' in out; expected one of: "),
    (lambda: {"model_gross_margin": [0.0, 0.0, 0.0]}, TypeError,
     r"out\['model_gross_margin'\] must be a NumPy float64 array, got list"),
    (lambda: {"model_gross_margin": np.empty(3, dtype=np.float32)}, TypeError, r"must be a float64 array, got float32"),
    (lambda: {"model_gross_margin": np.empty(3, dtype=">f8")}, TypeError, r"must be a float64 array, got >f8"),
    (lambda: {"model_gross_margin": np.empty((3, 1))}, ValueError, r"must be one-dimensional, got 2 dimensions"),
    (lambda: {"model_gross_margin": np.empty(4)}, ValueError, r"must hold 3 values \(one per scenario\), got 4"),
    (lambda: {"model_gross_margin": np.empty(6)[::2]}, ValueError, r"must be contiguous, got a strided view"),
    (dict, ValueError, r"out has no arrays"),
])
def test_bad_output_arrays_are_refused_naming_them(h200, make_out, error, message):
    with pytest.raises(error, match=message):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": np.array([1.0, 2.0, 3.0])}, out=make_out())


def test_read_only_arrays_are_refused(h200):
    locked = np.empty(3)
    locked.flags.writeable = False
    with pytest.raises(ValueError, match=r"out\['model_gross_margin'\] must be writeable, got a read-only array"):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": np.array([1.0, 2.0, 3.0])},
                          out={"model_gross_margin": locked})


def test_outputs_sharing_memory_with_inputs_or_each_other_are_refused(h200):
    # The kernel reads every input of a block after writing its outputs (its domain checks), so an
    # output written over an input would change what is checked.
    prices = np.array([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"out\['model_gross_margin'\] shares memory with the input api_price"):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices}, out={"model_gross_margin": prices})
    shared = np.empty(6)
    with pytest.raises(ValueError, match=r"shares memory with out\['compute_cost_usd_per_mtok'\]"):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices},
                          out={"compute_cost_usd_per_mtok": shared[:3], "model_gross_margin": shared[2:5]})
    # Neighbouring slices of one buffer do not overlap and are accepted.
    ft.batch.evaluate(h200, {"api_price_usd_per_mtok": prices},
                      out={"compute_cost_usd_per_mtok": shared[:3], "model_gross_margin": shared[3:]})
    assert shared[3:] == pytest.approx((prices - COMPUTE_COST) / prices, abs=1e-7)


def test_out_and_outputs_together_are_refused(h200):
    with pytest.raises(ValueError, match="give outputs .* or out .*, not both"):
        ft.batch.evaluate(h200, {"api_price_usd_per_mtok": np.array([1.0])}, outputs=["model_gross_margin"],
                          out={"model_gross_margin": np.empty(1)})


def test_a_failing_scenario_raises_with_out_given(h200):
    with pytest.raises(ValueError, match="scenario 1: pue must be a finite number >= 1, got 0.9"):
        ft.batch.evaluate(h200, {"pue": np.array([1.2, 0.9])}, out={"total_cost_usd_per_gpu_hour": np.empty(2)})
