"""fabtoken: the economics of AI from the fab to the token to the app.

    import fabtoken as ft
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    h200.table()                                          # the stack, as a DataFrame
    h200.with_(rental_usd_per_gpu_hour=2.10).table()      # a changed copy
"""

from importlib.metadata import PackageNotFoundError, version

from . import arr, chips, clusters, plots, presets, prices, units, value_chain
from .sweeps import sweep
from ._core import (
    ApiPrice,
    App,
    AppEconomics,
    ArrSeries,
    Bill,
    BillOfMaterials,
    Chip,
    ChipCatalog,
    ClusterTco,
    Colocation,
    Component,
    ComputeBridge,
    Depreciation,
    Goodput,
    GpuRental,
    IaasDeal,
    MarketplaceDeal,
    PrefillDecode,
    PriceCard,
    PriceCatalog,
    Quantity,
    RevenueShareHurdle,
    Server,
    ServingCost,
    Sku,
    SkuMix,
    StackEconomics,
    SupplierMargins,
    Throughput,
    ThroughputCurve,
    TokenFactory,
    Unit,
    ValueCapture,
    ValueOfWork,
    Workload,
    WorkloadEconomics,
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
    "ArrSeries",
    "Bill",
    "BillOfMaterials",
    "Chip",
    "ChipCatalog",
    "ClusterTco",
    "Colocation",
    "Component",
    "ComputeBridge",
    "Depreciation",
    "Goodput",
    "GpuRental",
    "IaasDeal",
    "MarketplaceDeal",
    "PrefillDecode",
    "PriceCard",
    "PriceCatalog",
    "Quantity",
    "RevenueShareHurdle",
    "Server",
    "ServingCost",
    "Sku",
    "SkuMix",
    "StackEconomics",
    "SupplierMargins",
    "Throughput",
    "ThroughputCurve",
    "TokenFactory",
    "Unit",
    "ValueCapture",
    "ValueOfWork",
    "Workload",
    "WorkloadEconomics",
    "arr",
    "chips",
    "clusters",
    "plots",
    "presets",
    "prices",
    "read_provenance",
    "read_token_factory",
    "sweep",
    "units",
    "value_chain",
]
