// Batch evaluation for models without a dedicated kernel: each scenario's inputs are set on a
// per-thread copy of the model's state, which goes through the model's own validated scalar path.
// The copy is made once per thread, so nothing is allocated per scenario as long as the model moves
// its state through the scalar path rather than copying it.
#pragma once

#include "fabtoken/batch/batch.hpp"
#include "fabtoken/errors.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace fabtoken {

// Sets one input, by name, on a model's state.
template <class State>
using StateSetter = std::function<void(State&, double)>;

// Runs `compute(state) -> std::array<double, K>` for every scenario. `setter(name)` resolves an input
// name (throwing InvalidInput for an unknown one). An invalid scenario or an output that is not
// finite raises InvalidInput naming the scenario.
template <class State, std::size_t K, class Resolve, class Compute>
void evaluate_each(const State& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                   BatchOutputs outputs, const std::array<std::string_view, K>& names, unsigned threads,
                   Resolve&& setter, Compute&& compute) {
  FABTOKEN_REQUIRE(scenario_count(columns) == scenarios, "scenarios",
                   "the columns describe " << scenario_count(columns) << " scenarios, not " << scenarios);
  check_outputs(outputs, names, scenarios);
  std::vector<StateSetter<State>> setters;
  for (const BatchColumn& c : columns) setters.push_back(setter(c.name));
  parallel_for(scenarios, threads, 4096, [&](std::size_t begin, std::size_t end) {
    State state = base;
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t c = 0; c < columns.size(); ++c)
        setters[c](state, columns[c].values.size() == 1 ? columns[c].values[0] : columns[c].values[i]);
      std::array<double, K> row;
      try {
        row = compute(state);
      } catch (const InvalidInput& error) {
        throw InvalidInput(error.parameter(), scenario_prefix(i) + error.what());
      }
      for (std::size_t k = 0; k < K; ++k) {
        FABTOKEN_REQUIRE(std::isfinite(row[k]), names[k],
                         scenario_prefix(i) << "the inputs are too extreme to compute " << names[k] << " (it comes out "
                                            << exact(row[k]) << "); check for values near 0 or beyond 1e300");
        if (!outputs[k].empty()) outputs[k][i] = row[k];
      }
    }
  });
}

// A resolver over a layer's field list: the setter of field `name` on the State member `part`.
template <class State, class Part, class Fields>
StateSetter<State> field_setter(Part State::*part, const Fields& fields, std::string_view name) {
  const auto* f = find_field(fields, name);
  if (f == nullptr) return nullptr;
  return [part, f](State& state, double value) { f->set(state.*part, value); };
}

}  // namespace fabtoken
