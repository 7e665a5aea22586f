"""Clusters: goodput and TCO, with the GB300 Gold and Silver tiers of figures.md section 6 as presets.

    goodput, tco = ft.clusters.preset("gb300-gold")
    goodput.total_loss          # 6.14%
    tco.table()                 # the monthly bill, line by line
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ._core import ClusterTco, Goodput, _read_cluster

DEFAULT = "gb300-gold"
_DIRECTORY = files("fabtoken") / "data" / "clusters"
_COLUMNS = ["parameter", "value", "unit", "source", "date", "note"]


def names() -> list[str]:
    """The names of the built-in cluster presets."""
    return sorted(p.name.removesuffix(".csv") for p in _DIRECTORY.iterdir() if p.name.endswith(".csv"))


def path(name: str) -> Path:
    """The file behind a cluster preset; ValueError for an unknown name."""
    if name not in names():
        raise ValueError(f"unknown cluster preset {name!r}; available: {', '.join(names())}")
    return Path(str(_DIRECTORY / f"{name}.csv"))


def read(file: str | os.PathLike[str]) -> tuple[Goodput, ClusterTco]:
    """A cluster's goodput and TCO from a parameter file; the TCO is billed with the goodput's loss."""
    goodput, tco, _ = _read_cluster(os.fspath(file))
    return goodput, tco


def preset(name: str = DEFAULT) -> tuple[Goodput, ClusterTco]:
    """A built-in cluster preset's goodput and TCO."""
    return read(path(name))


def provenance(name: str = DEFAULT) -> pd.DataFrame:
    """Each value of a cluster preset with its unit, source and date."""
    _, _, rows = _read_cluster(str(path(name)))
    return pd.DataFrame(rows, columns=_COLUMNS)


__all__ = ["names", "path", "preset", "provenance", "read"]
