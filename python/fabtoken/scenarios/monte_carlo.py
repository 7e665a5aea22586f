"""Monte Carlo: a model's outputs when some inputs are uncertain.

    result = ft.monte_carlo(h200, {"tokens_per_s_per_gpu": ft.Triangular(600, 735, 800),
                                   "rental_usd_per_gpu_hour": ft.Pert(1.6, 1.9, 2.4)}, n=10_000)
    result.percentiles("model_gross_margin")          # p5, p50, p95
    result.summary()                                  # mean, sd and percentiles of every output

Each uncertain input is drawn independently, n times, from one numpy Generator(PCG64(seed)), the
inputs taken in sorted order of their names, so a seed gives the same draws whatever the order of the
mapping. All n scenarios then run through a single `ft.batch.evaluate` call; inputs not named keep
the model's own values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import batch
from ._arguments import all_finite, known_input, known_output, scenario_index
from .distributions import Distribution, Fixed

DEFAULT_PERCENTILES = (5.0, 50.0, 95.0)


@dataclass(frozen=True, eq=False)  # compared by identity: a DataFrame has no single truth value for ==
class MonteCarloResult:
    """The draws and what the model made of them: `samples` has one row per draw, the drawn inputs
    (sorted by name) then the outputs."""

    samples: pd.DataFrame
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    seed: int | None

    @property
    def n(self) -> int:
        return len(self.samples)

    def percentiles(self, output: str, q: Sequence[float] = DEFAULT_PERCENTILES) -> pd.Series:
        """The q-th percentiles (0 to 100, linear interpolation between draws) of an output or input,
        indexed by q."""
        column = self._column(output)
        points = _percent_points(q)
        return pd.Series(np.percentile(self.samples[column].to_numpy(), points), index=pd.Index(points, name="percentile"),
                         name=column)

    def summary(self, q: Sequence[float] = DEFAULT_PERCENTILES) -> pd.DataFrame:
        """One row per output: mean, sd (of the draws, n - 1 in the denominator; 0 when they are all
        equal) and the percentiles, in columns named p5, p50, p95..."""
        points = _percent_points(q)
        rows = {}
        for output in self.outputs:
            values = self.samples[output].to_numpy()
            # exactly 0 for constant draws (numpy's mean of equal values can be off by a rounding)
            sd = float(np.std(values, ddof=1)) if np.ptp(values) > 0 else 0.0
            rows[output] = [float(np.mean(values)), sd, *np.percentile(values, points)]
        return pd.DataFrame.from_dict(rows, orient="index", columns=["mean", "sd", *(f"p{p:g}" for p in points)])

    def histogram(self, output: str, bins: int = 50) -> tuple[np.ndarray, np.ndarray]:
        """(counts, edges) of an output's draws in `bins` equal bins, as numpy.histogram."""
        column = self._column(output)
        if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 1:
            raise ValueError(f"bins must be a whole number of at least 1, got {bins!r}")
        counts, edges = np.histogram(self.samples[column].to_numpy(), bins=int(bins))
        return counts, edges

    def _column(self, name: str) -> str:
        if name not in self.samples.columns:
            raise ValueError(f"{name!r} is not in this Monte Carlo result; expected one of: "
                             f"{', '.join(self.outputs + self.inputs)}")
        return name


def monte_carlo(model: Any, distributions: Mapping[str, Distribution | float], n: int, *, seed: int | None = 0,
                outputs: Sequence[str] | None = None, threads: int = 0) -> MonteCarloResult:
    """n draws of the named inputs (a number stands for Fixed(number)), and the model's outputs for each.

    `seed` makes the draws reproducible (None: fresh entropy each call); `outputs` restricts the
    outputs computed (default all). A draw the model refuses (say a negative throughput from a
    Normal) raises ValueError naming the draw and the input.
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n (the number of draws) must be a whole number, got {n!r}")
    if n < 1:
        raise ValueError(f"n (the number of draws) must be at least 1, got {n}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
        raise ValueError(f"seed must be a non-negative whole number or None, got {seed!r}")
    if not isinstance(distributions, Mapping) or not distributions:
        raise ValueError("distributions must map at least one input name to a distribution, "
                         f"e.g. {{'utilization': Uniform(0.6, 1.0)}}, got {distributions!r}")
    base = batch.base_inputs(model)
    named = {known_input(name, base, "distributions", model): _distribution(name, d) for name, d in distributions.items()}
    wanted = None if outputs is None else [known_output(model, name, "each name in outputs") for name in outputs]

    rng = np.random.Generator(np.random.PCG64(seed))
    draws = {name: named[name].sample(rng, int(n)) for name in sorted(named)}

    def describe(i: int) -> str:
        return f"draw {i} (" + ", ".join(f"{name}={float(column[i])!r}" for name, column in draws.items()) + ")"

    try:
        results = batch.evaluate(model, draws, outputs=wanted, threads=threads)
    except ValueError as error:
        i = scenario_index(error)
        where = describe(i) if i is not None and i < n else "a draw"
        raise ValueError(f"Monte Carlo {where} is invalid: {error}. Draws are not clipped: bound an input "
                         "with a bounded distribution or Normal(...).truncated(low, high)") from error
    all_finite(results, describe)
    samples = pd.DataFrame({**draws, **results})
    return MonteCarloResult(samples, tuple(draws), tuple(results), seed)


def _distribution(name: str, value: object) -> Distribution:
    if isinstance(value, Distribution):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        return Fixed(float(value))
    raise TypeError(f"distributions[{name!r}] must be a distribution (Uniform, Triangular, Pert, Normal, "
                    f"LogNormal, Fixed...) or a number, got {value!r}")


def _percent_points(q: Sequence[float]) -> list[float]:
    points = [float(p) for p in np.atleast_1d(np.asarray(q, dtype=float))]
    if not points:
        raise ValueError("q must hold at least one percentile, e.g. (5, 50, 95)")
    bad = [p for p in points if not 0.0 <= p <= 100.0]
    if bad:
        raise ValueError(f"percentiles must lie in [0, 100], got {bad[0]!r}")
    return points


__all__ = ["DEFAULT_PERCENTILES", "MonteCarloResult", "monte_carlo"]
