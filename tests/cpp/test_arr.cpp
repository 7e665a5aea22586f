// ARR series against figures.md s3 and hand calculations written out here.
#include "fabtoken/revenue/arr_series.hpp"
#include "test_support.hpp"

#include <cmath>

namespace fabtoken {
namespace {

using testing::expect_invalid;

ArrSeries quarterly() { return read_arr_csv(std::string(FABTOKEN_DATA_DIR) + "/arr/anthropic-quarterly.csv"); }
ArrSeries monthly() { return read_arr_csv(std::string(FABTOKEN_DATA_DIR) + "/arr/anthropic-monthly.csv"); }

double arr_musd(UsdPerTime arr) { return in(arr, musd_per_year); }

TEST(ArrSeries, GrowthAndNetNewArrMatchFiguresWithinOneInTheLastDigit) {
  // figures.md s3: the published figures were rounded from unrounded model values, so a
  // recomputed growth or net new ARR may differ by one in the last digit shown.
  const double qoq[] = {203, 93, 48, 33, 100, 75, 71, 50, 233, 93, 53, 37};
  const double net_new[] = {177, 245, 245, 245, 1000, 1500, 2500, 3000, 21000, 27999, 30455, 32886};
  const double yoy[] = {658, 588, 695, 800, 1400, 1557, 1374, 1248};  // from 1Q25
  const ArrSeries s = quarterly();
  ASSERT_EQ(s.periods().size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_LE(std::fabs(100 * *s.growth_period_over_period(i) - qoq[i]), 1.0 + 1e-9) << s.periods()[i].label();
    EXPECT_LE(std::fabs(arr_musd(*s.net_new(i)) - net_new[i]), 1.0 + 1e-9) << s.periods()[i].label();
  }
  for (std::size_t i = 4; i < 12; ++i)
    EXPECT_LE(std::fabs(100 * *s.growth_year_over_year(i) - yoy[i - 4]), 1.0 + 1e-9) << s.periods()[i].label();
  EXPECT_FALSE(s.growth_year_over_year(2).has_value());  // 3Q23 is not in the series
}

TEST(ArrSeries, ApiConsumptionIsAbout85To89PercentOfArrThroughout) {
  // figures.md s3: "API consumption is 85-89% of ARR throughout" (whole percent: 84.8% is 85%).
  const ArrSeries s = quarterly();
  ASSERT_EQ(s.segments().back().name, "api_consumption");
  for (std::size_t i = 0; i < s.periods().size(); ++i) {
    const double share = 100 * *s.segment_share(3, i);
    EXPECT_GE(share, 84.5) << s.periods()[i].label();
    EXPECT_LT(share, 89.5) << s.periods()[i].label();
  }
  // Enterprise 2Q26 over 1Q26: 4,200 / 2,400 - 1 = 75%.
  EXPECT_NEAR(*s.segment_growth(2, 9, 1), 0.75, 1e-12);
}

TEST(ArrSeries, LinearWithinQuarterRevenue) {
  // (opening + closing) / 2 / 4: 1Q24 (87 + 264) / 8 = 43.875; 2Q24 (264 + 509) / 8 = 96.625 USD M.
  const auto revenue = quarterly().recognized_revenue(RevenueConvention::linear_within_quarter);
  ASSERT_EQ(revenue.size(), 12u);
  EXPECT_NEAR(in(revenue[0].revenue, musd), 43.875, 1e-9);
  EXPECT_NEAR(in(revenue[1].revenue, musd), 96.625, 1e-9);
  // 2024: (351 + 773 + 1,264 + 1,755) / 8 = 517.875 USD M.
  double year = 0;
  for (int q = 0; q < 4; ++q) year += in(revenue[q].revenue, musd);
  EXPECT_NEAR(year, 517.875, 1e-9);
}

TEST(ArrSeries, MonthlyRunRateRevenue) {
  // Sum of the months' ARR / 12: 1Q24 (100 + 182 + 264) / 12 = 45.5; 1Q26 (12,000 + 19,000 + 30,000) / 12 = 5,083.33.
  const auto revenue = monthly().recognized_revenue(RevenueConvention::monthly_run_rate);
  ASSERT_EQ(revenue.size(), 9u);
  EXPECT_EQ(revenue[0].quarter.label(), "1Q24");
  EXPECT_NEAR(in(revenue[0].revenue, musd), 45.5, 1e-9);
  EXPECT_NEAR(in(revenue[8].revenue, musd), 5083.3333333, 1e-6);
  expect_invalid([] { quarterly().recognized_revenue(RevenueConvention::monthly_run_rate); }, "convention", "monthly ARR");
}

TEST(ArrSeries, ForecastsByNetNewArrOrByGrowth) {
  // 121,340 + 1,000 = 122,340 in 1Q27, + 1,000 = 123,340 in 2Q27; or 121,340 x 1.1 = 133,474.
  const ArrSeries by_net_new = quarterly().extended_by_net_new({musd_per_year(1000), musd_per_year(1000)});
  EXPECT_EQ(by_net_new.periods().back().label(), "2Q27");
  EXPECT_NEAR(arr_musd(by_net_new.total().back()), 123340.0, 1e-6);
  EXPECT_NEAR(arr_musd(quarterly().extended_by_growth({0.1}).total().back()), 133474.0, 1e-6);
}

TEST(ArrSeries, ComputeLinkageAtAnArrPerMegawatt) {
  // 2Q26: ARR 57,999 at 42 USD M per MW (figures.md s3: about 42M in 2Q26) = 1,380.93 MW. Revenue
  // (30,000 + 57,999) / 8 = 10,999.875 USD M; at a 65% gross margin, cost 3,849.956 and profit
  // 7,149.919; at 10 USD/Mtok, 10,999.875e6 / 10 x 1e6 = 1.0999875e15 tokens.
  const ArrSeries s = quarterly();
  const auto revenue = s.recognized_revenue(RevenueConvention::linear_within_quarter);
  const auto rows = compute_linkage(s, {revenue[9]}, {musd_per_mw_year(42)}, {0.65}, {usd_per_mtok(10)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NEAR(in(rows[0].compute, mw), 1380.9285714, 1e-6);
  EXPECT_NEAR(in(rows[0].inference_cost, musd), 3849.95625, 1e-6);
  EXPECT_NEAR(in(rows[0].gross_profit, musd), 7149.91875, 1e-6);
  EXPECT_NEAR(in(rows[0].tokens_served, tokens), 1.0999875e15, 1e3);
}

TEST(ArrSeries, RejectsGapsDisorderRepeatsAndNegativeArrNamingThePeriod) {
  const auto q = [](const char* label) { return Period::parse(label); };
  const auto arr = [](double v) { return musd_per_year(v); };
  expect_invalid([&] { ArrSeries({q("1Q24"), q("3Q24")}, {arr(1), arr(2)}); }, "period", "3Q24: a gap after 1Q24 (expected 2Q24)");
  expect_invalid([&] { ArrSeries({q("2Q24"), q("1Q24")}, {arr(1), arr(2)}); }, "period", "1Q24: periods must be in order");
  expect_invalid([&] { ArrSeries({q("1Q24"), q("2024Q1")}, {arr(1), arr(2)}); }, "period", "1Q24: the period is given twice");
  expect_invalid([&] { ArrSeries({q("1Q24"), q("2Q24")}, {arr(1), arr(-2)}); }, "arr", "2Q24: total ARR must be");
  expect_invalid([] { Period::parse("Q5 2024"); }, "period", "'Q5 2024'");
  EXPECT_EQ(Period::parse("2024-Q3").label(), "3Q24");
  EXPECT_EQ(Period::parse("2025-12").next().label(), "2026-01");
}

TEST(ArrSeries, TheLoaderNamesTheFileLineAndPeriod) {
  testing::ScratchFile file(".csv");
  expect_invalid([&] { read_arr_csv(file.write("period,total\n1Q24,264\n3Q24,755\n")); }, "period", "3Q24: a gap");
  expect_invalid([&] { read_arr_csv(file.write("period,total\n1Q24,264\n2Q24,lots\n")); }, "total", ".csv:3: 2Q24");
}

}  // namespace
}  // namespace fabtoken

namespace fabtoken {
namespace {

TEST(ArrSeries, RevenueGrowthAndAnnualRevenue) {
  // Linear convention: 1Q25 (1,000 + 2,000) / 8 = 375; 1Q24 43.875: y/y 375 / 43.875 - 1 = 754.7%;
  // 2Q24 96.625 / 43.875 - 1 = 120.2% q/q. 2024 = 517.875 (see above); 2025 = (3,000 + 5,500 + 9,500
  // + 15,000) / 8 = 4,125 USD M.
  const auto revenue = quarterly().recognized_revenue(RevenueConvention::linear_within_quarter);
  EXPECT_NEAR(*revenue_growth(revenue, 1, 1), 96.625 / 43.875 - 1.0, 1e-12);
  EXPECT_NEAR(*revenue_growth(revenue, 4, 4), 375.0 / 43.875 - 1.0, 1e-12);
  EXPECT_FALSE(revenue_growth(revenue, 3, 4).has_value());
  const auto years = annual_revenue(revenue);
  ASSERT_EQ(years.size(), 3u);
  EXPECT_EQ(years[1].year, 2025);
  EXPECT_NEAR(in(years[0].revenue, musd), 517.875, 1e-9);
  EXPECT_NEAR(in(years[1].revenue, musd), 4125.0, 1e-9);
}

}  // namespace
}  // namespace fabtoken

namespace fabtoken {
namespace {

TEST(ArrSeries, LabelsOutsideThisCenturyKeepFourDigits) {
  // "4Q99" would read back as 2099: years outside 2000-2099 are written in full.
  EXPECT_EQ(Period::parse("1999Q4").label(), "1999Q4");
  EXPECT_EQ(Period::parse("1999Q4").next().label(), "1Q00");
  EXPECT_EQ(Period::parse(Period::parse("1999Q4").label()).year, 1999);
}

TEST(ArrSeries, RejectsPathsOfTheWrongLengthAndCollidingSegmentNames) {
  const ArrSeries s = quarterly();
  const auto revenue = s.recognized_revenue(RevenueConvention::linear_within_quarter);
  const std::vector<CapacityRate> thirteen(13, musd_per_mw_year(42));
  testing::expect_invalid([&] { compute_linkage(s, revenue, thirteen, {0.65}, {usd_per_mtok(10)}); },
                          "arr_per_mw_musd_per_mw_year", "one per quarter of revenue (12); got 13");
  testing::expect_invalid([] { ArrSeries({Period::parse("1Q24")}, {musd_per_year(100)}, {{"arr", {musd_per_year(60)}}}); },
                          "segments", "cannot be called 'arr'");
}

}  // namespace
}  // namespace fabtoken
