#include "arguments.hpp"

#include "fabtoken/errors.hpp"
#include "fabtoken/unit_catalog.hpp"

namespace fabtoken::python {

std::string float_repr(double value) { return py::repr(py::float_(value)).cast<std::string>(); }

std::string text_arg(py::handle value, std::string_view parameter) {
  if (!py::isinstance<py::str>(value))
    throw py::type_error(std::string(parameter) + " expects text, got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))) + " " + std::string(py::repr(value)));
  return value.cast<std::string>();
}

std::string describe(const Quantity& q) {
  return float_repr(q.magnitude) + " " + std::string(q.unit->symbol) + " (" + std::string(q.unit->kind) + ")";
}

double value_in(py::handle value, const UnitInfo& unit, std::string_view parameter) {
  const std::string expected = std::string(parameter) + " expects " + with_article(unit.kind) +
                               " in " + std::string(unit.symbol);
  if (py::isinstance<Quantity>(value)) {
    const auto& q = value.cast<const Quantity&>();
    if (q.unit->kind_id != unit.kind_id) throw py::type_error(expected + ", got " + describe(q));
    return convert(q.magnitude, *q.unit, unit);
  }
  const std::string got = std::string(py::str(py::type::of(value).attr("__name__"))) + " " +
                          std::string(py::repr(value));
  // Real numbers of any type (float, int, NumPy scalars, Fraction) and Decimal; never a bool,
  // whether Python's or NumPy's (which is not a numbers.Real).
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::tuple> accepted;
  const py::tuple& number_types = accepted.call_once_and_store_result([] {
    return py::make_tuple(py::module_::import("numbers").attr("Real"), py::module_::import("decimal").attr("Decimal"));
  }).get_stored();
  if (PyBool_Check(value.ptr()) || !py::isinstance(value, number_types))
    throw py::type_error(expected + " (a number or a fabtoken quantity), got " + got);
  PyObject* as_float = PyNumber_Float(value.ptr());
  if (!as_float) {
    PyErr_Clear();
    throw py::type_error(expected + " (a number or a fabtoken quantity), got " + got);
  }
  return py::reinterpret_steal<py::float_>(as_float).cast<double>();
}

}  // namespace fabtoken::python
