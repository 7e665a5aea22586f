// Prefill and decode: separate input and output throughput per deployed GPU → separate input and
// output cost per Mtok, as ServingCost for the price-card margin analysis.
//
// In disaggregated serving every deployed GPU counts: per-GPU throughputs are over all GPUs, and
// the GPU time is split between the two phases (the share of GPUs in the prefill pool, or of time
// spent in prefill): input cost = price x prefill share / input throughput, output cost =
// price x (1 - prefill share) / output throughput.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/pricing/serving_cost.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

class PrefillDecode {
 public:
  struct Inputs {
    TokensPerGpuTime input_throughput{};
    TokensPerGpuTime output_throughput{};
    Fraction prefill_share = 0.0;            // of deployed GPU time
    Fraction cached_input_cost_share = 0.0;  // a cached input token's cost as a share of a new one's
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "PrefillDecode";
  static constexpr std::array fields{
      field<&Inputs::input_throughput, tokens_per_s_per_gpu>("input_tokens_per_s_per_gpu", "Input throughput per GPU"),
      field<&Inputs::output_throughput, tokens_per_s_per_gpu>("output_tokens_per_s_per_gpu", "Output throughput per GPU"),
      field<&Inputs::prefill_share, fraction>("prefill_share", "Prefill share of GPU time"),
      field<&Inputs::cached_input_cost_share, fraction>("cached_input_cost_share", "Cached input cost share"),
  };

  explicit PrefillDecode(const Inputs& inputs) : inputs_(inputs) {
    require_positive("input_tokens_per_s_per_gpu", inputs.input_throughput, tokens_per_s_per_gpu);
    require_positive("output_tokens_per_s_per_gpu", inputs.output_throughput, tokens_per_s_per_gpu);
    require_in_range("prefill_share", inputs.prefill_share, 0.0, 1.0);
    require_in_range("cached_input_cost_share", inputs.cached_input_cost_share, 0.0, 1.0);
  }

  const Inputs& inputs() const { return inputs_; }
  ServingCost serving_cost(UsdPerGpuTime price) const {
    require_positive("price_usd_per_gpu_hour", price, usd_per_gpu_hour);
    // Each phase's token bears its phase's share of the GPU-hour price.
    const UsdPerToken input = relations::cost_per_token(price * inputs_.prefill_share, inputs_.input_throughput);
    return ServingCost({input, input * inputs_.cached_input_cost_share,
                        relations::cost_per_token(price * (1.0 - inputs_.prefill_share), inputs_.output_throughput)});
  }
  bool operator==(const PrefillDecode&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
