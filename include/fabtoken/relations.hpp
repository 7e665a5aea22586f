// Relations shared by several layers.
#pragma once

#include "fabtoken/units.hpp"

namespace fabtoken::relations {

// Gross margin = (revenue - cost) / revenue, for any revenue and cost of one kind.
// Callers guarantee revenue > 0 (their inputs are validated), so the result is finite.
template <class Q>
constexpr Fraction gross_margin(const Q& revenue, const Q& cost) {
  return (base_value(revenue) - base_value(cost)) / base_value(revenue);
}

}  // namespace fabtoken::relations
