// fabtoken.units: Unit objects from the C++ catalog, and Quantity (a magnitude with its unit).
#include "arguments.hpp"
#include "register.hpp"

#include "fabtoken/unit_catalog.hpp"

#include <pybind11/operators.h>

#include <cmath>

namespace fabtoken::python {

namespace {
const UnitInfo& unit_named(const std::string& name) {
  const UnitInfo* unit = find_unit(name);
  if (!unit) throw py::value_error("unknown unit '" + name + "'");
  return *unit;
}
}  // namespace

void register_units(py::module_& m) {
  py::class_<UnitInfo>(m, "Unit", "A display unit: a name, a symbol and the kind of quantity it measures.")
      .def_property_readonly("name", [](const UnitInfo& u) { return std::string(u.name); })
      .def_property_readonly("symbol", [](const UnitInfo& u) { return std::string(u.symbol); })
      .def_property_readonly("kind", [](const UnitInfo& u) { return std::string(u.kind); })
      .def("__call__", [](const UnitInfo& u, double magnitude) { return Quantity{magnitude, &u}; },
           py::arg("magnitude"), "A quantity of `magnitude` in this unit.")
      .def("__rmul__", [](const UnitInfo& u, double magnitude) { return Quantity{magnitude, &u}; })
      .def("__mul__", [](const UnitInfo& u, double magnitude) { return Quantity{magnitude, &u}; })
      .def("__repr__", [](const UnitInfo& u) { return "Unit('" + std::string(u.symbol) + "')"; })
      .def("__eq__", [](const UnitInfo& a, py::object b) -> py::object {
        if (!py::isinstance<UnitInfo>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(&a == &b.cast<const UnitInfo&>());
      })
      .def("__hash__", [](const UnitInfo& u) { return py::hash(py::str(std::string(u.name))); })
      .def("__reduce__", [](const UnitInfo& u) {
        return py::make_tuple(py::module_::import("fabtoken._core").attr("_unit"),
                              py::make_tuple(std::string(u.name)));
      });

  py::class_<Quantity>(m, "Quantity", "A magnitude with its unit: Quantity(0.087, usd_per_kwh).")
      .def(py::init([](double magnitude, const UnitInfo& unit) { return Quantity{magnitude, &unit}; }),
           py::arg("magnitude"), py::arg("unit"))
      .def_readonly("magnitude", &Quantity::magnitude)
      .def_property_readonly("unit", [](const Quantity& q) { return q.unit; }, py::return_value_policy::reference)
      .def("to", [](const Quantity& q, const UnitInfo& to) {
            return Quantity{value_in(py::cast(q), to, "to"), &to};
          }, py::arg("unit"), "This quantity in another unit of the same kind; TypeError otherwise.")
      .def("m_as", [](const Quantity& q, const UnitInfo& to) { return value_in(py::cast(q), to, "m_as"); },
           py::arg("unit"), "The magnitude in another unit of the same kind.")
      .def("__float__", [](const Quantity& q) {
        if (q.unit->kind_id != fraction.kind_id)
          throw py::type_error("only a dimensionless quantity converts to float; got " + describe(q) +
                               ": use .m_as(unit)");
        return q.magnitude * q.unit->base_per_unit;
      })
      .def("__repr__", [](const Quantity& q) {
        return "Quantity(" + float_repr(q.magnitude) + ", '" + std::string(q.unit->symbol) + "')";
      })
      .def("__str__", [](const Quantity& q) { return float_repr(q.magnitude) + " " + std::string(q.unit->symbol); })
      .def("__eq__", [](const Quantity& a, py::object other) -> py::object {
        if (!py::isinstance<Quantity>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        const auto& b = other.cast<const Quantity&>();
        return py::bool_(a.unit->kind_id == b.unit->kind_id &&
                         a.magnitude * a.unit->base_per_unit == b.magnitude * b.unit->base_per_unit);
      })
      .def("__hash__", [](const Quantity& q) {
        return py::hash(py::make_tuple(std::string(q.unit->kind), q.magnitude * q.unit->base_per_unit));
      })
      .def("__reduce__", [](const Quantity& q) {
        return py::make_tuple(py::module_::import("fabtoken._core").attr("Quantity"),
                              py::make_tuple(q.magnitude, q.unit));
      });

  m.def("_unit", &unit_named, py::return_value_policy::reference, py::arg("name"));
  py::module_ units = m.def_submodule("units", "Display units by name: usd_per_kwh, usd_per_mtok, ...");
  py::list names;
  for (const UnitInfo* u : unit_catalog()) {
    units.attr(std::string(u->name).c_str()) = py::cast(u, py::return_value_policy::reference);
    names.append(std::string(u->name));
  }
  units.attr("__all__") = names;
}

}  // namespace fabtoken::python
