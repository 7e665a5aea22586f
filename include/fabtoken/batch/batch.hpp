// Batch evaluation: a model over many scenarios at once. Inputs are columns of doubles in the
// parameters' display units, each with one value (broadcast to every scenario) or one per scenario;
// outputs are columns too. Each model says what it reads and writes through BatchModel<Model>.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fabtoken {

struct BatchColumn {
  std::string_view name;           // an input of the model
  std::span<const double> values;  // one value, or one per scenario
};

// One column per output of the model, in its order; an empty span skips that output.
using BatchOutputs = std::span<const std::span<double>>;

// The number of scenarios the columns describe: the length shared by every column of more than one
// value (1 when all are scalars). Throws InvalidInput naming a column of another length.
std::size_t scenario_count(std::span<const BatchColumn> columns);

// Checks that `outputs` has one column per output name, each empty or `scenarios` long.
void check_outputs(BatchOutputs outputs, std::span<const std::string_view> names, std::size_t scenarios);

// Runs body(begin, end) over slices of [0, n) on up to `threads` threads (0: every core); slices of
// fewer than `grain` scenarios are not worth a thread. Rethrows the first exception a slice throws.
void parallel_for(std::size_t n, unsigned threads, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& body);

// The scenario an error happened in, for messages: "scenario 12: ".
std::string scenario_prefix(std::size_t scenario);

// Per model: `inputs(model)`, the (name, value) pairs a batch may vary; `outputs`, the output names;
// `evaluate(model, columns, scenarios, outputs, threads)`. Specialized next to each model's kernel.
template <class Model>
struct BatchModel;

}  // namespace fabtoken
