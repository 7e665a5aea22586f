"""Built-in presets, and the loader for token-factory files of the same CSV format.

Every value in a preset file carries its source and date; ``provenance(name)`` shows them.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ._core import TokenFactory, _read_token_factory

DEFAULT = "h200-deepseek-r1"
_DIRECTORY = files("fabtoken") / "data" / "presets"


def names() -> list[str]:
    """The names of the built-in presets."""
    return sorted(p.name.removesuffix(".csv") for p in _DIRECTORY.iterdir() if p.name.endswith(".csv"))


def path(name: str) -> Path:
    """The file behind a built-in preset; ValueError for an unknown name."""
    if name not in names():
        raise ValueError(f"unknown preset {name!r}; available: {', '.join(names())}")
    return Path(str(_DIRECTORY / f"{name}.csv"))


def token_factory(name: str = DEFAULT) -> TokenFactory:
    """The token factory of a built-in preset."""
    return read_token_factory(path(name))


def provenance(name: str = DEFAULT) -> pd.DataFrame:
    """Each value of a built-in preset with its unit, source, date and note."""
    return read_provenance(path(name))


def read_token_factory(file: str | os.PathLike[str]) -> TokenFactory:
    """A token factory from a preset CSV file of your own (the file is only read)."""
    factory, _ = _read_token_factory(os.fspath(file))
    return factory


def read_provenance(file: str | os.PathLike[str]) -> pd.DataFrame:
    """The values of a preset CSV file with their units, sources, dates and notes."""
    _, rows = _read_token_factory(os.fspath(file))
    return pd.DataFrame(rows, columns=["parameter", "value", "unit", "source", "date", "note"])
