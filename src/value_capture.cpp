#include "fabtoken/value_capture.hpp"

#include "fabtoken/domain.hpp"
#include "fabtoken/layers/depreciation.hpp"

#include <cmath>

namespace fabtoken {

SupplierMargins::SupplierMargins(const Inputs& in) : inputs_(in) {
  // A margin of 100% would leave a supplier no cost at all; below 0 it sells at a loss, which the
  // model allows.
  require_in_range("system_vendor_gross_margin", in.system_vendor_gross_margin, -1.0, 1.0);
  require_in_range("memory_share_of_system_cost", in.memory_share_of_system_cost, 0.0, 1.0);
  require_in_range("memory_gross_margin", in.memory_gross_margin, -1.0, 1.0);
  require_in_range("foundry_share_of_system_cost", in.foundry_share_of_system_cost, 0.0, 1.0);
  require_in_range("foundry_gross_margin", in.foundry_gross_margin, -1.0, 1.0);
  require_in_range("datacenter_gross_margin", in.datacenter_gross_margin, -1.0, 1.0);
  FABTOKEN_REQUIRE(in.memory_share_of_system_cost + in.foundry_share_of_system_cost <= 1.0, "foundry_share_of_system_cost",
                   "memory_share_of_system_cost + foundry_share_of_system_cost must be at most 1, got "
                       << exact(in.memory_share_of_system_cost) << " + " << exact(in.foundry_share_of_system_cost));
}

PoolRows ValueCapture::rows(AppPath path) const {
  const StackEconomics e = factory_.evaluate();
  const auto& m = margins_.inputs();
  const TokensPerTime tokens = factory_.app().inputs().tokens_per_user;
  // The user's tokens take this many owned GPU-hours (only sold hours make tokens).
  const auto gpu_time = tokens / (e.tokens_per_gpu_hour / hours(1.0) * factory_.rental().inputs().utilization);
  const auto& dep = factory_.depreciation().inputs();
  const UsdPerGpuTime straight_line =
      relations::capital_charge(e.capex_per_gpu, relations::capital_recovery_rate(dep.useful_life, dep.residual_value, 0.0));

  const UsdPerTime user = user_payment();
  const UsdPerTime api_spend = e.third_party_app.token_cost_per_user;
  const UsdPerTime rental_spend = e.first_party_app.token_cost_per_user;
  const UsdPerTime hardware = gpu_time * e.depreciation;
  const UsdPerTime vendor_revenue = gpu_time * straight_line;
  const UsdPerTime financing = hardware - vendor_revenue;
  const UsdPerTime datacenter_revenue = gpu_time * e.operating_cost;
  const UsdPerTime vendor_cogs = vendor_revenue * (1.0 - m.system_vendor_gross_margin);
  const UsdPerTime memory_revenue = vendor_cogs * m.memory_share_of_system_cost;
  const UsdPerTime foundry_revenue = vendor_cogs * m.foundry_share_of_system_cost;

  const auto layer = [](std::string_view name, UsdPerTime revenue, UsdPerTime cost) {
    return PoolRow{name, revenue, cost, revenue - cost, false};
  };
  const auto bottom = [](std::string_view name, UsdPerTime cost) { return PoolRow{name, {}, cost, {}, true}; };
  const UsdPerTime app_token_cost = path == AppPath::third_party ? api_spend : rental_spend;

  PoolRows out;
  out.push_back(layer("Application", user, app_token_cost));
  if (path == AppPath::third_party) out.push_back(layer("Model provider", api_spend, rental_spend));
  out.push_back(layer("Cloud", rental_spend, hardware + datacenter_revenue));
  out.push_back(layer("Datacenter and power", datacenter_revenue, datacenter_revenue * (1.0 - m.datacenter_gross_margin)));
  out.push_back(layer("System vendor", vendor_revenue, vendor_cogs));
  out.push_back(layer("Financing", financing, {}));
  out.push_back(layer("Memory", memory_revenue, memory_revenue * (1.0 - m.memory_gross_margin)));
  out.push_back(layer("Foundry", foundry_revenue, foundry_revenue * (1.0 - m.foundry_gross_margin)));
  out.push_back(bottom("Datacenter and power: own costs", datacenter_revenue * (1.0 - m.datacenter_gross_margin)));
  out.push_back(bottom("Other components and assembly", vendor_cogs - memory_revenue - foundry_revenue));
  out.push_back(bottom("Memory: cost of goods", memory_revenue * (1.0 - m.memory_gross_margin)));
  out.push_back(bottom("Foundry: cost of goods", foundry_revenue * (1.0 - m.foundry_gross_margin)));
  for (const PoolRow& row : out)
    for (const UsdPerTime& flow : {row.revenue, row.cost, row.gross_profit})
      FABTOKEN_REQUIRE(std::isfinite(in(flow, usd_per_month)), "inputs",
                       "the token factory's inputs are too extreme to split the user's payment (" << row.layer
                           << " comes out " << exact(in(flow, usd_per_month)) << " USD per user-month)");
  return out;
}

double ValueCapture::shown(UsdPerTime flow, PoolUnit unit) const {
  switch (unit) {
    case PoolUnit::per_mtok: {
      const TokensPerTime tokens = factory_.app().inputs().tokens_per_user;
      FABTOKEN_REQUIRE(tokens > TokensPerTime{}, "tokens_per_user_month",
                       "flows per Mtok need a user who consumes tokens; tokens_per_user_month is 0");
      return in(flow / tokens, usd_per_mtok);
    }
    case PoolUnit::per_dollar: return flow / user_payment();
    case PoolUnit::per_user_month: break;
  }
  return in(flow, usd_per_month);
}

}  // namespace fabtoken
