// Batch evaluation of every model over NumPy columns.
#include "batch.hpp"

#include "register.hpp"
#include "result_memory.hpp"

#include "fabtoken/batch/model_batches.hpp"
#include "fabtoken/batch/token_factory_batch.hpp"

#include <algorithm>

namespace fabtoken::python {

InputColumns input_columns(const py::dict& inputs) {
  InputColumns c;
  for (const auto& [key, value] : inputs) {
    c.names.push_back(py::str(key));
    const std::string& name = c.names.back();
    // Integers and floats only: NumPy would also turn text ("2.5"), booleans and complex numbers
    // into doubles, which the scalar API refuses.
    py::array raw;
    try {
      raw = py::module_::import("numpy").attr("asarray")(value);
    } catch (const py::error_already_set&) {
    }
    const char kind = raw ? raw.dtype().kind() : 'O';
    if (kind != 'i' && kind != 'u' && kind != 'f') {
      const std::string got = raw && raw.ndim() > 0 ? "an array of " + std::string(py::str(raw.dtype()))
                                                    : std::string(py::str(py::type::of(value).attr("__name__")));
      throw py::type_error(name + " expects numbers (an array or a scalar of integers or floats), got " + got);
    }
    InputArray array = InputArray::ensure(raw);
    if (array.ndim() > 1)
      throw py::value_error(name + " must be one-dimensional, got " + std::to_string(array.ndim()) + " dimensions");
    c.arrays.push_back(std::move(array));
  }
  for (std::size_t k = 0; k < c.names.size(); ++k)
    c.columns.push_back({c.names[k], std::span<const double>(c.arrays[k].data(), static_cast<std::size_t>(c.arrays[k].size()))});
  c.scenarios = scenario_count(c.columns);
  return c;
}

namespace {

// The bytes an array spans, for overlap checks.
std::pair<const char*, const char*> byte_range(const py::array& a) {
  const auto* begin = static_cast<const char*>(a.data());
  return {begin, begin + a.nbytes()};
}

bool overlap(const py::array& a, const py::array& b) {
  const auto [a_begin, a_end] = byte_range(a);
  const auto [b_begin, b_end] = byte_range(b);
  return a_begin < b_end && b_begin < a_end;
}

std::string known_names(std::span<const std::string_view> names) {
  std::string known;
  for (std::string_view n : names) append_item(known, n);
  return known;
}

}  // namespace

OutputColumns given_output_columns(std::span<const std::string_view> names, const py::dict& out, const InputColumns& in) {
  OutputColumns columns;
  columns.arrays.resize(names.size());
  columns.spans.resize(names.size());
  std::vector<std::pair<std::string, py::array>> seen;
  for (const auto& [key, value] : out) {
    const std::string name = py::str(key);
    const auto at = std::find(names.begin(), names.end(), name);
    if (at == names.end()) throw py::value_error("unknown output '" + name + "' in out; expected one of: " + known_names(names));
    const std::string what = "out['" + name + "']";
    if (!py::isinstance<py::array>(value))
      throw py::type_error(what + " must be a NumPy float64 array, got " +
                           std::string(py::str(py::type::of(value).attr("__name__"))));
    const auto array = py::reinterpret_borrow<py::array>(value);
    if (!array.dtype().equal(py::dtype::of<double>()))
      throw py::type_error(what + " must be a float64 array, got " + std::string(py::str(array.dtype())));
    if (array.ndim() != 1)
      throw py::value_error(what + " must be one-dimensional, got " + std::to_string(array.ndim()) + " dimensions");
    if (static_cast<std::size_t>(array.size()) != in.scenarios)
      throw py::value_error(what + " must hold " + std::to_string(in.scenarios) + " values (one per scenario), got " +
                            std::to_string(array.size()));
    if (!(array.flags() & py::array::c_style)) throw py::value_error(what + " must be contiguous, got a strided view");
    if (!array.writeable()) throw py::value_error(what + " must be writeable, got a read-only array");
    for (std::size_t k = 0; k < in.arrays.size(); ++k)
      if (overlap(array, in.arrays[k]))
        throw py::value_error(what + " shares memory with the input " + in.names[k] + "; give a separate array");
    for (const auto& [other, other_array] : seen)
      if (overlap(array, other_array))
        throw py::value_error(what + " shares memory with out['" + other + "']; give a separate array");
    seen.emplace_back(name, array);
    const auto j = static_cast<std::size_t>(at - names.begin());
    auto typed = py::array_t<double>::ensure(array);
    columns.spans[j] = std::span<double>(typed.mutable_data(), in.scenarios);
    columns.arrays[j] = std::move(typed);
  }
  if (seen.empty()) throw py::value_error("out has no arrays; give at least one, e.g. {'" + std::string(names[0]) + "': array}");
  return columns;
}

OutputColumns output_columns(std::span<const std::string_view> names, const std::optional<std::vector<std::string>>& wanted,
                             std::size_t scenarios) {
  if (wanted)
    for (const std::string& w : *wanted)
      if (std::find(names.begin(), names.end(), w) == names.end()) {
        throw py::value_error("unknown output '" + w + "'; expected one of: " + known_names(names));
      }
  OutputColumns out;
  for (std::string_view name : names) {
    const bool asked = !wanted || std::find(wanted->begin(), wanted->end(), name) != wanted->end();
    if (!asked) {
      out.arrays.emplace_back();
      out.spans.emplace_back();
      continue;
    }
    py::array_t<double> array = result_array(scenarios);
    out.spans.emplace_back(array.mutable_data(), scenarios);
    out.arrays.emplace_back(std::move(array));
  }
  return out;
}

py::dict OutputColumns::as_dict(std::span<const std::string_view> names) const {
  py::dict result;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (arrays[k]) result[py::str(std::string(names[k]))] = *arrays[k];
  return result;
}

void register_batch(py::module_& m) {
  m.def("_retained_result_bytes", &retained_result_bytes);
  m.def("_release_result_memory", &release_result_memory);
  bind_batch<TokenFactory>(m);
  bind_batch<Goodput>(m);
  bind_batch<IaasDeal>(m);
  bind_batch<MarketplaceDeal>(m);
  bind_batch<ValueCapture>(m);
  bind_batch<PricedWorkload>(m);
}

}  // namespace fabtoken::python
