"""What the commands share: the parser, value parsing, missing values, number formats."""

from __future__ import annotations

import argparse
import math
from typing import Any

import pandas as pd


class Parser(argparse.ArgumentParser):
    """Usage errors as one line, with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"fabtoken: error: {message}\n")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")


def parse_assignment(text: str) -> tuple[str, float]:
    """'name=value' from --set, the value a number."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"--set expects name=value, got {text!r}")
    try:
        return name.strip(), float(value)
    except ValueError:
        raise ValueError(f"--set {name.strip()}: value must be a number, got {value!r}") from None


def parse_numbers(text: str, option: str) -> list[float]:
    """'10,15,20' for an option taking numbers separated by commas."""
    try:
        numbers = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise ValueError(f"{option} expects numbers separated by commas, got {text!r}") from None
    if not numbers:
        raise ValueError(f"{option} expects at least one number, got {text!r}")
    return numbers


def missing(value: Any) -> bool:
    """A value a table leaves out: None, NaN or pandas' NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows for JSON: missing values as null (json.dumps would write NaN, which is not JSON)."""
    return [{str(k): None if missing(v) else v for k, v in row.items()} for row in frame.to_dict("records")]


def whole_percent(share: float) -> str:
    """A share as a whole percentage, ties rounded half up as published tables do (12.5% -> 13%)."""
    return f"{math.floor(100 * share + 0.5 + 1e-9):.0f}%"


def percent_or_blank(value: Any) -> str:
    return "" if missing(value) else f"{100 * float(value):,.0f}%"
