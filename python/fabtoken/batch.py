"""Batch evaluation: any model over many scenarios at once, the one door every scenario tool goes through.

    ft.batch.evaluate(h200, {"rental_usd_per_gpu_hour": rentals, "utilization": 0.9})
    ft.batch.base_inputs(h200)      # {"usd_per_server": 246391.0, ...}: the inputs that can vary
    ft.batch.output_names(h200)     # ["total_cost_usd_per_gpu_hour", "cloud_gross_margin", ...]

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
             threads: int = 0) -> dict[str, np.ndarray]:
    """The outputs of `model` for each scenario: {output name: float64 array of length N}, in the order of
    `output_names(model)`; only `outputs` when given (the others are not computed)."""
    if not inputs:
        raise ValueError("batch evaluation needs at least one input, e.g. {'utilization': np.linspace(0.5, 1, 11)}")
    wanted = None if outputs is None else list(outputs)
    return dict(_core._batch(model, dict(inputs), wanted, threads))


def base_inputs(model: Any) -> dict[str, float]:
    """The model's inputs that a batch can vary, with their current values (in the units their names carry)."""
    return dict(_core._batch_inputs(model))


def output_names(model: Any) -> list[str]:
    """The outputs `evaluate` returns for this model, in order."""
    return list(_core._batch_outputs(model))


__all__ = ["base_inputs", "evaluate", "output_names"]
