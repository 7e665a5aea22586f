"""fabtoken: the economics of AI from the fab to the token to the app.

    import fabtoken as ft
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    h200.table()                                          # the stack, as a DataFrame
    h200.with_(rental_usd_per_gpu_hour=2.10).table()      # a changed copy
"""

from importlib.metadata import PackageNotFoundError, version

from . import presets, units
from ._core import (
    ApiPrice,
    App,
    AppEconomics,
    BillOfMaterials,
    Colocation,
    Component,
    Depreciation,
    GpuRental,
    Quantity,
    Server,
    StackEconomics,
    Throughput,
    TokenFactory,
    Unit,
)
from .presets import read_provenance, read_token_factory

try:
    __version__ = version("fabtoken")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "ApiPrice",
    "App",
    "AppEconomics",
    "BillOfMaterials",
    "Colocation",
    "Component",
    "Depreciation",
    "GpuRental",
    "Quantity",
    "Server",
    "StackEconomics",
    "Throughput",
    "TokenFactory",
    "Unit",
    "presets",
    "read_provenance",
    "read_token_factory",
    "units",
]
