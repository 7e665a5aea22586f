// From tokens to MW: what a MW of compute earns the lab, from the GPUs it powers, their throughput,
// the share of time they serve paid tokens, and the blended price.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/token_factory.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

namespace relations {
// GPUs per watt of compute: a MW powers 1 MW / (all-in power per GPU) GPUs.
constexpr auto gpus_per_watt(PowerPerGpu power_per_gpu) { return 1.0 / power_per_gpu; }
}  // namespace relations

class ComputeBridge {
 public:
  struct Inputs {
    PowerPerGpu power_per_gpu{};  // all-in: a MW of compute powers 1 MW / this many GPUs
    TokensPerGpuTime throughput{};
    Fraction utilization = 1.0;   // share of GPU time serving paid tokens
    UsdPerToken blended_price{};
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "ComputeBridge";
  static constexpr std::array fields{
      field<&Inputs::power_per_gpu, kw_per_gpu>("kw_per_gpu", "Power per GPU, all-in"),
      field<&Inputs::throughput, tokens_per_s_per_gpu>("tokens_per_s_per_gpu", "Effective inference throughput"),
      field<&Inputs::utilization, fraction>("utilization", "Share of GPU time serving paid tokens"),
      field<&Inputs::blended_price, usd_per_mtok>("api_price_usd_per_mtok", "Blended price"),
  };

  explicit ComputeBridge(const Inputs& inputs) : inputs_(inputs) {
    require_positive("kw_per_gpu", inputs.power_per_gpu, kw_per_gpu);
    require_positive("tokens_per_s_per_gpu", inputs.throughput, tokens_per_s_per_gpu);
    require_in_range("utilization", inputs.utilization, 0.0, 1.0, LowerBound::open);
    require_positive("api_price_usd_per_mtok", inputs.blended_price, usd_per_mtok);
  }
  // The bridge of a token factory: its power per GPU, throughput, share of hours sold and API price.
  static ComputeBridge of(const TokenFactory& factory) {
    return ComputeBridge({factory.colocation().inputs().it_power, factory.throughput().inputs().tokens_per_second,
                          factory.rental().inputs().utilization, factory.api_price().inputs().blended_price});
  }

  const Inputs& inputs() const { return inputs_; }
  // GPUs per MW = 1,000 kW / kW per GPU.
  double gpus_per_mw() const { return in(mw(1.0) * relations::gpus_per_watt(inputs_.power_per_gpu), gpus); }
  TokensPerEnergy tokens_per_energy() const {
    return inputs_.throughput * inputs_.utilization * relations::gpus_per_watt(inputs_.power_per_gpu);
  }
  CapacityRate lab_revenue_per_mw() const { return CapacityRate{tokens_per_energy() * inputs_.blended_price}; }
  bool operator==(const ComputeBridge&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
