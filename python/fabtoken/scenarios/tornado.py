"""Tornado tables: how far one output swings when each input alone moves to its low and its high.

    ft.tornado(h200, "cloud_gross_margin", relative=0.2, inputs=["rental_usd_per_gpu_hour", "usd_per_server"])
    ft.tornado(h200, "model_gross_margin", {"api_price_usd_per_mtok": (1.5, 2.0), "tokens_per_s_per_gpu": (600, 900)})

The base scenario and both ends of every input run in one batch call; `ft.plots.tornado` draws the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import batch
from ._arguments import all_finite, finite_float, known_input, known_output, scenario_index

COLUMNS = ["input", "low", "high", "output_at_low", "output_at_high", "swing"]


def tornado(model: Any, output: str, ranges: Mapping[str, tuple[float, float]] | None = None, *,
            relative: float | None = None, inputs: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per input moved alone (the others at base): columns input, low, high, output_at_low,
    output_at_high, swing (|output_at_high - output_at_low|), sorted by swing, largest first.

    Give either `ranges` ({input: (low, high)}) or `relative` (each input of `inputs`, default all
    of `batch.base_inputs(model)`, moved to base * (1 - relative) and base * (1 + relative)).
    `df.attrs["base"]` holds the output at base, `df.attrs["output"]` its name.
    """
    known_output(model, output)
    base = batch.base_inputs(model)
    ends = _ends(model, base, ranges, relative, inputs)

    # Scenario 0 is the base; input k's low end is scenario 1 + 2k, its high end 2 + 2k.
    scenarios = 1 + 2 * len(ends)
    columns = {name: np.full(scenarios, base[name]) for name in ends}
    for k, (name, (low, high)) in enumerate(ends.items()):
        columns[name][1 + 2 * k: 3 + 2 * k] = (low, high)
    moves = [("base", "", 0.0)] + [(name, end, value) for name, pair in ends.items()
                                   for end, value in zip(("low", "high"), pair, strict=True)]

    def describe(i: int) -> str:
        name, end, value = moves[i]
        return "the base scenario" if i == 0 else f"{name} at its {end} end ({value!r}, base {base[name]!r})"

    try:
        result = batch.evaluate(model, columns, outputs=[output])[output]
    except ValueError as error:
        i = scenario_index(error)
        where = describe(i) if i is not None and i < scenarios else "one of the moved inputs"
        raise ValueError(f"tornado: {where} makes the scenario invalid: {error}") from error
    all_finite({output: result}, describe)

    table = pd.DataFrame({
        "input": list(ends),
        "low": [low for low, _ in ends.values()],
        "high": [high for _, high in ends.values()],
        "output_at_low": result[1::2],
        "output_at_high": result[2::2],
    }, columns=COLUMNS[:5])
    table["swing"] = (table["output_at_high"] - table["output_at_low"]).abs()
    table = table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    table.attrs["base"] = float(result[0])
    table.attrs["output"] = output
    return table


def _ends(model: Any, base: Mapping[str, float], ranges: Mapping[str, tuple[float, float]] | None,
          relative: float | None, inputs: Sequence[str] | None) -> dict[str, tuple[float, float]]:
    """{input: (low, high)} from either explicit ranges or a relative move around each base value."""
    if (ranges is None) == (relative is None):
        raise ValueError("give either ranges={input: (low, high), ...} or relative=<fraction such as 0.2>, not "
                         + ("both" if ranges is not None else "neither"))
    if ranges is not None:
        if inputs is not None:
            raise ValueError("inputs picks the inputs moved by relative=; with ranges, the ranges' keys are the inputs")
        return _given_ranges(model, base, ranges)
    fraction = finite_float(relative, "relative")
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"relative must be between 0 and 1 (exclusive), e.g. 0.2 for +/-20%, got {fraction!r}")
    names = list(base) if inputs is None else _input_names(model, base, inputs)
    ends = {}
    for name in names:
        a, b = base[name] * (1.0 - fraction), base[name] * (1.0 + fraction)
        ends[name] = (min(a, b), max(a, b))  # a negative base swaps the ends
    return ends


def _given_ranges(model: Any, base: Mapping[str, float],
                  ranges: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    if not isinstance(ranges, Mapping):
        raise TypeError(f"ranges must be a mapping {{input: (low, high)}}, got {ranges!r}")
    if not ranges:
        raise ValueError("ranges is empty: give at least one input with its (low, high)")
    ends = {}
    for name, pair in ranges.items():
        known_input(name, base, "ranges", model)
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise ValueError(f"ranges[{name!r}] must be a (low, high) pair, got {pair!r}")
        low, high = finite_float(pair[0], f"the low end of ranges[{name!r}]"), finite_float(pair[1], f"the high end of ranges[{name!r}]")
        if not low < high:
            raise ValueError(f"ranges[{name!r}] must be (low, high) with low < high, got {pair!r}")
        ends[name] = (low, high)
    return ends


def _input_names(model: Any, base: Mapping[str, float], inputs: Sequence[str]) -> list[str]:
    if isinstance(inputs, str) or not isinstance(inputs, Sequence):
        raise TypeError(f"inputs must be a list of input names, got {inputs!r}")
    if not inputs:
        raise ValueError("inputs is empty: name at least one input to move, or leave it out to move them all")
    names = [known_input(name, base, "inputs", model) for name in inputs]
    if len(set(names)) != len(names):
        raise ValueError(f"inputs names an input more than once: {names!r}")
    return names


__all__ = ["tornado"]
