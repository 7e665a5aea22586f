"""Sweeps: a model over many scenarios at once, as a table.

    ft.sweep(h200, api_price_usd_per_mtok=np.linspace(1, 3, 41))
    ft.sweep(h200, rental_usd_per_gpu_hour=rentals, tokens_per_s_per_gpu=throughputs)   # paired columns

Each keyword is an input of the model (``ft.batch.base_inputs(model)``), given as one value or an
array with one value per scenario, in the unit its name carries. The C++ kernel checks each column
against the input's domain and runs the model's relations on all cores, without the GIL; an invalid
scenario raises ValueError naming its index and input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import batch


def sweep(model: Any, *, outputs: Sequence[str] | None = None, threads: int = 0, **inputs: Any) -> pd.DataFrame:
    """One row per scenario: the swept inputs, then the results (all, or `outputs`) with units in their names."""
    if not inputs:
        raise ValueError("sweep needs at least one input to vary, e.g. api_price_usd_per_mtok=np.linspace(1, 3, 41)")
    results = batch.evaluate(model, inputs, outputs=outputs, threads=threads)
    scenarios = len(next(iter(results.values()))) if results else 1
    swept = {name: np.broadcast_to(np.asarray(values, dtype=float), (scenarios,)) for name, values in inputs.items()}
    return pd.DataFrame({**swept, **results})


__all__ = ["sweep"]
