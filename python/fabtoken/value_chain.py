"""Value capture: who keeps what of the dollar an end user pays.

    chain = ft.value_chain.for_preset("h200-deepseek-r1")     # bundled supplier margins
    chain.table(path="3p", per="dollar")                      # by layer: revenue, cost, gross profit

Supplier margins are data with provenance, like presets: ``supplier_margins_provenance()`` shows
which are published (figures.md section 7) and which are fabtoken's labeled assumptions.
"""

from __future__ import annotations

import os
from importlib.resources import files

import pandas as pd

from . import presets
from ._core import SupplierMargins, ValueCapture, _read_supplier_margins

_BUNDLED = files("fabtoken") / "data" / "supplier_margins.csv"
_COLUMNS = ["parameter", "value", "unit", "source", "date", "note"]


def supplier_margins(path: str | os.PathLike[str] | None = None) -> SupplierMargins:
    """Supplier margins from a parameter file; the bundled ones by default."""
    margins, _ = _read_supplier_margins(os.fspath(path) if path is not None else str(_BUNDLED))
    return margins


def supplier_margins_provenance(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Each supplier margin with its unit, source, date and note."""
    _, rows = _read_supplier_margins(os.fspath(path) if path is not None else str(_BUNDLED))
    return pd.DataFrame(rows, columns=_COLUMNS)


def for_preset(name: str = presets.DEFAULT, margins: SupplierMargins | None = None) -> ValueCapture:
    """The value chain of a token-factory preset, with the bundled supplier margins unless given."""
    return ValueCapture(presets.token_factory(name), margins if margins is not None else supplier_margins())


__all__ = ["for_preset", "supplier_margins", "supplier_margins_provenance"]
