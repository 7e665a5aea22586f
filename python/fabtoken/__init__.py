"""fabtoken: the economics of AI from the fab to the token to the app.

    import fabtoken as ft
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    h200.table()                                          # the stack, as a DataFrame
    h200.with_(rental_usd_per_gpu_hour=2.10).table()      # a changed copy
"""

from importlib.metadata import PackageNotFoundError, version

from . import arr, batch, chips, clusters, plots, presets, prices, units, value_chain
from .sweeps import sweep
from .scenarios import data_table, goal_seek, tornado
from .scenarios import Fixed, LogNormal, MonteCarloResult, Normal, Pert, Triangular, TruncatedNormal, Uniform, monte_carlo, sobol_indices
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
    "Fixed",
    "Goodput",
    "GpuRental",
    "IaasDeal",
    "LogNormal",
    "MarketplaceDeal",
    "MonteCarloResult",
    "Normal",
    "Pert",
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
    "Triangular",
    "TruncatedNormal",
    "Uniform",
    "Unit",
    "ValueCapture",
    "ValueOfWork",
    "Workload",
    "WorkloadEconomics",
    "arr",
    "chips",
    "clusters",
    "data_table",
    "goal_seek",
    "monte_carlo",
    "plots",
    "presets",
    "prices",
    "read_provenance",
    "read_token_factory",
    "sobol_indices",
    "sweep",
    "tornado",
    "units",
    "value_chain",
]
