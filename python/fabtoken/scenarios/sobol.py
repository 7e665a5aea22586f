"""Sobol indices: which uncertain inputs drive the variance of an output (needs SALib: pip install fabtoken[sobol]).

    ft.sobol_indices(h200, "compute_cost_usd_per_mtok",
                     {"rental_usd_per_gpu_hour": (1.6, 2.4), "tokens_per_s_per_gpu": (600, 800)})

Each input is taken uniform over its bounds and independent of the others. S1 is the share of the
output's variance due to the input alone, ST the share it has a hand in, interactions included
(ST - S1 is its interactions). The inputs are sampled with SALib's Saltelli scheme on a scrambled
Sobol sequence (n * (D + 2) scenarios for D inputs, n * (2D + 2) with second order), all run through
one `ft.batch.evaluate` call, and analysed by SALib.analyze.sobol; the *_conf columns are the
half-widths of bootstrap 95% confidence intervals.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from .. import batch
from ._arguments import all_finite, finite_float, known_input, known_output, scenario_index


def sobol_indices(model: Any, output: str, bounds: Mapping[str, tuple[float, float]], n: int = 1024, *,
                  seed: int | None = 0, second_order: bool = False, threads: int = 0) -> pd.DataFrame:
    """Columns S1, S1_conf, ST, ST_conf, one row per input of `bounds` (in its order).

    `n`, a power of two (the Sobol sequence's balance needs it), is the base sample size. With
    `second_order`, the pair indices are in `frame.attrs["S2"]`: one row per pair of inputs, columns
    S2 and S2_conf. `seed` fixes the scrambling and the bootstrap (None: fresh each call).
    """
    try:
        from SALib.analyze import sobol as analyze  # type: ignore[import-untyped]
        from SALib.sample import sobol as sample  # type: ignore[import-untyped]
    except ImportError as error:
        raise ImportError("sobol_indices needs SALib: pip install fabtoken[sobol]") from error

    known_output(model, output)
    names, ranges = _bounds(model, bounds)
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 2 or n & (n - 1):
        raise ValueError(f"n must be a power of two of at least 2 (e.g. 1024), got {n!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
        raise ValueError(f"seed must be a non-negative whole number or None, got {seed!r}")

    if second_order and len(names) < 2:
        raise ValueError(f"second_order needs at least two inputs in bounds, got {names!r}")

    problem = {"num_vars": len(names), "names": names, "bounds": ranges}
    points = sample.sample(problem, int(n), calc_second_order=second_order, seed=seed)
    scenarios = {name: points[:, j] for j, name in enumerate(names)}

    def describe(i: int) -> str:
        return "the scenario " + ", ".join(f"{name}={float(column[i])!r}" for name, column in scenarios.items())

    try:
        results = batch.evaluate(model, scenarios, outputs=[output], threads=threads)
    except ValueError as error:
        i = scenario_index(error)
        where = describe(i) if i is not None and i < len(points) else "a scenario"
        raise ValueError(f"Sobol sampling of the bounds reached {where}, which is invalid: {error}; "
                         "narrow the bounds to values the model accepts") from error
    all_finite(results, describe)
    values = results[output]
    if np.ptp(values) == 0.0:
        raise ValueError(f"{output} does not vary over these bounds (it is {values[0]!r} in every scenario); "
                         "Sobol indices divide by its variance and are undefined")

    found = analyze.analyze(problem, values, calc_second_order=second_order, seed=seed)
    frame = pd.DataFrame({column: np.asarray(found[column], dtype=float) for column in ("S1", "S1_conf", "ST", "ST_conf")},
                         index=pd.Index(names, name="input"))
    if second_order:
        pairs = list(combinations(range(len(names)), 2))
        frame.attrs["S2"] = pd.DataFrame(
            {"S2": [float(found["S2"][i, j]) for i, j in pairs], "S2_conf": [float(found["S2_conf"][i, j]) for i, j in pairs]},
            index=pd.MultiIndex.from_tuples([(names[i], names[j]) for i, j in pairs], names=["input_a", "input_b"]))
    return frame


def _bounds(model: Any, bounds: Mapping[str, tuple[float, float]]) -> tuple[list[str], list[list[float]]]:
    if not isinstance(bounds, Mapping) or not bounds:
        raise ValueError(f"bounds must map at least one input name to (low, high), e.g. "
                         f"{{'rental_usd_per_gpu_hour': (1.6, 2.4)}}, got {bounds!r}")
    base = batch.base_inputs(model)
    names, ranges = [], []
    for name, pair in bounds.items():
        known_input(name, base, "bounds", model)
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"bounds[{name!r}] must be a pair (low, high), got {pair!r}")
        low, high = (finite_float(v, f"bounds[{name!r}] {side}") for v, side in zip(pair, ("low", "high"), strict=True))
        if not high > low:
            raise ValueError(f"bounds[{name!r}]: high must be greater than low ({low!r}), got {high!r}")
        names.append(name)
        ranges.append([low, high])
    return names, ranges


__all__ = ["sobol_indices"]
