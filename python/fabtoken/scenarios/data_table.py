"""Data tables: the spreadsheet what-if grid of one output over one or two inputs.

    ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": [1.0, 1.5, 2.0]})
    ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": prices},
                  y={"tokens_per_s_per_gpu": throughputs}, utilization=0.9)

Every cell is one scenario of a single batch call; inputs not named keep the model's own values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from .. import batch
from ._arguments import all_finite, finite_float, known_input, known_output, one_entry, scenario_index, values


def data_table(model: Any, output: str | Sequence[str], x: Mapping[str, ArrayLike],
               y: Mapping[str, ArrayLike] | None = None, **fixed: float) -> pd.DataFrame:
    """The output over the grid of `x` (rows) and `y` (columns); `fixed` inputs hold for every cell.

    One-way (no `y`): index = the x values, named after the x input; one column per output (`output`
    may then be a list of names). Two-way: index = x values, columns = y values, each cell `output`.
    """
    base = batch.base_inputs(model)
    outputs = _outputs(model, output, two_way=y is not None)
    x_name, xs = _axis(model, base, x, "x")
    y_name, ys = _axis(model, base, y, "y") if y is not None else (None, None)
    if y_name == x_name:
        raise ValueError(f"x and y both vary {x_name!r}; a two-way table needs two different inputs")
    varied = {x_name: xs}
    if y_name is not None and ys is not None:  # the grid, flattened row by row: cell (i, j) is scenario i * len(ys) + j
        grid_x, grid_y = np.meshgrid(xs, ys, indexing="ij")
        varied = {x_name: grid_x.ravel(), y_name: grid_y.ravel()}
    held = _fixed(model, base, fixed, varied)
    cells = len(varied[x_name])

    def describe(i: int) -> str:
        return "the cell " + ", ".join(f"{name}={float(column[i])!r}" for name, column in varied.items())

    try:
        results = batch.evaluate(model, {**varied, **held}, outputs=outputs)
    except ValueError as error:
        i = scenario_index(error)
        where = describe(i) if i is not None and i < cells else "a cell"
        raise ValueError(f"data table: {where} is invalid: {error}") from error
    all_finite(results, describe)

    index = pd.Index(xs, name=x_name)
    if y_name is None or ys is None:
        return pd.DataFrame({name: results[name] for name in outputs}, index=index)
    return pd.DataFrame(results[outputs[0]].reshape(len(xs), len(ys)), index=index, columns=pd.Index(ys, name=y_name))

def _outputs(model: Any, output: str | Sequence[str], *, two_way: bool) -> list[str]:
    if isinstance(output, str):
        return [known_output(model, output)]
    if not isinstance(output, Sequence):
        raise TypeError(f"output must be an output name or a list of them, got {output!r}")
    if two_way:
        raise ValueError(f"a two-way data table shows one output, got output={list(output)!r}; "
                         "make one table per output")
    names = [known_output(model, name, "each name in output") for name in output]
    if not names:
        raise ValueError("output is empty: give at least one output name")
    if len(set(names)) != len(names):
        raise ValueError(f"output names an output more than once: {names!r}")
    return names


def _axis(model: Any, base: Mapping[str, float], axis: Mapping[str, ArrayLike], parameter: str) -> tuple[str, np.ndarray]:
    name, raw = one_entry(axis, parameter)
    known_input(name, base, parameter, model)
    return name, np.atleast_1d(values(raw, f"{parameter}[{name!r}]"))


def _fixed(model: Any, base: Mapping[str, float], fixed: Mapping[str, object],
           varied: Mapping[str, np.ndarray]) -> dict[str, float]:
    held = {}
    for name, value in fixed.items():
        known_input(name, base, "a fixed input (keyword argument)", model)
        if name in varied:
            raise ValueError(f"{name} is both varied (x or y) and fixed at {value!r}; give it once")
        held[name] = finite_float(value, name)
    return held


__all__ = ["data_table"]
