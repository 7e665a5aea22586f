// Text formatting of stack tables, in display units.
#pragma once

#include "fabtoken/token_factory.hpp"

#include <string>
#include <vector>

namespace fabtoken {

// A number as a person reads it: thousands separated, decimals by magnitude (246,391; 35.26; 0.879).
std::string format_value(double value);

// An aligned text table with the columns layer, item, unit, value.
std::string format_table(const std::vector<StackRow>& rows);

}  // namespace fabtoken
