"""Argument checks shared by the scenario tools. Each error names the parameter, the bad value and
what was expected, before any scenario runs."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .. import batch

_SHOWN = 5  # how many offending scenarios an error message lists before "..."


def model_name(model: Any) -> str:
    return type(model).__name__


def known_output(model: Any, output: object, parameter: str = "output") -> str:
    """`output` if the model computes it."""
    if not isinstance(output, str):
        raise TypeError(f"{parameter} must be an output name (str), got {output!r}")
    names = batch.output_names(model)
    if output not in names:
        raise ValueError(f"{parameter}={output!r} is not an output of {model_name(model)}; expected one of: {', '.join(names)}")
    return output


def known_input(name: object, base: Mapping[str, float], parameter: str, model: Any) -> str:
    """`name` if it is one of the model's inputs that can vary (`base`, from batch.base_inputs)."""
    if not isinstance(name, str):
        raise TypeError(f"{parameter} must name an input (str), got {name!r}")
    if name not in base:
        raise ValueError(f"{parameter} names {name!r}, which is not an input of {model_name(model)}; "
                         f"expected one of: {', '.join(base)}")
    return name


def finite_float(value: object, parameter: str) -> float:
    """`value` as a float; a bool, a non-number or NaN/inf is refused."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{parameter} must be a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{parameter} must be a finite number, got {number!r}")
    return number


def values(raw: object, parameter: str) -> np.ndarray:
    """One finite value (0-d) or a non-empty 1-D array of finite values, as float64."""
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{parameter} must be a number or a 1-D array of numbers, got {raw!r}") from error
    if array.ndim > 1:
        raise ValueError(f"{parameter} must be a number or a 1-D array, got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{parameter} is empty: give at least one value")
    if array.ndim == 0 and not np.isfinite(array):
        raise ValueError(f"{parameter} must be a finite number, got {float(array)!r}")
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise ValueError(f"{parameter} must hold finite numbers, got {float(array[bad[0]])!r} at position {int(bad[0])}")
    return array


def one_entry(mapping: object, parameter: str) -> tuple[str, Any]:
    """The single (input name, values) pair of a mapping such as x={"utilization": [...]}."""
    if not isinstance(mapping, Mapping):
        raise TypeError(f"{parameter} must be a mapping of one input name to its values, e.g. "
                        f"{{'utilization': [0.6, 0.8, 1.0]}}, got {mapping!r}")
    if len(mapping) != 1:
        raise ValueError(f"{parameter} must hold exactly one input, got {len(mapping)}: {list(mapping)}")
    name, raw = next(iter(mapping.items()))
    return name, raw


def listing(indices: Sequence[int] | np.ndarray) -> str:
    """'3, 7, 9' or '3, 7, 9, 12, 15, ... (40 in all)'."""
    shown = ", ".join(str(int(i)) for i in indices[:_SHOWN])
    return shown if len(indices) <= _SHOWN else f"{shown}, ... ({len(indices)} in all)"


def scenario_index(error: ValueError) -> int | None:
    """The index of the scenario a batch error names ("scenario 12: ..."), if it names one."""
    found = re.search(r"\bscenario\s+(?:index\s+)?#?(\d+)", str(error))
    return int(found.group(1)) if found else None


def all_finite(results: Mapping[str, np.ndarray], describe: Callable[[int], str]) -> None:
    """Refuses a NaN or infinite output rather than handing it on; `describe(i)` says what scenario i was."""
    for name, column in results.items():
        bad = np.flatnonzero(~np.isfinite(column))
        if bad.size:
            i = int(bad[0])
            raise ValueError(f"{name} is not finite ({float(column[i])!r}) for {describe(i)}; the model is undefined there")
