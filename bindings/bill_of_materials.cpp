// A server priced bottom-up from its components and their suppliers' margins.
#include "register.hpp"
#include "fabtoken/errors.hpp"
#include "value_type.hpp"

#include "fabtoken/layers/bill_of_materials.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {
std::string component_repr(const Component& c) {
  return "Component(name=" + std::string(py::repr(py::str(c.name))) + ", count=" + float_repr(c.count) +
         ", unit_cost_usd=" + float_repr(in(c.unit_cost, usd)) +
         ", supplier_gross_margin=" + float_repr(c.supplier_gross_margin) + ")";
}
}  // namespace

void register_bill_of_materials(py::module_& m) {
  py::class_<Component> component(m, "Component", "One part of a server: its cost and its supplier's gross margin.");
  component
      .def(py::init([](std::string name, py::object count, py::object unit_cost_usd, py::object margin) {
             return Component(std::move(name), value_in(count, fraction, "count"),
                              quantity_arg(unit_cost_usd, usd, "unit_cost_usd"),
                              value_in(margin, fraction, "supplier_gross_margin"));
           }),
           py::kw_only(), py::arg("name"), py::arg("count") = 1.0, py::arg("unit_cost_usd"),
           py::arg("supplier_gross_margin"))
      .def_readonly("name", &Component::name)
      .def_readonly("count", &Component::count)
      .def_property_readonly("unit_cost_usd", [](const Component& c) { return in(c.unit_cost, usd); })
      .def_readonly("supplier_gross_margin", &Component::supplier_gross_margin)
      .def_property_readonly("cost_usd", [](const Component& c) { return in(c.cost(), usd); })
      .def_property_readonly("price_usd", [](const Component& c) { return in(c.price(), usd); })
      .def_property_readonly("supplier_gross_profit_usd", [](const Component& c) { return in(c.supplier_gross_profit(), usd); })
      .def("__repr__", &component_repr);
  const auto component_state = [](const Component& c) {
    py::dict d;
    d["name"] = c.name;
    d["count"] = c.count;
    d["unit_cost_usd"] = in(c.unit_cost, usd);
    d["supplier_gross_margin"] = c.supplier_gross_margin;
    return d;
  };
  add_value_semantics(component, component_state, [](const py::dict& d) {
    return Component(d["name"].cast<std::string>(), d["count"].cast<double>(), usd(d["unit_cost_usd"].cast<double>()),
                     d["supplier_gross_margin"].cast<double>());
  });

  py::class_<BillOfMaterials> bom(m, "BillOfMaterials",
                                  "A server's components; the system price includes every supplier's margin.");
  bom.def(py::init<std::vector<Component>>(), py::arg("components"))
      .def_property_readonly("components", &BillOfMaterials::components)
      .def_property_readonly("cost_usd", [](const BillOfMaterials& b) { return in(b.cost(), usd); })
      .def_property_readonly("system_price_usd", [](const BillOfMaterials& b) { return in(b.system_price(), usd); })
      .def_property_readonly("supplier_gross_profit_usd", [](const BillOfMaterials& b) { return in(b.supplier_gross_profit(), usd); })
      .def("server", [](const BillOfMaterials& b, py::object n) { return b.server(quantity_arg(n, gpus, "gpus_per_server")); },
           py::kw_only(), py::arg("gpus_per_server"), "A Server priced at this bill's system price.")
      .def("table", [](const BillOfMaterials& b) {
        py::list rows;
        for (const auto& c : b.components()) {
          py::dict row;
          row["component"] = c.name;
          row["count"] = c.count;
          row["unit_cost_usd"] = in(c.unit_cost, usd);
          row["cost_usd"] = in(c.cost(), usd);
          row["supplier_gross_margin"] = c.supplier_gross_margin;
          row["price_usd"] = in(c.price(), usd);
          row["supplier_gross_profit_usd"] = in(c.supplier_gross_profit(), usd);
          rows.append(row);
        }
        return py::module_::import("pandas").attr("DataFrame")(rows);
      }, "One row per component: cost, supplier margin, price and supplier gross profit (USD).")
      .def("__repr__", [](const BillOfMaterials& b) {
        std::string parts;
        for (const auto& c : b.components()) append_item(parts, component_repr(c));
        return "BillOfMaterials([" + parts + "])";
      });
  add_value_semantics(
      bom, [](const BillOfMaterials& b) { py::dict d; d["components"] = py::cast(b.components()); return d; },
      [](const py::dict& d) { return BillOfMaterials(d["components"].cast<std::vector<Component>>()); });
}

}  // namespace fabtoken::python
