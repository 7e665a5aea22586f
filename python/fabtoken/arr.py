"""AI lab revenue builds: ARR series to growth, segment mix, recognized revenue and compute.

    lab = ft.arr.preset("anthropic-quarterly")        # figures.md section 3
    lab.table()                                        # ARR, net new, growth, segment mix
    lab.revenue("linear_within_quarter")               # (opening + closing) / 2 / 4 per quarter
    lab.compute_linkage("linear_within_quarter", arr_per_mw_musd_per_mw_year=42, gross_margin=0.65,
                        token_price_usd_per_mtok=10)
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from ._core import ArrSeries, read_arr_csv

_DIRECTORY = files("fabtoken") / "data" / "arr"
CONVENTIONS = ("linear_within_quarter", "monthly_run_rate")


def names() -> list[str]:
    """The names of the built-in ARR series."""
    return sorted(p.name.removesuffix(".csv") for p in _DIRECTORY.iterdir() if p.name.endswith(".csv"))


def path(name: str) -> Path:
    """The file behind a built-in ARR series; ValueError for an unknown name."""
    if name not in names():
        raise ValueError(f"unknown ARR series {name!r}; available: {', '.join(names())}")
    return Path(str(_DIRECTORY / f"{name}.csv"))


def preset(name: str) -> ArrSeries:
    """A built-in ARR series."""
    return read_csv(path(name))


def read_csv(file: str | os.PathLike[str]) -> ArrSeries:
    """An ARR series from a CSV: period, total, then segments, in USD M (the file is only read)."""
    return read_arr_csv(os.fspath(file))


__all__ = ["CONVENTIONS", "names", "path", "preset", "read_csv"]
