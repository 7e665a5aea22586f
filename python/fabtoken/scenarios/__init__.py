"""Scenario tools built on `fabtoken.batch`: each works for any model the batch protocol serves.

    ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": prices})
    ft.tornado(h200, "cloud_gross_margin", relative=0.2, inputs=["rental_usd_per_gpu_hour", "usd_per_server"])
    ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0))
"""

from .data_table import data_table
from .goal_seek import goal_seek
from .tornado import tornado
from .distributions import Distribution, Fixed, LogNormal, Normal, Pert, Triangular, TruncatedNormal, Uniform
from .monte_carlo import MonteCarloResult, monte_carlo
from .sobol import sobol_indices

__all__ = [
    "data_table",
    "goal_seek",
    "tornado",
    "Distribution",
    "Fixed",
    "LogNormal",
    "MonteCarloResult",
    "Normal",
    "Pert",
    "Triangular",
    "TruncatedNormal",
    "Uniform",
    "monte_carlo",
    "sobol_indices",
]
