// The catalog of display units, for code that meets units by name at run time: data files, the
// command line and Python.
#pragma once

#include "fabtoken/units.hpp"

#include <span>
#include <string_view>

namespace fabtoken {

std::span<const UnitInfo* const> unit_catalog();

// The unit whose name ("usd_per_kwh") or symbol ("USD/kWh") this is, or nullptr.
const UnitInfo* find_unit(std::string_view name_or_symbol);

// `magnitude` in unit `from` expressed in unit `to`; both must be of one kind.
double convert(double magnitude, const UnitInfo& from, const UnitInfo& to);

}  // namespace fabtoken
