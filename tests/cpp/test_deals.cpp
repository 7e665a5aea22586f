// Marketplace and IaaS deals against figures.md s2 and hand calculations written out here.
#include "fabtoken/deals/compute_bridge.hpp"
#include "fabtoken/deals/iaas_deal.hpp"
#include "fabtoken/deals/marketplace_deal.hpp"
#include "test_support.hpp"

#include <cmath>

namespace fabtoken {
namespace {

using testing::expect_invalid;

// figures.md s2 terms: 25% revenue share, IaaS fee 7.5 and cloud opex 6.5 USD M per MW-year.
MarketplaceDeal bedrock(double compute_mw = 1.0, std::vector<RevenueShareHurdle> hurdles = {}) {
  return MarketplaceDeal({0.25, musd_per_mw_year(7.5), musd_per_mw_year(6.5), mw(compute_mw), std::move(hurdles)});
}

// figures.md s2, both tables, per MW-year in USD M and margins in %.
struct PublishedColumn {
  double lab_revenue, cloud_net_revenue, cloud_ebit, cloud_ebit_margin, lab_gross_margin, lab_gross_margin_pct;
};
const PublishedColumn published[] = {
    {10, 10, 4, 35, 0, 0},   {15, 11, 5, 42, 4, 25},  {20, 13, 6, 48, 8, 38},   {25, 14, 7, 53, 11, 45},
    {30, 15, 9, 57, 15, 50}, {35, 16, 10, 60, 19, 54}, {40, 18, 11, 63, 23, 56},
};

// Whole numbers are shown, rounded half up (8.5 is shown as 9), so a value is within half a unit
// of its published figure; the slack covers 8.5 computed as 8.4999999999.
void expect_shown_as(double value, double shown, double lab_revenue, const char* what) {
  EXPECT_LE(std::fabs(value - shown), 0.5 + 1e-9) << what << " at lab revenue " << lab_revenue << ": " << value;
}

TEST(MarketplaceDeal, ReproducesBothSensitivityTablesAtTheirRounding) {
  const MarketplaceDeal deal = bedrock();
  for (const auto& p : published) {
    const DealEconomics e = deal.at(musd_per_mw_year(p.lab_revenue));
    expect_shown_as(in(e.cloud_net_revenue, musd_per_mw_year), p.cloud_net_revenue, p.lab_revenue, "cloud net revenue");
    expect_shown_as(in(e.cloud_ebit, musd_per_mw_year), p.cloud_ebit, p.lab_revenue, "cloud EBIT");
    expect_shown_as(100 * e.cloud_ebit_margin, p.cloud_ebit_margin, p.lab_revenue, "cloud EBIT margin");
    expect_shown_as(in(e.lab_gross_margin, musd_per_mw_year), p.lab_gross_margin, p.lab_revenue, "lab gross margin");
    expect_shown_as(100 * e.lab_gross_margin_share, p.lab_gross_margin_pct, p.lab_revenue, "lab gross margin %");
  }
}

TEST(MarketplaceDeal, FollowsTheFormulasStatedUnderTheTables) {
  // At 25: net = 7.5 + 0.25 x 25 = 13.75; EBIT = 13.75 - 6.5 = 7.25; margin 7.25 / 13.75 = 52.73%;
  // lab = 25 - 6.25 - 7.5 = 11.25 (45%).
  const DealEconomics e = bedrock().at(musd_per_mw_year(25.0));
  EXPECT_NEAR(in(e.cloud_net_revenue, musd_per_mw_year), 13.75, 1e-12);
  EXPECT_NEAR(in(e.cloud_ebit, musd_per_mw_year), 7.25, 1e-12);
  EXPECT_NEAR(e.cloud_ebit_margin, 0.5272727, 1e-7);
  EXPECT_NEAR(in(e.lab_gross_margin, musd_per_mw_year), 11.25, 1e-12);
  EXPECT_NEAR(e.lab_gross_margin_share, 0.45, 1e-12);
}

TEST(MarketplaceDeal, TotalsScaleWithTheMegawattsOfTheDeal) {
  // 10 MW at 20 USD M/MW-year: the lab books 200 USD M a year, the cloud 12.5 x 10 = 125.
  const MarketplaceDeal deal = bedrock(10.0);
  const DealEconomics e = deal.at(musd_per_mw_year(20.0));
  EXPECT_NEAR(in(deal.total(e.lab_gross_revenue), musd_per_year), 200.0, 1e-9);
  EXPECT_NEAR(in(deal.total(e.cloud_net_revenue), musd_per_year), 125.0, 1e-9);
}

TEST(MarketplaceDeal, HurdlesShareEachBandAtItsOwnRate) {
  // 25% up to 20, 15% from 20 to 30, 10% above 30. At 35: 20 x 0.25 + 10 x 0.15 + 5 x 0.10 = 7.0;
  // net 14.5; EBIT 8.0 (55.17%); lab 35 - 7 - 7.5 = 20.5 (58.57%).
  const MarketplaceDeal deal = bedrock(1.0, {{musd_per_mw_year(20.0), 0.15}, {musd_per_mw_year(30.0), 0.10}});
  const DealEconomics e = deal.at(musd_per_mw_year(35.0));
  EXPECT_NEAR(in(e.cloud_revenue_share, musd_per_mw_year), 7.0, 1e-12);
  EXPECT_NEAR(e.cloud_ebit_margin, 8.0 / 14.5, 1e-12);
  EXPECT_NEAR(e.lab_gross_margin_share, 20.5 / 35.0, 1e-12);
  // Below the first hurdle the base share alone applies: 0.25 x 12 = 3.
  EXPECT_NEAR(in(deal.revenue_share(musd_per_mw_year(12.0)), musd_per_mw_year), 3.0, 1e-12);
  // The inverse: a share of 6 needs 20 (giving 5) plus 1 / 0.15 = 6.667 more: 26.667.
  EXPECT_NEAR(in(*deal.lab_revenue_for_share(musd_per_mw_year(6.0)), musd_per_mw_year), 26.6666667, 1e-6);
}

TEST(MarketplaceDeal, AShareOfZeroAboveAHurdleCapsTheCloudsTake) {
  // 25% to 20, nothing above: the cloud's share never passes 5, so 6 is out of reach.
  const MarketplaceDeal deal = bedrock(1.0, {{musd_per_mw_year(20.0), 0.0}});
  EXPECT_NEAR(in(deal.revenue_share(musd_per_mw_year(100.0)), musd_per_mw_year), 5.0, 1e-12);
  EXPECT_FALSE(deal.lab_revenue_for_share(musd_per_mw_year(6.0)).has_value());
}

TEST(MarketplaceDeal, RejectsBadTermsNamingThem) {
  expect_invalid([] { MarketplaceDeal({1.2, musd_per_mw_year(7.5), musd_per_mw_year(6.5), mw(1.0)}); }, "revenue_share", "got 1.2");
  expect_invalid([] { MarketplaceDeal({0.25, musd_per_mw_year(-1.0), musd_per_mw_year(6.5), mw(1.0)}); },
                 "iaas_fee_musd_per_mw_year", "got -1 USD M/MW/year");
  expect_invalid([] { MarketplaceDeal({0.25, musd_per_mw_year(7.5), musd_per_mw_year(6.5), mw(0.0)}); }, "compute_mw", "got 0 MW");
  expect_invalid([] { bedrock(1.0, {{musd_per_mw_year(30.0), 0.1}, {musd_per_mw_year(20.0), 0.1}}); },
                 "hurdles[1].threshold_musd_per_mw_year", "above the one before");
  expect_invalid([] { bedrock().at(musd_per_mw_year(0.0)); }, "lab_revenue_musd_per_mw_year", "positive");
}

TEST(ComputeBridge, TurnsTokensIntoLabRevenuePerMegawatt) {
  // H200 stack: 1,000 / 1.35 = 740.74 GPUs per MW; x 735 tok/s x 31,536,000 s = 17,169,600 Mtok
  // per MW-year; x 1.75 USD/Mtok = 30.0468 USD M per MW-year.
  const ComputeBridge bridge({kw_per_gpu(1.35), tokens_per_s_per_gpu(735.0), 1.0, usd_per_mtok(1.75)});
  EXPECT_NEAR(bridge.gpus_per_mw(), 740.7407407, 1e-6);
  EXPECT_NEAR(in(bridge.tokens_per_energy(), mtok_per_mw_year), 17169600.0, 1e-3);
  EXPECT_NEAR(in(bridge.lab_revenue_per_mw(), musd_per_mw_year), 30.0468, 1e-9);
  EXPECT_TRUE(ComputeBridge::of(testing::h200()) == bridge);
  // Serving paid tokens half the time halves it: 15.0234.
  const ComputeBridge half({kw_per_gpu(1.35), tokens_per_s_per_gpu(735.0), 0.5, usd_per_mtok(1.75)});
  EXPECT_NEAR(in(half.lab_revenue_per_mw(), musd_per_mw_year), 15.0234, 1e-9);
}

TEST(IaasDeal, TakeOrPayRentalAgainstTheMarketplaceDeal) {
  // 1.90 USD/GPU-hour x 740.74 GPUs x 8,760 h = 12.3289 USD M per MW-year; EBIT 12.3289 - 6.5 =
  // 5.8289 (47.28%). Over 10 MW and 5 years: 12.3289 x 10 x 5 = 616.44 USD M.
  const IaasDeal iaas({usd_per_gpu_hour(1.90), kw_per_gpu(1.35), musd_per_mw_year(6.5), years(5.0), mw(10.0)});
  EXPECT_NEAR(in(iaas.cloud_revenue_per_mw(), musd_per_mw_year), 12.3288889, 1e-6);
  EXPECT_NEAR(in(iaas.cloud_ebit_per_mw(), musd_per_mw_year), 5.8288889, 1e-6);
  EXPECT_NEAR(iaas.cloud_ebit_margin(), 0.4727830, 1e-6);
  EXPECT_NEAR(in(iaas.contract_value(), musd), 616.4444444, 1e-5);
  // Same EBIT either way where 7.5 + 0.25 R - 6.5 = 5.8289: R = 4.8289 / 0.25 = 19.3156.
  EXPECT_NEAR(in(*breakeven_lab_revenue(bedrock(10.0), iaas), musd_per_mw_year), 19.3155556, 1e-6);
  expect_invalid([] { IaasDeal({usd_per_gpu_hour(1.9), kw_per_gpu(1.35), musd_per_mw_year(6.5), years(0.0), mw(1.0)}); },
                 "term_years", "got 0 years");
}

}  // namespace
}  // namespace fabtoken
