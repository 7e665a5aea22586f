// Batch evaluation from Python: NumPy columns in, NumPy columns out, the C++ kernel run without the GIL.
#pragma once

#include "fabtoken/batch/batch.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

namespace fabtoken::python {

namespace py = pybind11;

// float64, C-contiguous arrays are read in place; other numeric arrays are converted once.
using InputArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

// A dict of input columns, held as arrays for as long as the kernel reads them.
struct InputColumns {
  std::vector<std::string> names;
  std::vector<InputArray> arrays;
  std::vector<BatchColumn> columns;
  std::size_t scenarios = 1;
};
InputColumns input_columns(const py::dict& inputs);

// Output arrays for the outputs asked for (all when `wanted` is empty), as spans in the model's order.
struct OutputColumns {
  std::vector<std::optional<py::array_t<double>>> arrays;
  std::vector<std::span<double>> spans;
  py::dict as_dict(std::span<const std::string_view> names) const;
};
OutputColumns output_columns(std::span<const std::string_view> names, const std::optional<std::vector<std::string>>& wanted,
                             std::size_t scenarios);
// The caller's own arrays (`out`: {output name: array}), written in place: each must be float64,
// 1-D, C-contiguous, writeable, one value per scenario, and share no memory with an input or another
// output. Only these outputs are computed.
OutputColumns given_output_columns(std::span<const std::string_view> names, const py::dict& out, const InputColumns& in);

// _batch, _batch_inputs, _batch_outputs for one model type (pybind11 picks the overload by type).
template <class Model>
void bind_batch(py::module_& m) {
  using Traits = BatchModel<Model>;
  m.def("_batch", [](const Model& model, const py::dict& inputs, const std::optional<std::vector<std::string>>& wanted,
                     unsigned threads, const std::optional<py::dict>& given) {
    const InputColumns in = input_columns(inputs);
    OutputColumns out = given ? given_output_columns(Traits::outputs, *given, in)
                              : output_columns(Traits::outputs, wanted, in.scenarios);
    {
      py::gil_scoped_release released;  // every Python argument is read; the kernel is pure C++
      Traits::evaluate(model, in.columns, in.scenarios, out.spans, threads);
    }
    return out.as_dict(Traits::outputs);
  }, py::arg("model"), py::arg("inputs"), py::arg("outputs") = py::none(), py::arg("threads") = 0u,
     py::arg("out") = py::none());
  m.def("_batch_inputs", [](const Model& model) {
    py::dict values;
    for (const auto& [name, value] : Traits::inputs(model)) values[py::str(std::string(name))] = value;
    return values;
  }, py::arg("model"));
  m.def("_batch_outputs", [](const Model&) {
    std::vector<std::string> names(Traits::outputs.begin(), Traits::outputs.end());
    return names;
  }, py::arg("model"));
}

}  // namespace fabtoken::python
