// The token factory: the whole stack, its table, its parameters by name, and presets.
#include "register.hpp"
#include "fabtoken/errors.hpp"
#include "value_type.hpp"

#include "fabtoken/format.hpp"
#include "fabtoken/preset.hpp"
#include "fabtoken/token_factory.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {

py::dict factory_inputs(const TokenFactory& f) {
  py::dict out;
  for (const auto& p : TokenFactory::parameters()) out[py::str(std::string(p.name))] = f.value(p.name);
  return out;
}

// Inputs named in `kwargs` set on `inputs`; unknown names raise TypeError.
void set_factory_inputs(TokenFactory::Inputs& inputs, const py::kwargs& kwargs) {
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    const StackParameter* parameter = TokenFactory::find_parameter(name);
    if (!parameter)
      throw py::type_error("TokenFactory has no input '" + name + "'; expected one of: " + TokenFactory::parameter_names());
    set_input(inputs, name, value_in(value, *parameter->unit, name));
  }
}

TokenFactory from_inputs(const py::kwargs& kwargs) {
  for (const auto& p : TokenFactory::parameters())
    if (!kwargs.contains(std::string(p.name)))
      throw py::type_error("TokenFactory.from_inputs() missing input '" + std::string(p.name) + "' (" +
                           std::string(p.unit->symbol) + ")");
  TokenFactory::Inputs inputs{};
  set_factory_inputs(inputs, kwargs);
  return TokenFactory(inputs);
}

py::object data_frame(const py::list& rows) { return py::module_::import("pandas").attr("DataFrame")(rows); }

py::object table(const TokenFactory& f) {
  py::list rows;
  for (const auto& r : f.rows()) {
    py::dict row;
    row["layer"] = std::string(r.layer);
    row["item"] = std::string(r.item);
    row["unit"] = std::string(r.unit->symbol);
    row["value"] = r.value;
    row["role"] = r.is_input ? "input" : "result";
    rows.append(row);
  }
  return data_frame(rows);
}

template <class Q, class Owner>
void unit_property(py::class_<Owner>& cls, const char* name, Q Owner::*member, const DisplayUnit<Q>& unit) {
  cls.def_property_readonly(name, [member, &unit](const Owner& o) { return in(o.*member, unit); });
}

void bind_stack_economics(py::module_& m) {
  py::class_<StackEconomics> e(m, "StackEconomics", "Every result of the token factory, in the units its names carry.");
  unit_property(e, "capex_usd_per_gpu", &StackEconomics::capex_per_gpu, usd_per_gpu);
  unit_property(e, "depreciation_usd_per_gpu_hour", &StackEconomics::depreciation, usd_per_gpu_hour);
  unit_property(e, "colocation_cost_usd_per_gpu_hour", &StackEconomics::colocation_cost, usd_per_gpu_hour);
  unit_property(e, "electricity_cost_usd_per_gpu_hour", &StackEconomics::electricity_cost, usd_per_gpu_hour);
  unit_property(e, "operating_cost_usd_per_gpu_hour", &StackEconomics::operating_cost, usd_per_gpu_hour);
  unit_property(e, "total_cost_usd_per_gpu_hour", &StackEconomics::total_cost, usd_per_gpu_hour);
  unit_property(e, "cloud_revenue_usd_per_gpu_hour", &StackEconomics::cloud_revenue, usd_per_gpu_hour);
  unit_property(e, "cloud_gross_profit_usd_per_gpu_hour", &StackEconomics::cloud_gross_profit, usd_per_gpu_hour);
  unit_property(e, "mtok_per_gpu_hour", &StackEconomics::tokens_per_gpu_hour, mtok_per_gpu);
  unit_property(e, "compute_cost_usd_per_mtok", &StackEconomics::compute_cost, usd_per_mtok);
  unit_property(e, "model_gross_profit_usd_per_mtok", &StackEconomics::model_gross_profit, usd_per_mtok);
  e.def_readonly("cloud_gross_margin", &StackEconomics::cloud_gross_margin)
      .def_readonly("model_gross_margin", &StackEconomics::model_gross_margin)
      .def_readonly("third_party_app", &StackEconomics::third_party_app)
      .def_readonly("first_party_app", &StackEconomics::first_party_app);
  not_picklable(e, "pickle the TokenFactory and evaluate() it again");
}

}  // namespace

