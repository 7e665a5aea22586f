// Sweeps: the token factory over NumPy columns of scenarios, computed without the GIL.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/batch/token_factory_sweep.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {
// float64, C-contiguous: taken as is (no copy); anything else numeric is converted once.
using Column = py::array_t<double, py::array::c_style | py::array::forcecast>;
}  // namespace

void register_sweep(py::module_& m) {
  m.def("_sweep_token_factory", [](const TokenFactory& base, const py::dict& inputs, unsigned threads) {
    std::vector<std::string> names;
    std::vector<Column> arrays;
    std::size_t scenarios = 1;
    for (const auto& [key, value] : inputs) {
      names.push_back(py::str(key));
      Column array;
      try {
        array = Column::ensure(value);
      } catch (const py::error_already_set&) {
        throw py::type_error(names.back() + " expects numbers (an array or a scalar), got " +
                             std::string(py::str(py::type::of(value).attr("__name__"))));
      }
      if (!array) throw py::type_error(names.back() + " expects numbers (an array or a scalar)");
      if (array.ndim() > 1) throw py::value_error(names.back() + " must be one-dimensional, got " + std::to_string(array.ndim()) + " dimensions");
      const auto size = static_cast<std::size_t>(array.size());
      if (size != 1) {
        if (scenarios != 1 && size != scenarios)
          throw py::value_error(names.back() + " has " + std::to_string(size) + " values; other inputs have " + std::to_string(scenarios));
        scenarios = size;
      }
      arrays.push_back(std::move(array));
    }
    std::vector<SweepColumn> columns;
    for (std::size_t c = 0; c < names.size(); ++c)
      columns.push_back({names[c], std::span<const double>(arrays[c].data(), static_cast<std::size_t>(arrays[c].size()))});
    std::array<py::array_t<double>, sweep_output_count> outputs;
    std::array<std::span<double>, sweep_output_count> spans;
    for (std::size_t k = 0; k < sweep_output_count; ++k) {
      outputs[k] = py::array_t<double>(static_cast<py::ssize_t>(scenarios));
      spans[k] = std::span<double>(outputs[k].mutable_data(), scenarios);
    }
    {
      py::gil_scoped_release released;  // every Python argument is read; the loop is pure C++
      sweep_token_factory(base, columns, scenarios, spans, threads);
    }
    py::dict result;
    for (std::size_t k = 0; k < sweep_output_count; ++k) result[py::str(std::string(sweep_output_names[k]))] = outputs[k];
    return result;
  }, py::arg("factory"), py::arg("inputs"), py::arg("threads") = 0u);
}

}  // namespace fabtoken::python
