#include "arguments.hpp"

#include "fabtoken/unit_catalog.hpp"

namespace fabtoken::python {

std::string float_repr(double value) { return py::repr(py::float_(value)).cast<std::string>(); }

std::string describe(const Quantity& q) {
  return float_repr(q.magnitude) + " " + std::string(q.unit->symbol) + " (" + std::string(q.unit->kind) + ")";
}

double value_in(py::handle value, const UnitInfo& unit, std::string_view parameter) {
  const std::string expected = std::string(parameter) + " expects a " + std::string(unit.kind) +
                               " in " + std::string(unit.symbol);
  if (py::isinstance<Quantity>(value)) {
    const auto& q = value.cast<const Quantity&>();
    if (q.unit->kind_id != unit.kind_id) throw py::type_error(expected + ", got " + describe(q));
    return convert(q.magnitude, *q.unit, unit);
  }
  const std::string got = std::string(py::str(py::type::of(value).attr("__name__"))) + " " +
                          std::string(py::repr(value));
  if (PyBool_Check(value.ptr()) || !PyNumber_Check(value.ptr()) || PyComplex_Check(value.ptr()))
    throw py::type_error(expected + " (a number or a fabtoken quantity), got " + got);
  PyObject* as_float = PyNumber_Float(value.ptr());
  if (!as_float) {
    PyErr_Clear();
    throw py::type_error(expected + " (a number or a fabtoken quantity), got " + got);
  }
  return py::reinterpret_steal<py::float_>(as_float).cast<double>();
}

}  // namespace fabtoken::python
