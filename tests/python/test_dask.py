"""Batch evaluation over Dask arrays and dataframes, on a local distributed cluster.

The reference is one local `ft.batch.evaluate` over the same scenarios: the Dask results must equal
it element by element (==, not approximately), whatever the chunking. The cluster runs its two
workers as threads in this process (processes=False): it starts in well under a second on a shared
2-core machine, and the graph still goes through the distributed scheduler; that the model survives
the pickling process workers would need is checked separately.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import fabtoken as ft

da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from fabtoken.scenarios.distributed import dask_evaluate, dask_evaluate_frame  # noqa: E402

N = 1001
RENTALS = np.linspace(1.5, 2.5, N)
UTILIZATIONS = np.linspace(0.5, 1.0, N)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def reference(model, **inputs):
    return ft.batch.evaluate(model, inputs)


def test_arrays_with_different_chunks_give_the_local_results_exactly(h200, client):
    lazy = dask_evaluate(h200, {"rental_usd_per_gpu_hour": da.from_array(RENTALS, chunks=100),
                                "utilization": da.from_array(UTILIZATIONS, chunks=333), "pue": 1.3})
    assert list(lazy) == ft.batch.output_names(h200)
    computed = dict(zip(lazy, client.compute(list(lazy.values()), sync=True), strict=True))
    expected = reference(h200, rental_usd_per_gpu_hour=RENTALS, utilization=UTILIZATIONS, pue=1.3)
    for name, values in expected.items():
        assert computed[name].shape == (N,)
        assert (computed[name] == values).all(), name


def test_a_numpy_input_is_wrapped_and_outputs_can_be_chosen(h200, client):
    lazy = dask_evaluate(h200, {"tokens_per_s_per_gpu": np.linspace(600, 800, 50),
                                "api_price_usd_per_mtok": da.from_array(np.linspace(1, 3, 50), chunks=7)},
                         outputs=["model_gross_margin"])
    assert list(lazy) == ["model_gross_margin"]
    expected = reference(h200, tokens_per_s_per_gpu=np.linspace(600, 800, 50), api_price_usd_per_mtok=np.linspace(1, 3, 50))
    assert (lazy["model_gross_margin"].compute() == expected["model_gross_margin"]).all()


def test_a_dataframe_gets_the_outputs_appended_and_keeps_its_other_columns(h200, client):
    frame = pd.DataFrame({"scenario_id": np.arange(N), "rental_usd_per_gpu_hour": RENTALS,
                          "utilization": UTILIZATIONS, "note": ["x"] * N})
    result = dask_evaluate_frame(h200, dd.from_pandas(frame, npartitions=4)).compute()
    assert list(result.columns) == [*frame.columns, *ft.batch.output_names(h200)]
    assert (result["scenario_id"].to_numpy() == np.arange(N)).all()
    assert (result["note"] == "x").all()
    expected = reference(h200, rental_usd_per_gpu_hour=RENTALS, utilization=UTILIZATIONS)
    for name, values in expected.items():
        assert (result[name].to_numpy() == values).all(), name


def test_an_invalid_scenario_names_its_index_in_the_whole_array(h200, client):
    throughputs = np.full(N, 735.0)
    throughputs[500] = -1.0
    lazy = dask_evaluate(h200, {"tokens_per_s_per_gpu": da.from_array(throughputs, chunks=100)})
    with pytest.raises(ValueError, match=r"scenario 500 of the whole array is invalid.*tokens_per_s_per_gpu"):
        lazy["compute_cost_usd_per_mtok"].compute()


def test_names_are_checked_before_anything_runs(h200):
    rentals = da.from_array(RENTALS, chunks=100)
    with pytest.raises(ValueError, match=r"inputs names 'rental', which is not an input of TokenFactory"):
        dask_evaluate(h200, {"rental": rentals})
    with pytest.raises(ValueError, match=r"'margin' is not an output of TokenFactory"):
        dask_evaluate(h200, {"rental_usd_per_gpu_hour": rentals}, outputs=["margin"])
    with pytest.raises(ValueError, match="needs at least one input that is a dask array"):
        dask_evaluate(h200, {"rental_usd_per_gpu_hour": 1.9})
    with pytest.raises(ValueError, match=r"one length .*'rental_usd_per_gpu_hour': 1001, 'utilization': 10"):
        dask_evaluate(h200, {"rental_usd_per_gpu_hour": rentals, "utilization": da.ones(10, chunks=5)})
    with pytest.raises(ValueError, match=r"must be a 1-D array or a number, got an array of shape \(2, 2\)"):
        dask_evaluate(h200, {"rental_usd_per_gpu_hour": da.ones((2, 2))})


def test_a_dataframe_without_inputs_or_with_an_output_column_is_refused(h200):
    frame = dd.from_pandas(pd.DataFrame({"x": [1.0, 2.0]}), npartitions=1)
    with pytest.raises(ValueError, match="no column named like an input of TokenFactory"):
        dask_evaluate_frame(h200, frame)
    frame = dd.from_pandas(pd.DataFrame({"utilization": [0.5, 1.0], "cloud_gross_margin": [0.0, 0.0]}), npartitions=1)
    with pytest.raises(ValueError, match="already has a column 'cloud_gross_margin', which is an output"):
        dask_evaluate_frame(h200, frame)


def test_the_model_pickles_for_process_workers(h200):
    assert pickle.loads(pickle.dumps(h200)) == h200


def test_import_fabtoken_loads_neither_dask_nor_salib():
    # Both are optional: only fabtoken.scenarios.distributed and sobol_indices import them, when used.
    code = "import sys, fabtoken; print(sorted(m for m in ('dask', 'distributed', 'SALib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
