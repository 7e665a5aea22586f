#include "fabtoken/deals/marketplace_deal.hpp"

#include "fabtoken/domain.hpp"
#include "fabtoken/relations.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace fabtoken {

namespace {
// The revenue bands of the deal: [from, to) shared at `share`, the last one open-ended.
struct Band {
  CapacityRate from;
  std::optional<CapacityRate> to;
  Fraction share;
};

std::vector<Band> bands(const MarketplaceDeal::Inputs& in) {
  std::vector<Band> out{{CapacityRate{}, std::nullopt, in.revenue_share}};
  for (const auto& h : in.hurdles) {
    out.back().to = h.threshold;
    out.push_back({h.threshold, std::nullopt, h.share});
  }
  return out;
}
}  // namespace

MarketplaceDeal::MarketplaceDeal(Inputs inputs) : inputs_(std::move(inputs)) {
  require_in_range("revenue_share", inputs_.revenue_share, 0.0, 1.0);
  require_non_negative("iaas_fee_musd_per_mw_year", inputs_.iaas_fee, musd_per_mw_year);
  require_non_negative("cloud_opex_musd_per_mw_year", inputs_.cloud_opex, musd_per_mw_year);
  require_positive("compute_mw", inputs_.compute, mw);
  CapacityRate previous{};
  for (std::size_t i = 0; i < inputs_.hurdles.size(); ++i) {
    const auto& h = inputs_.hurdles[i];
    const std::string name = "hurdles[" + std::to_string(i) + "]";
    require_positive(name + ".threshold_musd_per_mw_year", h.threshold, musd_per_mw_year);
    FABTOKEN_REQUIRE(h.threshold > previous, name + ".threshold_musd_per_mw_year",
                     name << ".threshold_musd_per_mw_year must be above the one before, got "
                          << exact(in(h.threshold, musd_per_mw_year)) << " after " << exact(in(previous, musd_per_mw_year)));
    require_in_range(name + ".share", h.share, 0.0, 1.0);
    previous = h.threshold;
  }
}

CapacityRate MarketplaceDeal::revenue_share(CapacityRate lab_revenue) const {
  require_non_negative("lab_revenue_musd_per_mw_year", lab_revenue, musd_per_mw_year);
  CapacityRate taken{};
  for (const Band& band : bands(inputs_)) {
    if (lab_revenue <= band.from) break;
    const CapacityRate top = band.to ? std::min(lab_revenue, *band.to) : lab_revenue;
    taken += (top - band.from) * band.share;
  }
  return taken;
}

std::optional<CapacityRate> MarketplaceDeal::lab_revenue_for_share(CapacityRate share_revenue) const {
  if (share_revenue < CapacityRate{}) return std::nullopt;  // the share never falls below 0
  if (share_revenue == CapacityRate{}) return CapacityRate{};
  CapacityRate taken{};
  for (const Band& band : bands(inputs_)) {
    const CapacityRate needed = share_revenue - taken;
    if (band.share > 0.0) {
      const CapacityRate reach = band.from + needed / band.share;
      if (!std::isfinite(in(reach, musd_per_mw_year))) return std::nullopt;  // a share too small to get there
      if (!band.to || reach <= *band.to) return reach;
    }
    if (band.to) taken += (*band.to - band.from) * band.share;
  }
  return std::nullopt;
}

DealEconomics MarketplaceDeal::at(CapacityRate lab_revenue) const {
  require_positive("lab_revenue_musd_per_mw_year", lab_revenue, musd_per_mw_year);
  DealEconomics e{};
  e.lab_gross_revenue = lab_revenue;
  e.cloud_revenue_share = revenue_share(lab_revenue);
  e.cloud_net_revenue = inputs_.iaas_fee + e.cloud_revenue_share;
  e.cloud_ebit = e.cloud_net_revenue - inputs_.cloud_opex;
  FABTOKEN_REQUIRE(e.cloud_net_revenue > CapacityRate{}, "iaas_fee_musd_per_mw_year",
                   "with iaas_fee_musd_per_mw_year 0 and no revenue share up to a lab revenue of "
                       << exact(in(lab_revenue, musd_per_mw_year))
                       << " USD M/MW/year the cloud earns nothing there, so its margin is undefined");
  e.cloud_ebit_margin = e.cloud_ebit / e.cloud_net_revenue;
  e.lab_gross_margin = lab_revenue - e.cloud_revenue_share - inputs_.iaas_fee;
  e.lab_gross_margin_share = e.lab_gross_margin / lab_revenue;
  return e;
}

}  // namespace fabtoken
