"""Goal seek: the value of one input that brings an output to a target, for one scenario or many.

    ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0))   # break-even price
    ft.goal_seek(h200, "cloud_gross_margin", 0.35, "usd_per_server", bracket=(1e5, 5e5),
                 scenarios={"rental_usd_per_gpu_hour": [1.7, 1.9, 2.1]})                        # one per rental

The solver keeps a bracket [a, b] around the root for every scenario and shrinks all of them together:
each iteration is one batch call over the scenarios not yet converged. Its steps are false position
with the Illinois modification (superlinear on smooth outputs), and a bisection step whenever two
steps in a row failed to halve a bracket, so a bracket at least halves every three iterations
whatever the output's shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .. import batch
from ._arguments import all_finite, finite_float, known_input, known_output, listing, scenario_index, values

_EPS = float(np.finfo(float).eps)


def goal_seek(model: Any, output: str, target: float | ArrayLike, input: str, bracket: tuple[float, float], *,
              scenarios: Mapping[str, ArrayLike] | None = None, xtol: float = 1e-12,
              max_iterations: int = 200) -> float | np.ndarray:
    """The value of `input` in `bracket` at which `output` equals `target`, other inputs at base.

    `scenarios` sets other inputs, each to one value or to an array with one value per scenario
    (`target` may be such an array too); then the answer is an array with one root per scenario,
    else a float. The root is found to within `xtol` (plus a few ulps) in the input's unit.
    ValueError if the output does not cross the target between the bracket's ends in some scenario.
    """
    known_output(model, output)
    base = batch.base_inputs(model)
    known_input(input, base, "input", model)
    lo, hi = _bracket(bracket)
    tolerance = finite_float(xtol, "xtol")
    if tolerance <= 0:
        raise ValueError(f"xtol must be positive (a tolerance on {input}), got {tolerance!r}")
    if isinstance(max_iterations, bool) or not isinstance(max_iterations, (int, np.integer)) or max_iterations < 1:
        raise ValueError(f"max_iterations must be a whole number of at least 1, got {max_iterations!r}")
    columns, targets, vectorized = _scenarios(model, base, input, scenarios, target)
    problem = _Problem(model, output, input, columns, targets)

    a, b = np.full(len(targets), lo), np.full(len(targets), hi)
    fa, fb = problem.residuals_at_ends(lo, hi)
    _require_sign_change(problem, lo, hi, fa, fb, vectorized)

    root = np.where(fa == 0, a, np.where(fb == 0, b, np.nan))
    kept = np.zeros(len(targets), dtype=np.int8)  # which end the last step kept: -1 a, +1 b, 0 neither yet
    halved_to = b - a                             # the bracket's width when it last halved
    slow_steps = np.zeros(len(targets), dtype=np.int8)  # steps since then; at 2 the next step bisects
    for iteration in range(int(max_iterations) + 1):
        open_ = np.isnan(root)
        converged = open_ & (b - a <= tolerance + 4 * _EPS * np.maximum(abs(a), abs(b)))
        root[converged] = np.where(abs(fa[converged]) <= abs(fb[converged]), a[converged], b[converged])
        active = np.flatnonzero(open_ & ~converged)
        if active.size == 0:
            break
        if iteration == max_iterations:
            raise ValueError(f"goal_seek did not converge within max_iterations={max_iterations}: "
                             f"{_where(active, vectorized)}the bracket for {input} is still "
                             f"[{float(a[active[0]])!r}, {float(b[active[0]])!r}], wider than xtol={tolerance!r}; "
                             "raise max_iterations or xtol")
        A, B, FA, FB = a[active], b[active], fa[active], fb[active]
        with np.errstate(all="ignore"):  # a NaN or off-bracket step is replaced by bisection just below
            c = B - FB * (B - A) / (FB - FA)
        c = np.where((slow_steps[active] >= 2) | ~(c > A) | ~(c < B), A + 0.5 * (B - A), c)
        fc = problem.residuals(c, active)

        replaces_a = np.sign(fc) == np.sign(FA)
        new_a, new_fa = np.where(replaces_a, c, A), np.where(replaces_a, fc, FA)
        new_b, new_fb = np.where(replaces_a, B, c), np.where(replaces_a, FB, fc)
        # Illinois: an end kept twice in a row has its residual halved, pulling the next step towards it.
        new_fb = np.where(replaces_a & (kept[active] == 1), 0.5 * new_fb, new_fb)
        new_fa = np.where(~replaces_a & (kept[active] == -1), 0.5 * new_fa, new_fa)
        kept[active] = np.where(replaces_a, 1, -1)
        halved = new_b - new_a <= 0.5 * halved_to[active]
        halved_to[active] = np.where(halved, new_b - new_a, halved_to[active])
        slow_steps[active] = np.where(halved, 0, slow_steps[active] + 1)
        a[active], fa[active], b[active], fb[active] = new_a, new_fa, new_b, new_fb
        root[active[fc == 0]] = c[fc == 0]
    return root if vectorized else float(root[0])


class _Problem:
    """The residual output - target as a function of the solved input, per scenario."""

    def __init__(self, model: Any, output: str, input: str, columns: Mapping[str, np.ndarray],
                 targets: np.ndarray) -> None:
        self.model, self.output, self.input, self.columns, self.targets = model, output, input, columns, targets

    def residuals_at_ends(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
        """Both ends of the bracket for every scenario, in one batch call of 2N scenarios."""
        n = len(self.targets)
        at_ends = self.residuals(np.repeat([lo, hi], n), np.tile(np.arange(n), 2))
        return at_ends[:n], at_ends[n:]

    def residuals(self, xs: np.ndarray, scenarios: np.ndarray) -> np.ndarray:
        """Output - target with the input at `xs`, row k being scenario `scenarios[k]`."""
        inputs: dict[str, Any] = {name: column[scenarios] if column.ndim else float(column)
                                  for name, column in self.columns.items()}
        inputs[self.input] = xs

        def describe(k: int) -> str:
            return f"{self.input}={float(xs[k])!r} (scenario {int(scenarios[k])})"

        try:
            result = batch.evaluate(self.model, inputs, outputs=[self.output])[self.output]
        except ValueError as error:
            k = scenario_index(error)
            where = describe(k) if k is not None and k < len(xs) else f"some {self.input} in the bracket"
            raise ValueError(f"goal_seek: the model is invalid at {where}: {error}") from error
        all_finite({self.output: result}, describe)
        return result - self.targets[scenarios]


def _bracket(bracket: object) -> tuple[float, float]:
    if isinstance(bracket, (str, bytes)) or not isinstance(bracket, Sequence) or len(bracket) != 2:
        raise ValueError(f"bracket must be a (low, high) pair of the solved input, got {bracket!r}")
    lo, hi = finite_float(bracket[0], "bracket[0] (low)"), finite_float(bracket[1], "bracket[1] (high)")
    if not lo < hi:
        raise ValueError(f"bracket must be (low, high) with low < high, got {bracket!r}")
    return lo, hi


def _scenarios(model: Any, base: Mapping[str, float], input: str, scenarios: Mapping[str, ArrayLike] | None,
               target: float | ArrayLike) -> tuple[dict[str, np.ndarray], np.ndarray, bool]:
    """The scenario columns (0-d or 1-D), the target per scenario, and whether any of them was an array."""
    if scenarios is not None and not isinstance(scenarios, Mapping):
        raise TypeError(f"scenarios must be a mapping {{input: value or array}}, got {scenarios!r}")
    columns = {}
    for name, raw in (scenarios or {}).items():
        known_input(name, base, "scenarios", model)
        if name == input:
            raise ValueError(f"scenarios sets {name!r}, the input goal_seek solves for; leave it out of scenarios")
        columns[name] = values(raw, f"scenarios[{name!r}]")
    targets = values(target, "target")
    lengths = {name: len(column) for name, column in [*columns.items(), ("target", targets)] if column.ndim == 1}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"scenarios and target must have one length per scenario, got lengths {lengths}")
    n = next(iter(lengths.values()), 1)
    return columns, np.broadcast_to(targets, (n,)), bool(lengths)


def _require_sign_change(problem: _Problem, lo: float, hi: float, fa: np.ndarray, fb: np.ndarray,
                         vectorized: bool) -> None:
    rootless = np.flatnonzero(np.sign(fa) * np.sign(fb) > 0)
    if rootless.size == 0:
        return
    details = "; ".join(
        f"{_where(np.array([i]), vectorized)}{problem.output} goes from {fa[i] + problem.targets[i]:.7g} "
        f"to {fb[i] + problem.targets[i]:.7g}, target {problem.targets[i]:.7g}"
        for i in rootless[:5])
    raise ValueError(f"no root in [{lo!r}, {hi!r}] for {problem.input}"
                     + (f" in scenarios {listing(rootless)}" if vectorized else "") + f": {details}; "
                     "widen the bracket or check that the target is reachable")


def _where(indices: np.ndarray, vectorized: bool) -> str:
    return f"scenario{'s' if len(indices) > 1 else ''} {listing(indices)}: " if vectorized else ""


__all__ = ["goal_seek"]