void register_token_factory(py::module_& m) {
  bind_stack_economics(m);

  py::class_<TokenFactory> cls(m, "TokenFactory",
                               "The token-factory stack: server capital, depreciation, colocation and power, "
                               "GPU rental, throughput, API price and the application.");
  cls.def(py::init<Server, Depreciation, Colocation, GpuRental, Throughput, ApiPrice, App>(), py::kw_only(),
          py::arg("server"), py::arg("depreciation"), py::arg("colocation"), py::arg("rental"),
          py::arg("throughput"), py::arg("api_price"), py::arg("app"))
      .def_static("from_inputs", &from_inputs, "A token factory from every input by name (see parameters()).")
      .def_property_readonly("server", &TokenFactory::server)
      .def_property_readonly("depreciation", &TokenFactory::depreciation)
      .def_property_readonly("colocation", &TokenFactory::colocation)
      .def_property_readonly("rental", &TokenFactory::rental)
      .def_property_readonly("throughput", &TokenFactory::throughput)
      .def_property_readonly("api_price", &TokenFactory::api_price)
      .def_property_readonly("app", &TokenFactory::app)
      .def("with_", [](const TokenFactory& f, const py::kwargs& kwargs) {
            TokenFactory::Inputs inputs = f.inputs();
            set_factory_inputs(inputs, kwargs);
            return TokenFactory(inputs);
          }, "A copy with inputs changed by name (rental_usd_per_gpu_hour=2.10); this one is left as it is.")
      .def("inputs", &factory_inputs, "Every input by name, in the unit its name carries.")
      .def_static("parameters", [] {
            py::list rows;
            for (const auto& p : TokenFactory::parameters()) {
              py::dict row;
              row["name"] = std::string(p.name);
              row["layer"] = std::string(p.layer);
              row["item"] = std::string(p.label);
              row["unit"] = std::string(p.unit->symbol);
              rows.append(row);
            }
            return data_frame(rows);
          }, "The inputs: name, stack layer, description and unit, as a DataFrame.")
      .def("evaluate", &TokenFactory::evaluate, "Every result of the stack.")
      .def("table", &table, "The stack as a DataFrame: layer, item, unit, value, role (input or result).")
      .def("report", [](const TokenFactory& f) { return format_table(f.rows()); }, "The stack as aligned text.")
      .def("_repr_html_", [](const TokenFactory& f) { return table(f).attr("to_html")(py::arg("index") = false); })
      .def("__repr__", [](const TokenFactory& f) {
        std::string out = "TokenFactory(";
        const py::object self = py::cast(f);
        const char* parts[] = {"server", "depreciation", "colocation", "rental", "throughput", "api_price", "app"};
        for (const char* part : parts)
          out += std::string(part == parts[0] ? "" : ", ") + part + "=" + std::string(py::repr(self.attr(part)));
        return out + ")";
      });
  add_value_semantics(cls, &factory_inputs, [](const py::dict& state) { return from_inputs(py::kwargs(state)); });

  m.def("_read_token_factory", [](const std::string& path) {
    TokenFactoryPreset preset = read_token_factory(path);
    return py::make_tuple(preset.factory, provenance_rows(preset.provenance));
  }, py::arg("path"));
}

py::list provenance_rows(const std::vector<ValueProvenance>& provenance) {
  py::list rows;
  for (const auto& p : provenance) {
    py::dict row;
    row["parameter"] = p.parameter;
    row["value"] = p.value;
    row["unit"] = p.unit;
    row["source"] = p.source;
    row["date"] = p.date;
    row["note"] = p.note;
    rows.append(row);
  }
  return rows;
}

}  // namespace fabtoken::python
