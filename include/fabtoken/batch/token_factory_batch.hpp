// The token factory over many scenarios. Each varying input column is checked against its
// parameter's domain (the one the layers' constructors use), then the stack's relations run over
// blocks of scenarios on typed quantities: no allocation per scenario, every core. A scenario that
// fails is re-run through the validated scalar path, so its error is the scalar error, prefixed
// with the scenario's index.
#pragma once

#include "fabtoken/batch/batch.hpp"
#include "fabtoken/token_factory.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace fabtoken {

template <>
struct BatchModel<TokenFactory> {
  // In these units: USD per GPU-hour, fractions, USD per Mtok.
  static constexpr std::array<std::string_view, 9> outputs{
      "total_cost_usd_per_gpu_hour",   "depreciation_usd_per_gpu_hour", "operating_cost_usd_per_gpu_hour",
      "cloud_revenue_usd_per_gpu_hour", "cloud_gross_margin",           "compute_cost_usd_per_mtok",
      "model_gross_margin",            "third_party_app_gross_margin",  "first_party_app_gross_margin"};

  static std::vector<std::pair<std::string_view, double>> inputs(const TokenFactory& factory);
  static void evaluate(const TokenFactory& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

}  // namespace fabtoken
