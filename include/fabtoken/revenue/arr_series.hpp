// ARR series: annualized run rate at the end of each period, in total and by segment, and what
// follows from it: net new ARR, growth, segment mix, recognized revenue, forecasts, and the
// compute behind it.
#pragma once

#include "fabtoken/revenue/period.hpp"
#include "fabtoken/units.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fabtoken {

// How ARR becomes recognized revenue, chosen explicitly:
//   linear_within_quarter: ARR moves linearly through a quarter: (opening + closing) / 2 / 4;
//   monthly_run_rate:      from monthly ARR: the sum of each month's ARR / 12.
enum class RevenueConvention { linear_within_quarter, monthly_run_rate };

struct Segment {
  std::string name;
  std::vector<UsdPerTime> arr;  // one per period
  bool operator==(const Segment&) const = default;
};

struct QuarterRevenue {
  Period quarter;
  Usd revenue;
};

class ArrSeries {
 public:
  // Periods consecutive, of one frequency, with no gaps or repeats; ARR >= 0. `opening` is the ARR
  // at the end of the period before the first (87 for 4Q23 in figures.md s3), for net new ARR and
  // revenue in the first period.
  ArrSeries(std::vector<Period> periods, std::vector<UsdPerTime> total, std::vector<Segment> segments = {},
            std::optional<UsdPerTime> opening = std::nullopt);

  Frequency frequency() const { return periods_.front().frequency; }
  const std::vector<Period>& periods() const { return periods_; }
  const std::vector<UsdPerTime>& total() const { return total_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::optional<UsdPerTime>& opening() const { return opening_; }

  // Per period i; absent where the earlier value needed is not in the series.
  std::optional<UsdPerTime> net_new(std::size_t i) const;
  // ARR growth over `periods_back` periods: x_i / x_{i-k} - 1; absent without a base or from 0.
  std::optional<Fraction> growth(std::size_t i, int periods_back) const;
  std::optional<Fraction> growth_period_over_period(std::size_t i) const { return growth(i, 1); }
  std::optional<Fraction> growth_year_over_year(std::size_t i) const { return growth(i, periods_[0].per_year()); }
  // A segment's share of the total ARR (segments need not sum to the total); absent when it is 0.
  std::optional<Fraction> segment_share(std::size_t segment, std::size_t i) const;
  std::optional<Fraction> segment_growth(std::size_t segment, std::size_t i, int periods_back) const;

  // Recognized revenue per quarter under the chosen convention (see RevenueConvention); a quarter
  // lacking what its convention needs is left out.
  std::vector<QuarterRevenue> recognized_revenue(RevenueConvention convention) const;

  // Forecasts (segments are not forecast): ARR grows by these net new amounts, or at these
  // growth rates, one per new period.
  ArrSeries extended_by_net_new(const std::vector<UsdPerTime>& net_new) const;
  ArrSeries extended_by_growth(const std::vector<Fraction>& rates) const;

  bool operator==(const ArrSeries&) const = default;

 private:
  ArrSeries extended(const std::vector<UsdPerTime>& new_values) const;
  std::vector<Period> periods_;
  std::vector<UsdPerTime> total_;
  std::vector<Segment> segments_;
  std::optional<UsdPerTime> opening_;
};

// Revenue growth over `quarters_back` quarters: r_i / r_{i-k} - 1; absent without a base or from 0.
std::optional<Fraction> revenue_growth(const std::vector<QuarterRevenue>& revenue, std::size_t i, int quarters_back);

struct YearRevenue {
  int year;
  Usd revenue;
};
// Revenue of each calendar year whose four quarters are all there.
std::vector<YearRevenue> annual_revenue(const std::vector<QuarterRevenue>& revenue);

// The compute behind revenue in one quarter: MW to earn its closing ARR at an ARR per MW, the
// inference cost and gross profit at a gross margin, and the tokens served at a price.
struct ComputeLinkage {
  Period quarter;
  Power compute;
  Usd revenue;
  Usd inference_cost;
  Usd gross_profit;
  Tokens tokens_served;
};

// One ARR per MW, gross margin and token price per quarter of `revenue` (or one for all).
std::vector<ComputeLinkage> compute_linkage(const ArrSeries& series, const std::vector<QuarterRevenue>& revenue,
                                            const std::vector<CapacityRate>& arr_per_mw,
                                            const std::vector<Fraction>& gross_margin,
                                            const std::vector<UsdPerToken>& token_price);

// A CSV of periods and ARR in USD M: the column `period`, the column `total`, and any others as
// segments; `opening` as an optional first row with period "opening". Errors name the period.
ArrSeries read_arr_csv(const std::filesystem::path& csv_file);

}  // namespace fabtoken
