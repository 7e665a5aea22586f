"""Units by name (stubs): see units.py."""
from ._core import Quantity as Quantity, Unit as Unit

usd: Unit
musd: Unit
gpus: Unit
tokens: Unit
ktok: Unit
mtok: Unit
milliseconds: Unit
seconds: Unit
minutes: Unit
hours: Unit
months: Unit
years: Unit
fraction: Unit
percent: Unit
ratio: Unit
usd_per_gpu: Unit
usd_per_gpu_hour: Unit
kw_per_gpu: Unit
w_per_gpu: Unit
usd_per_kw_month: Unit
usd_per_kwh: Unit
usd_per_mwh: Unit
tokens_per_s_per_gpu: Unit
mtok_per_gpu: Unit
usd_per_mtok: Unit
usd_per_token: Unit
tokens_per_month: Unit
mtok_per_month: Unit
usd_per_hour: Unit
usd_per_month: Unit
usd_per_year: Unit
musd_per_year: Unit
kw: Unit
mw: Unit
musd_per_mw_year: Unit
mtok_per_mw_year: Unit
tokens_per_s_per_user: Unit
joules_per_token: Unit
gib: Unit
tib: Unit
pib: Unit
usd_per_gib: Unit
gpu_hours: Unit

__all__ = [
    "Quantity",
    "Unit",
    "usd",
    "musd",
    "gpus",
    "tokens",
    "ktok",
    "mtok",
    "milliseconds",
    "seconds",
    "minutes",
    "hours",
    "months",
    "years",
    "fraction",
    "percent",
    "ratio",
    "usd_per_gpu",
    "usd_per_gpu_hour",
    "kw_per_gpu",
    "w_per_gpu",
    "usd_per_kw_month",
    "usd_per_kwh",
    "usd_per_mwh",
    "tokens_per_s_per_gpu",
    "mtok_per_gpu",
    "usd_per_mtok",
    "usd_per_token",
    "tokens_per_month",
    "mtok_per_month",
    "usd_per_hour",
    "usd_per_month",
    "usd_per_year",
    "musd_per_year",
    "kw",
    "mw",
    "musd_per_mw_year",
    "mtok_per_mw_year",
    "tokens_per_s_per_user",
    "joules_per_token",
    "gib",
    "tib",
    "pib",
    "usd_per_gib",
    "gpu_hours",
]
