#include "register.hpp"
#include "value_type.hpp"

#include <map>

namespace fabtoken::python {

namespace {
std::map<std::string, Restore>& restorers() {
  static std::map<std::string, Restore> all;
  return all;
}

py::object restore(const std::string& type_name, int version, const py::dict& state) {
  const auto it = restorers().find(type_name);
  if (it == restorers().end()) throw py::value_error("cannot unpickle an unknown fabtoken type '" + type_name + "'");
  if (version != pickle_version)
    throw py::value_error("cannot unpickle " + type_name + " of pickle version " + std::to_string(version) +
                          "; this fabtoken reads version " + std::to_string(pickle_version));
  return it->second(state);
}
}  // namespace

void register_restore(const std::string& type_name, Restore restore) { restorers()[type_name] = std::move(restore); }

namespace {
// Lists become tuples and dicts their frozen items, at any depth.
py::object frozen_value(py::handle value) {
  if (py::isinstance<py::dict>(value)) return frozen(py::reinterpret_borrow<py::dict>(value));
  if (py::isinstance<py::list>(value)) {
    py::list items;
    for (py::handle item : value) items.append(frozen_value(item));
    return py::tuple(items);
  }
  return py::reinterpret_borrow<py::object>(value);
}
}  // namespace

py::tuple frozen(const py::dict& state) {
  py::list items;
  for (const auto& [key, value] : state) items.append(py::make_tuple(key, frozen_value(value)));
  items.attr("sort")(py::arg("key") = py::module_::import("operator").attr("itemgetter")(0));
  return py::tuple(items);
}

void register_value_types(py::module_& m) {
  m.def("_restore", &restore, py::arg("type_name"), py::arg("version"), py::arg("state"),
        "Rebuilds a pickled fabtoken object.");
}

}  // namespace fabtoken::python
