// Python values entering C++: a number in the parameter's unit, or a fabtoken Quantity of the
// right kind. A value of the wrong kind raises TypeError naming the parameter and expected unit.
#pragma once

#include "fabtoken/units.hpp"

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace fabtoken::python {

namespace py = pybind11;

// A magnitude in a display unit: what Python's fabtoken.units.Quantity holds.
struct Quantity {
  double magnitude;
  const UnitInfo* unit;
};

std::string describe(const Quantity& q);

// `value` (a number, or a Quantity of the unit's kind) in `unit`.
double value_in(py::handle value, const UnitInfo& unit, std::string_view parameter);

// A quantity typed Q from a Python value, read in `unit`.
template <class Q>
Q quantity_arg(py::handle value, const DisplayUnit<Q>& unit, std::string_view parameter) {
  return unit(value_in(value, unit, parameter));
}

// `value` as text; TypeError naming the parameter otherwise.
std::string text_arg(py::handle value, std::string_view parameter);

// Shortest repr of a float, as Python writes it.
std::string float_repr(double value);

}  // namespace fabtoken::python
