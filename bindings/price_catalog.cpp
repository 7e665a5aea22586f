// Price catalogs loaded from CSV (USD/Mtok) or LiteLLM JSON (USD/token).
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/format.hpp"
#include "fabtoken/pricing/price_catalog.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {
LoadMode mode_from(bool strict) { return strict ? LoadMode::strict : LoadMode::lenient; }

py::object data_frame(const py::list& rows, const std::vector<std::string>& columns) {
  return py::module_::import("pandas").attr("DataFrame")(rows, py::arg("columns") = py::cast(columns));
}
}  // namespace

void register_price_catalog(py::module_& m) {
  py::class_<PriceCatalog> catalog(m, "PriceCatalog", "Price cards loaded from a file, with the entries that could not be loaded.");
  not_picklable(catalog, "pickle its cards (a list of PriceCard) or the file's path");
  catalog.def_property_readonly("cards", &PriceCatalog::cards)
      .def_property_readonly("skipped", &PriceCatalog::skipped,
                             "Entries not priced per token (images, audio, ...), left out without complaint.")
      .def_property_readonly("issues", [](const PriceCatalog& c) {
            py::list rows;
            for (const auto& issue : c.issues()) {
              py::dict row;
              row["model"] = issue.model;
              row["field"] = issue.field;
              row["message"] = issue.message;
              rows.append(row);
            }
            return data_frame(rows, {"model", "field", "message"});
          }, "Malformed entries that were left out: model, field, message.")
      .def("find", &PriceCatalog::find, py::arg("model"), "The card of a model; ValueError naming it if absent.")
      .def("__getitem__", &PriceCatalog::find, py::arg("model"))
      .def("__contains__", [](const PriceCatalog& c, const std::string& model) {
        for (const auto& card : c.cards())
          if (card.model() == model) return true;
        return false;
      })
      .def("__len__", [](const PriceCatalog& c) { return c.cards().size(); })
      .def("__iter__", [](py::object self) { return py::iter(self.attr("cards")); })
      .def("models", [](const PriceCatalog& c) {
        std::vector<std::string> names;
        for (const auto& card : c.cards()) names.push_back(card.model());
        return names;
      })
      .def("table", [](py::object self) {
        py::list rows;
        for (py::handle card : self.attr("cards")) rows.append(card.attr("inputs")());
        return py::module_::import("pandas").attr("DataFrame")(rows);
      }, "One row per card, every term in its own column.")
      .def("__repr__", [](const PriceCatalog& c) {
        return "<PriceCatalog: " + std::to_string(c.cards().size()) + " cards, " + std::to_string(c.issues().size()) +
               " issues, " + std::to_string(c.skipped().size()) + " skipped>";
      });

  m.def("read_price_cards_csv", [](const std::string& path, bool strict) { return read_price_cards_csv(path, mode_from(strict)); },
        py::arg("path"), py::kw_only(), py::arg("strict") = false);
  m.def("read_litellm_prices", [](const std::string& path, bool strict) { return read_litellm_prices(path, mode_from(strict)); },
        py::arg("path"), py::kw_only(), py::arg("strict") = false);
  m.def("format_table",
        py::overload_cast<const std::vector<std::string>&, const std::vector<std::vector<std::string>>&, std::size_t>(
            &format_table),
        py::arg("header"), py::arg("rows"), py::arg("first_numeric_column"),
        "An aligned text table; columns from first_numeric_column on are right-aligned.");
  m.def("format_value", &format_value, py::arg("value"),
        "A number as a person reads it: thousands separated, decimals by magnitude.");
}

}  // namespace fabtoken::python
