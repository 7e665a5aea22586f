"""Batch evaluation: any model over many scenarios at once, the one door every scenario tool goes through.

    ft.batch.evaluate(h200, {"rental_usd_per_gpu_hour": rentals, "utilization": 0.9})
    ft.batch.base_inputs(h200)      # {"usd_per_server": 246391.0, ...}: the inputs that can vary
    ft.batch.output_names(h200)     # ["total_cost_usd_per_gpu_hour", "cloud_gross_margin", ...]
    ft.batch.release_memory()       # hand back the memory kept from freed results for reuse

Each input is one value (broadcast to every scenario) or a 1-D array with one value per scenario, in
the unit its name carries. The C++ kernel validates each input column, then runs the model's
relations over all scenarios on every core without the GIL. Data tables, tornado charts, Monte Carlo,
goal seek, Sobol indices and Dask sweeps are all built on `evaluate`.

Models: a TokenFactory, a (PriceCard, Workload) pair, a MarketplaceDeal, an IaasDeal, a ValueCapture
and a Goodput.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from . import _core


def evaluate(model: Any, inputs: Mapping[str, Any], *, outputs: Sequence[str] | None = None,
             out: Mapping[str, np.ndarray] | None = None, threads: int = 0) -> dict[str, np.ndarray]:
    """The outputs of `model` for each scenario: {output name: float64 array of length N}, in the order of
    `output_names(model)`; only `outputs` when given (the others are not computed).

    `out` takes arrays to write into instead ({output name: array}; only those outputs are computed):
    float64, 1-D, contiguous, writeable, one value per scenario, sharing no memory with an input or
    another output. Reusing them across chunks of a large sweep saves allocating (and the operating
    system zeroing) fresh memory for every chunk. If a scenario fails, its error is raised and the
    arrays may hold partial results.
    """
    if not inputs:
        raise ValueError("batch evaluation needs at least one input, e.g. {'utilization': np.linspace(0.5, 1, 11)}")
    if out is not None and outputs is not None:
        raise ValueError("give outputs (names to compute) or out (arrays to write into), not both")
    wanted = None if outputs is None else list(outputs)
    given = None if out is None else dict(out)
    return dict(_core._batch(model, dict(inputs), wanted, threads, given))


def retained_bytes() -> int:
    """Bytes of freed large results that the next batches will reuse (up to 2 GiB is kept).

    Fresh memory costs the operating system a page fault and a zeroing of each page on first write,
    at 10 million scenarios about as long as the kernel itself; so result arrays of 1 MiB or more take
    memory that earlier results gave back when they were freed."""
    return int(_core._retained_result_bytes())


def release_memory() -> None:
    """Give the memory kept for reuse (see `retained_bytes`) back to the operating system."""
    _core._release_result_memory()


def base_inputs(model: Any) -> dict[str, float]:
    """The model's inputs that a batch can vary, with their current values (in the units their names carry)."""
    return dict(_core._batch_inputs(model))


def output_names(model: Any) -> list[str]:
    """The outputs `evaluate` returns for this model, in order."""
    return list(_core._batch_outputs(model))


__all__ = ["base_inputs", "evaluate", "output_names", "release_memory", "retained_bytes"]
