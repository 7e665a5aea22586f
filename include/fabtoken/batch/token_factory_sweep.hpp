// Batch evaluation of the token factory: many scenarios at once, each run through the same
// validated layers and relations as a scalar evaluate(). Inputs are columns of doubles in the
// parameters' display units (one value broadcasts to every scenario); outputs are columns too.
// Nothing is allocated per scenario; the scenarios are split across threads.
#pragma once

#include "fabtoken/token_factory.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace fabtoken {

// The results a sweep writes, one column each, in these units.
enum class SweepOutput : std::size_t {
  total_cost_usd_per_gpu_hour,
  cloud_gross_margin,
  compute_cost_usd_per_mtok,
  model_gross_margin,
  third_party_app_gross_margin,
  first_party_app_gross_margin,
};
inline constexpr std::size_t sweep_output_count = 6;
inline constexpr std::array<std::string_view, sweep_output_count> sweep_output_names{
    "total_cost_usd_per_gpu_hour", "cloud_gross_margin", "compute_cost_usd_per_mtok", "model_gross_margin",
    "third_party_app_gross_margin", "first_party_app_gross_margin"};

struct SweepColumn {
  std::string_view name;         // a TokenFactory parameter
  std::span<const double> values;  // one value, or one per scenario
};

// Evaluates `scenarios` variations of `base`: each column replaces one input. Writes each output
// column (length `scenarios`). An invalid scenario raises InvalidInput naming the scenario and input.
void sweep_token_factory(const TokenFactory& base, std::span<const SweepColumn> columns, std::size_t scenarios,
                         std::array<std::span<double>, sweep_output_count> outputs, unsigned threads = 0);

}  // namespace fabtoken
