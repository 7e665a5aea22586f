// Batch evaluation of the models other than the token factory: goodput, the IaaS and marketplace
// deals, the value chain and a workload's bill on a price card. Each scenario runs the model's own
// validated scalar path (see each_scenario.hpp).
#pragma once

#include "fabtoken/batch/batch.hpp"
#include "fabtoken/cluster/goodput.hpp"
#include "fabtoken/deals/iaas_deal.hpp"
#include "fabtoken/deals/marketplace_deal.hpp"
#include "fabtoken/pricing/price_card.hpp"
#include "fabtoken/pricing/workload.hpp"
#include "fabtoken/value_capture.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace fabtoken {

using BatchInputs = std::vector<std::pair<std::string_view, double>>;

template <>
struct BatchModel<Goodput> {
  static constexpr std::array<std::string_view, 5> outputs{"total_loss", "downtime_loss", "idle_spare_cost",
                                                           "interruptions_per_month", "cluster_mtbf_hours"};
  static BatchInputs inputs(const Goodput& goodput);
  static void evaluate(const Goodput& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

template <>
struct BatchModel<IaasDeal> {
  static constexpr std::array<std::string_view, 4> outputs{
      "cloud_revenue_musd_per_mw_year", "cloud_ebit_musd_per_mw_year", "cloud_ebit_margin", "contract_value_musd"};
  static BatchInputs inputs(const IaasDeal& deal);
  static void evaluate(const IaasDeal& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

// The deal at a lab revenue per MW-year (the input lab_revenue_musd_per_mw_year, which every batch
// must give); the hurdles stay as the deal has them.
template <>
struct BatchModel<MarketplaceDeal> {
  static constexpr std::array<std::string_view, 6> outputs{
      "cloud_revenue_share_musd_per_mw_year", "cloud_net_revenue_musd_per_mw_year", "cloud_ebit_musd_per_mw_year",
      "cloud_ebit_margin", "lab_gross_margin_musd_per_mw_year", "lab_gross_margin"};
  static BatchInputs inputs(const MarketplaceDeal& deal);
  static void evaluate(const MarketplaceDeal& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

// Who keeps what of each dollar the user pays, through a third-party app: each layer's gross profit
// and the costs left at the bottom, as shares of the user's payment (they add up to 1).
template <>
struct BatchModel<ValueCapture> {
  static constexpr std::array<std::string_view, 9> outputs{
      "application_share", "model_provider_share", "cloud_share",   "datacenter_and_power_share",
      "system_vendor_share", "financing_share",    "memory_share",  "foundry_share",
      "bottom_costs_share"};
  static BatchInputs inputs(const ValueCapture& chain);
  static void evaluate(const ValueCapture& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

// A workload billed on a price card.
using PricedWorkload = std::pair<PriceCard, Workload>;
template <>
struct BatchModel<PricedWorkload> {
  static constexpr std::array<std::string_view, 4> outputs{"usd_per_request", "usd_per_task", "usd_per_month",
                                                           "blended_usd_per_mtok"};
  static BatchInputs inputs(const PricedWorkload& priced);
  static void evaluate(const PricedWorkload& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                       BatchOutputs outputs, unsigned threads = 0);
};

}  // namespace fabtoken
