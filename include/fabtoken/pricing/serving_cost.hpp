// What serving a workload costs the provider, and its gross margin on a price card.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/layers/throughput.hpp"
#include "fabtoken/pricing/bill.hpp"
#include "fabtoken/pricing/token_class.hpp"
#include "fabtoken/relations.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

// Serving cost per token of each kind of work: prefill of new input (cache writes too), prefill of
// cached input (cheaper: its attention keys and values are stored), and decode of output.
class ServingCost {
 public:
  struct Inputs {
    UsdPerToken input;
    UsdPerToken cached_input;
    UsdPerToken output;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "ServingCost";
  static constexpr std::array fields{
      field<&Inputs::input, usd_per_mtok>("input_cost_usd_per_mtok", "Serving cost of new input (prefill)"),
      field<&Inputs::cached_input, usd_per_mtok>("cached_input_cost_usd_per_mtok", "Serving cost of cached input"),
      field<&Inputs::output, usd_per_mtok>("output_cost_usd_per_mtok", "Serving cost of output (decode)"),
  };

  explicit ServingCost(const Inputs& inputs) : inputs_(inputs) {
    require_non_negative("input_cost_usd_per_mtok", inputs.input, usd_per_mtok);
    require_non_negative("cached_input_cost_usd_per_mtok", inputs.cached_input, usd_per_mtok);
    require_non_negative("output_cost_usd_per_mtok", inputs.output, usd_per_mtok);
  }

  // From a price per GPU-hour and the tokens per second a GPU processes of each kind.
  static ServingCost from_throughput(UsdPerGpuTime gpu_hour_price, TokensPerGpuTime input_throughput,
                                     TokensPerGpuTime cached_input_throughput, TokensPerGpuTime output_throughput) {
    require_positive("price_usd_per_gpu_hour", gpu_hour_price, usd_per_gpu_hour);
    require_positive("input_tokens_per_s_per_gpu", input_throughput, tokens_per_s_per_gpu);
    require_positive("cached_input_tokens_per_s_per_gpu", cached_input_throughput, tokens_per_s_per_gpu);
    require_positive("output_tokens_per_s_per_gpu", output_throughput, tokens_per_s_per_gpu);
    return ServingCost({relations::cost_per_token(gpu_hour_price, input_throughput),
                        relations::cost_per_token(gpu_hour_price, cached_input_throughput),
                        relations::cost_per_token(gpu_hour_price, output_throughput)});
  }

  const Inputs& inputs() const { return inputs_; }
  UsdPerToken cost(TokenClass c) const {
    switch (c) {
      case TokenClass::cache_read: return inputs_.cached_input;
      case TokenClass::output: return inputs_.output;
      default: return inputs_.input;  // uncached input and cache writes are both fresh prefill
    }
  }
  bool operator==(const ServingCost&) const = default;

 private:
  Inputs inputs_;
};

// The provider's economics of one workload, per request.
struct WorkloadEconomics {
  Usd revenue;
  Usd cost;
  Usd gross_profit;
  Fraction gross_margin;
};

inline Usd serving_cost_per_request(const Bill& bill, const ServingCost& cost) {
  Usd total{};
  for (TokenClass c : all_token_classes) total += bill.tokens_per_request(c) * cost.cost(c);
  return total;
}

inline WorkloadEconomics workload_economics(const Bill& bill, const ServingCost& cost) {
  const Usd revenue = bill.per_request();
  FABTOKEN_REQUIRE(revenue > Usd{}, "price card",
                   "the workload's bill is 0 USD, so its gross margin is undefined (a free model?)");
  const Usd spent = serving_cost_per_request(bill, cost);
  return {revenue, spent, revenue - spent, relations::gross_margin(revenue, spent)};
}

}  // namespace fabtoken
