// Text formatting of stack tables, in display units.
#pragma once

#include "fabtoken/token_factory.hpp"

#include <string>
#include <vector>

namespace fabtoken {

// A number as a person reads it: thousands separated, decimals by magnitude (246,391; 35.26; 0.879).
std::string format_value(double value);

// An aligned text table under a rule; columns from `first_numeric_column` on are right-aligned.
std::string format_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         std::size_t first_numeric_column);

// The stack as an aligned text table with the columns layer, item, unit, value.
std::string format_table(const std::vector<StackRow>& rows);

}  // namespace fabtoken
