// What every bound value type shares: keyword construction from its field list, properties in
// display units, with_(), repr that round-trips, equality, hashing, copy and versioned pickling.
#pragma once

#include "arguments.hpp"

#include "fabtoken/fields.hpp"
#include "fabtoken/parameter_file.hpp"

#include <pybind11/pybind11.h>

#include <functional>
#include <string>

namespace fabtoken::python {

inline constexpr int pickle_version = 1;

// A parameter file's provenance as a list of dicts (parameter, value, unit, source, date, note).
py::list provenance_rows(const std::vector<ValueProvenance>& provenance);

template <class Fields, class Inputs>
void set_from_kwargs(const Fields& fields, Inputs& inputs, const py::kwargs& kwargs,
                     std::string_view type_name, bool all_required) {
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    const auto* f = find_field(fields, name);
    if (!f)
      throw py::type_error(std::string(type_name) + "() got an unexpected keyword argument '" + name +
                           "'; expected: " + field_names(fields));
    f->set(inputs, value_in(value, *f->unit, name));
  }
  if (!all_required) return;
  for (const auto& f : fields)
    if (!kwargs.contains(std::string(f.name)))
      throw py::type_error(std::string(type_name) + "() missing keyword argument '" + std::string(f.name) +
                           "' (" + std::string(f.unit->symbol) + ")");
}

template <class Fields, class Inputs>
py::dict fields_dict(const Fields& fields, const Inputs& inputs) {
  py::dict out;
  for (const auto& f : fields) out[py::str(std::string(f.name))] = f.get(inputs);
  return out;
}

template <class Fields, class Inputs>
std::string fields_repr(const Fields& fields, const Inputs& inputs) {
  std::string out;
  for (const auto& f : fields)
    append_item(out, std::string(f.name) + "=" + float_repr(f.get(inputs)));
  return out;
}

template <class Fields>
std::string signature_doc(std::string_view type_name, const Fields& fields, std::string_view summary) {
  std::string doc = std::string(type_name) + "(*";
  for (const auto& f : fields) doc += ", " + std::string(f.name);
  doc += ")\n\n" + std::string(summary) + "\n\nKeyword arguments (a number in the unit shown, or a fabtoken quantity):\n";
  for (const auto& f : fields)
    doc += "  " + std::string(f.name) + " [" + std::string(f.unit->symbol) + "]: " + std::string(f.label) + "\n";
  return doc;
}

// Restores a pickled object of the named type from its state; registered by add_value_semantics.
using Restore = std::function<py::object(const py::dict&)>;
void register_restore(const std::string& type_name, Restore restore);

// A hashable copy of a state dict: its items in key order, lists frozen into tuples.
py::tuple frozen(const py::dict& state);

// Value semantics shared by every bound type T: ==, hash, copy, deepcopy, and pickling on every
// protocol through `state` (T to a dict of inputs) and `restore` (that dict back to T).
// Pickles as fabtoken._core._restore(type name, version, state): pybind11's py::pickle would
// abort the interpreter on protocols 0 and 1.
template <class T, class State, class RestoreT>
void add_value_semantics(py::class_<T>& cls, State state, RestoreT restore) {
  const std::string type_name = py::str(cls.attr("__name__"));
  register_restore(type_name, [restore](const py::dict& saved) { return py::cast(restore(saved)); });
  cls.def("__eq__", [](const T& a, py::object b) -> py::object {
       if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
       return py::bool_(a == b.cast<const T&>());
     })
      .def("__hash__", [state](const T& t) { return py::hash(frozen(state(t))); })
      .def("__copy__", [](const T& t) { return T(t); })
      .def("__deepcopy__", [](const T& t, py::dict) { return T(t); }, py::arg("memo"))
      .def("__reduce__", [state, type_name](const T& t) {
        return py::make_tuple(py::module_::import("fabtoken._core").attr("_restore"),
                              py::make_tuple(type_name, pickle_version, state(t)));
      });
}

// Results refuse to pickle with a TypeError saying what to pickle instead (without a __reduce__,
// pybind11 objects abort the interpreter on pickle protocols 0 and 1).
template <class T>
void not_picklable(py::class_<T>& cls, const char* advice) {
  cls.def("__reduce__", [advice](const T&) -> py::object {
    throw py::type_error(std::string(py::str(py::type::of<T>().attr("__name__"))) + " is a result and does not pickle: " + advice);
  });
}

// Binds a layer whose inputs are described by Layer::fields.
template <class Layer>
py::class_<Layer> bind_layer(py::module_& m, std::string_view summary) {
  static const std::string doc = signature_doc(Layer::type_name, Layer::fields, summary);
  const auto make = [](const py::kwargs& kwargs) {
    typename Layer::Inputs inputs{};
    set_from_kwargs(Layer::fields, inputs, kwargs, Layer::type_name, true);
    return Layer(inputs);
  };
  py::class_<Layer> cls(m, std::string(Layer::type_name).c_str(), doc.c_str());
  cls.def(py::init(make))
      .def("with_", [](const Layer& layer, const py::kwargs& kwargs) {
            auto inputs = layer.inputs();
            set_from_kwargs(Layer::fields, inputs, kwargs, Layer::type_name, false);
            return Layer(inputs);
          }, "A copy with the given inputs changed; this object is left as it is.")
      .def("inputs", [](const Layer& layer) { return fields_dict(Layer::fields, layer.inputs()); },
           "The inputs by keyword, in the units their names carry.")
      .def("__repr__", [](const Layer& layer) {
        return std::string(Layer::type_name) + "(" + fields_repr(Layer::fields, layer.inputs()) + ")";
      });
  for (const auto& f : Layer::fields)
    cls.def_property_readonly(std::string(f.name).c_str(),
                              [f](const Layer& layer) { return f.get(layer.inputs()); });
  add_value_semantics(
      cls, [](const Layer& layer) { return fields_dict(Layer::fields, layer.inputs()); },
      [make](const py::dict& state) { return make(py::kwargs(state)); });
  return cls;
}

}  // namespace fabtoken::python
