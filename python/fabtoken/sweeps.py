"""Sweeps: a token factory over many scenarios at once.

    ft.sweep(h200, api_price_usd_per_mtok=np.linspace(1, 3, 41))
    ft.sweep(h200, rental_usd_per_gpu_hour=rentals, tokens_per_s_per_gpu=throughputs)   # paired columns

Each keyword is an input of the token factory (``TokenFactory.parameters()``), given as one value or
an array with one value per scenario, in the unit its name carries. Every scenario runs through the
same validated C++ layers as ``evaluate()``, on all cores, without the GIL; an invalid scenario
raises ValueError naming its index and input.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._core import TokenFactory, _sweep_token_factory


def sweep(factory: TokenFactory, *, threads: int = 0, **inputs: Any) -> pd.DataFrame:
    """One row per scenario: the swept inputs, then the results (costs, margins) with units in their names."""
    if not inputs:
        raise ValueError("sweep needs at least one input to vary, e.g. api_price_usd_per_mtok=np.linspace(1, 3, 41)")
    results = _sweep_token_factory(factory, inputs, threads)
    scenarios = len(next(iter(results.values())))
    swept = {name: np.broadcast_to(np.asarray(values, dtype=float), (scenarios,)) for name, values in inputs.items()}
    return pd.DataFrame({**swept, **results})


__all__ = ["sweep"]
