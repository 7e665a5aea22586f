"""Chips: the TCO catalog (figures.md section 5), throughput curves and benchmark import.

    catalog = ft.chips.catalog()
    catalog.cost_per_token_ratio("GB300", "H100", throughput_ratio=17)    # (3.3 / 1.69) / 17
    curves = ft.chips.read_inferencex("results.json")                      # one curve per configuration
    curves[0].cost_usd_per_mtok_at(50, catalog["B300"].tco_usd_per_gpu_hour)
"""

from __future__ import annotations

import os
from importlib.resources import files

import pandas as pd

from ._core import ChipCatalog, Throughput, ThroughputCurve, read_chip_catalog, read_inferencex as _read_inferencex
from ._core import read_throughput_csv

_BUNDLED = files("fabtoken") / "data" / "chips.csv"


def catalog() -> ChipCatalog:
    """The bundled chips: TCO per GPU-hour with source and date."""
    return read_chip_catalog(str(_BUNDLED))


def read_catalog(path: str | os.PathLike[str]) -> ChipCatalog:
    """A chip catalog of your own (chip, tco_usd_per_gpu_hour[, kw_per_gpu, source, date])."""
    return read_chip_catalog(os.fspath(path))


def read_inferencex(path: str | os.PathLike[str]) -> list[ThroughputCurve]:
    """Throughput curves from InferenceX aggregated results (JSON), one per configuration."""
    return _read_inferencex(os.fspath(path))


def read_csv(path: str | os.PathLike[str]) -> list[ThroughputCurve]:
    """Throughput curves from a CSV of measured points, one per configuration."""
    return read_throughput_csv(os.fspath(path))


def cost_table(chips: ChipCatalog, tokens_per_s_per_gpu: float) -> pd.DataFrame:
    """Every chip's cost per Mtok at one throughput per GPU, from its TCO per GPU-hour."""
    throughput = Throughput(tokens_per_s_per_gpu=tokens_per_s_per_gpu)
    table = chips.table()
    table["cost_usd_per_mtok"] = [throughput.cost_usd_per_mtok(c.tco_usd_per_gpu_hour) for c in chips]
    return table


__all__ = ["catalog", "cost_table", "read_catalog", "read_csv", "read_inferencex"]
