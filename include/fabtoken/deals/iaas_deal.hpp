// A plain IaaS deal: the cloud rents GPUs at a price per GPU-hour under a take-or-pay contract,
// whatever the lab earns on them.
#pragma once

#include "fabtoken/deals/compute_bridge.hpp"
#include "fabtoken/deals/marketplace_deal.hpp"
#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <optional>

namespace fabtoken {

class IaasDeal {
 public:
  struct Inputs {
    UsdPerGpuTime rental_price{};
    PowerPerGpu power_per_gpu{};  // all-in, to count the GPUs in a MW
    CapacityRate cloud_opex{};
    Duration term{};
    Power compute{};
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "IaasDeal";
  static constexpr std::array fields{
      field<&Inputs::rental_price, usd_per_gpu_hour>("rental_usd_per_gpu_hour", "Rental price"),
      field<&Inputs::power_per_gpu, kw_per_gpu>("kw_per_gpu", "Power per GPU, all-in"),
      field<&Inputs::cloud_opex, musd_per_mw_year>("cloud_opex_musd_per_mw_year", "Cloud operating cost"),
      field<&Inputs::term, years>("term_years", "Contract term"),
      field<&Inputs::compute, mw>("compute_mw", "Compute under contract"),
  };

  explicit IaasDeal(const Inputs& inputs) : inputs_(inputs) {
    require_positive("rental_usd_per_gpu_hour", inputs.rental_price, usd_per_gpu_hour);
    require_positive("kw_per_gpu", inputs.power_per_gpu, kw_per_gpu);
    require_non_negative("cloud_opex_musd_per_mw_year", inputs.cloud_opex, musd_per_mw_year);
    require_positive("term_years", inputs.term, years);
    require_positive("compute_mw", inputs.compute, mw);
  }

  const Inputs& inputs() const { return inputs_; }
  // Every GPU of the MW is paid for, used or not: rental x GPUs per MW.
  CapacityRate cloud_revenue_per_mw() const {
    return CapacityRate{inputs_.rental_price * relations::gpus_per_watt(inputs_.power_per_gpu)};
  }
  CapacityRate cloud_ebit_per_mw() const { return cloud_revenue_per_mw() - inputs_.cloud_opex; }
  Fraction cloud_ebit_margin() const { return cloud_ebit_per_mw() / cloud_revenue_per_mw(); }
  // The contract's value to the cloud: revenue per MW-year x MW x term.
  Usd contract_value() const { return cloud_revenue_per_mw().value * inputs_.compute * inputs_.term; }
  bool operator==(const IaasDeal&) const = default;

 private:
  Inputs inputs_;
};

// The lab revenue per MW-year at which the cloud's EBIT under the marketplace deal equals its EBIT
// under the IaaS deal; absent when the marketplace deal never gets there.
inline std::optional<CapacityRate> breakeven_lab_revenue(const MarketplaceDeal& marketplace, const IaasDeal& iaas) {
  // fee + share(R) - opex_m = EBIT_iaas  =>  share(R) = EBIT_iaas + opex_m - fee
  const auto& m = marketplace.inputs();
  return marketplace.lab_revenue_for_share(iaas.cloud_ebit_per_mw() + m.cloud_opex - m.iaas_fee);
}

}  // namespace fabtoken
