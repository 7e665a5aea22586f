"""Units by name, for values given as quantities: ``units.usd_per_kwh(0.087)``, ``0.087 * units.usd_per_kwh``.

A quantity passed where another kind is expected raises TypeError naming the expected unit. The
units themselves are defined once, in the C++ core (include/fabtoken/units.hpp).
"""

from ._core import Quantity, Unit
from ._core import units as _catalog

globals().update({name: getattr(_catalog, name) for name in _catalog.__all__})

__all__ = ["Quantity", "Unit", *_catalog.__all__]
