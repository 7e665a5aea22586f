// A cloud marketplace deal (Bedrock-style): the lab is seller of record and books the gross revenue
// of the tokens sold; the cloud runs the compute, takes an IaaS fee per MW-year and a share of the
// lab's revenue, and bears the operating cost of the compute.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/units.hpp"

#include <utility>
#include <optional>
#include <vector>

namespace fabtoken {

// A hurdle: above `threshold` of lab revenue per MW-year, the revenue beyond it is shared at
// `share` (marginal, like tax brackets, so the cloud's take is continuous in the lab's revenue).
struct RevenueShareHurdle {
  CapacityRate threshold;
  Fraction share;
  bool operator==(const RevenueShareHurdle&) const = default;
};

// Both parties' economics at one level of lab revenue per MW-year.
struct DealEconomics {
  CapacityRate lab_gross_revenue;   // booked by the lab (seller of record)
  CapacityRate cloud_revenue_share;
  CapacityRate cloud_net_revenue;   // fee + revenue share: what the cloud books
  CapacityRate cloud_ebit;
  Fraction cloud_ebit_margin;
  CapacityRate lab_gross_margin;    // revenue less the share and the fee
  Fraction lab_gross_margin_share;  // of the lab's gross revenue
};

class MarketplaceDeal {
 public:
  struct Inputs {
    Fraction revenue_share{};  // below the first hurdle
    CapacityRate iaas_fee{};
    CapacityRate cloud_opex{};
    Power compute{};
    std::vector<RevenueShareHurdle> hurdles{};  // ascending thresholds
    bool operator==(const Inputs&) const = default;
  };

  explicit MarketplaceDeal(Inputs inputs);

  const Inputs& inputs() const& { return inputs_; }
  Inputs inputs() && { return std::move(inputs_); }  // hands the terms back without copying the hurdles
  // The cloud's share of `lab_revenue` per MW-year, hurdles applied.
  CapacityRate revenue_share(CapacityRate lab_revenue) const;
  DealEconomics at(CapacityRate lab_revenue) const;
  // Per MW-year figures times the deal's MW: money per year.
  UsdPerTime total(CapacityRate per_mw) const { return per_mw.value * inputs_.compute; }
  // The lowest lab revenue per MW-year at which the cloud's share reaches `share_revenue`; absent
  // when no revenue gets there (negative, or beyond what the shares ever give).
  std::optional<CapacityRate> lab_revenue_for_share(CapacityRate share_revenue) const;
  bool operator==(const MarketplaceDeal&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
