#include "fabtoken/revenue/arr_series.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"

#include <array>
#include <cmath>

namespace fabtoken {

namespace {
const Duration one_year = years(1.0);

void require_arr(const Period& period, const std::string& what, UsdPerTime arr) {
  const double shown = in(arr, musd_per_year);
  FABTOKEN_REQUIRE(std::isfinite(shown) && shown >= 0.0, "arr",
                   period.label() << ": " << what << " must be a finite number >= 0, got " << exact(shown) << " USD M");
}

// Growth from `base` to `now`: now / base - 1; absent from a base of 0.
template <class Q>
std::optional<Fraction> growth_between(Q base, Q now) {
  if (base <= Q{}) return std::nullopt;
  return Fraction(now / base) - 1.0;
}

template <class T>
const T& per_quarter(const std::vector<T>& values, std::size_t i, std::size_t quarters, const char* name) {
  FABTOKEN_REQUIRE(values.size() == 1 || values.size() == quarters, name,
                   name << " needs one value, or one per quarter of revenue (" << quarters << "); got " << values.size());
  return values.size() == 1 ? values.front() : values[i];
}
}  // namespace

ArrSeries::ArrSeries(std::vector<Period> periods, std::vector<UsdPerTime> total, std::vector<Segment> segments,
                     std::optional<UsdPerTime> opening)
    : periods_(std::move(periods)), total_(std::move(total)), segments_(std::move(segments)), opening_(opening) {
  FABTOKEN_REQUIRE(!periods_.empty(), "periods", "an ARR series needs at least one period");
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    const std::string& name = segments_[g].name;
    FABTOKEN_REQUIRE(!name.empty() && name != "arr" && name != "net_new_arr" && name != "period" && name != "total",
                     "segments", "a segment cannot be called '" << name << "' (empty, or the name of a column of the build)");
    for (std::size_t h = 0; h < g; ++h)
      FABTOKEN_REQUIRE(segments_[h].name != name, "segments", "segment '" << name << "' is given twice");
  }
  FABTOKEN_REQUIRE(periods_.size() == total_.size(), "total",
                   "one total ARR per period: " << periods_.size() << " periods, " << total_.size() << " values");
  for (std::size_t i = 0; i < periods_.size(); ++i) {
    const Period& p = periods_[i];
    FABTOKEN_REQUIRE(p.frequency == periods_[0].frequency, "period",
                     p.label() << ": the series mixes months and quarters");
    if (i > 0) {
      const Period& before = periods_[i - 1];
      FABTOKEN_REQUIRE(p.ordinal() != before.ordinal(), "period", p.label() << ": the period is given twice");
      FABTOKEN_REQUIRE(p.ordinal() > before.ordinal(), "period", p.label() << ": periods must be in order, but it follows "
                                                                            << before.label());
      FABTOKEN_REQUIRE(p.ordinal() == before.ordinal() + 1, "period",
                       p.label() << ": a gap after " << before.label() << " (expected " << before.next().label() << ")");
    }
    require_arr(p, "total ARR", total_[i]);
    for (const Segment& s : segments_) {
      FABTOKEN_REQUIRE(s.arr.size() == periods_.size(), "segments",
                       "segment '" << s.name << "' needs one ARR per period: " << s.arr.size() << " for " << periods_.size());
      require_arr(p, "ARR of segment '" + s.name + "'", s.arr[i]);
    }
  }
  if (opening_) require_arr(periods_[0], "the opening ARR", *opening_);
}

std::optional<UsdPerTime> ArrSeries::net_new(std::size_t i) const {
  if (i == 0) return opening_ ? std::optional(total_[0] - *opening_) : std::nullopt;
  return total_[i] - total_[i - 1];
}

std::optional<Fraction> ArrSeries::growth(std::size_t i, int periods_back) const {
  const auto k = static_cast<std::size_t>(periods_back);
  if (i >= k) return growth_between(total_[i - k], total_[i]);
  if (i + 1 == k && opening_) return growth_between(*opening_, total_[i]);
  return std::nullopt;
}

std::optional<Fraction> ArrSeries::segment_share(std::size_t segment, std::size_t i) const {
  return total_[i] > UsdPerTime{} ? std::optional(Fraction(segments_.at(segment).arr[i] / total_[i])) : std::nullopt;
}

std::optional<Fraction> ArrSeries::segment_growth(std::size_t segment, std::size_t i, int periods_back) const {
  const auto k = static_cast<std::size_t>(periods_back);
  if (i < k) return std::nullopt;
  const auto& arr = segments_.at(segment).arr;
  return growth_between(arr[i - k], arr[i]);
}

std::vector<QuarterRevenue> ArrSeries::recognized_revenue(RevenueConvention convention) const {
  std::vector<QuarterRevenue> out;
  if (convention == RevenueConvention::linear_within_quarter) {
    FABTOKEN_REQUIRE(frequency() == Frequency::quarterly, "convention",
                     "linear_within_quarter needs quarterly ARR; use monthly_run_rate for monthly ARR");
    for (std::size_t i = 0; i < periods_.size(); ++i) {
      const std::optional<UsdPerTime> opening = i > 0 ? std::optional(total_[i - 1]) : opening_;
      if (opening) out.push_back({periods_[i], (*opening + total_[i]) / 2.0 * (one_year / 4.0)});
    }
    return out;
  }
  FABTOKEN_REQUIRE(frequency() == Frequency::monthly, "convention",
                   "monthly_run_rate needs monthly ARR; use linear_within_quarter for quarterly ARR");
  // Each complete calendar quarter: the sum of its three months' ARR / 12.
  for (std::size_t i = 0; i + 2 < periods_.size(); ++i)
    if ((periods_[i].number - 1) % 3 == 0) {
      const Usd revenue = (total_[i] + total_[i + 1] + total_[i + 2]) * (one_year / 12.0);
      out.push_back({{periods_[i].year, (periods_[i].number - 1) / 3 + 1, Frequency::quarterly}, revenue});
    }
  return out;
}

ArrSeries ArrSeries::extended(const std::vector<UsdPerTime>& new_values) const {
  std::vector<Period> periods = periods_;
  std::vector<UsdPerTime> total = total_;
  for (const UsdPerTime& value : new_values) {
    periods.push_back(periods.back().next());
    total.push_back(value);
  }
  return ArrSeries(std::move(periods), std::move(total), {}, opening_);
}

ArrSeries ArrSeries::extended_by_net_new(const std::vector<UsdPerTime>& net_new) const {
  std::vector<UsdPerTime> values;
  UsdPerTime last = total_.back();
  for (const UsdPerTime& added : net_new) values.push_back(last = last + added);
  return extended(values);
}

ArrSeries ArrSeries::extended_by_growth(const std::vector<Fraction>& rates) const {
  std::vector<UsdPerTime> values;
  UsdPerTime last = total_.back();
  for (Fraction rate : rates) {
    FABTOKEN_REQUIRE(std::isfinite(rate) && rate >= -1.0, "growth_rate",
                     "a growth rate must be a finite number >= -1 (-100%), got " << exact(rate));
    values.push_back(last = last * (1.0 + rate));
  }
  return extended(values);
}

std::optional<Fraction> revenue_growth(const std::vector<QuarterRevenue>& revenue, std::size_t i, int quarters_back) {
  const auto k = static_cast<std::size_t>(quarters_back);
  if (i < k || revenue[i].quarter.ordinal() - revenue[i - k].quarter.ordinal() != quarters_back) return std::nullopt;
  return growth_between(revenue[i - k].revenue, revenue[i].revenue);
}

std::vector<YearRevenue> annual_revenue(const std::vector<QuarterRevenue>& revenue) {
  std::vector<YearRevenue> out;
  for (std::size_t i = 0; i + 3 < revenue.size(); ++i)
    if (revenue[i].quarter.number == 1 && revenue[i + 3].quarter.year == revenue[i].quarter.year &&
        revenue[i + 3].quarter.number == 4)
      out.push_back({revenue[i].quarter.year,
                     revenue[i].revenue + revenue[i + 1].revenue + revenue[i + 2].revenue + revenue[i + 3].revenue});
  return out;
}

std::vector<ComputeLinkage> compute_linkage(const ArrSeries& series, const std::vector<QuarterRevenue>& revenue,
                                            const std::vector<CapacityRate>& arr_per_mw,
                                            const std::vector<Fraction>& gross_margin,
                                            const std::vector<UsdPerToken>& token_price) {
  std::vector<ComputeLinkage> out;
  for (std::size_t i = 0; i < revenue.size(); ++i) {
    const Period& quarter = revenue[i].quarter;
    // The ARR at the quarter's end: the quarter itself, or its last month.
    UsdPerTime closing{};
    bool found = false;
    for (std::size_t p = 0; p < series.periods().size(); ++p) {
      const Period& period = series.periods()[p];
      const bool ends_quarter = period.frequency == Frequency::quarterly
                                    ? period == quarter
                                    : period.year == quarter.year && period.number == quarter.number * 3;
      if (ends_quarter) closing = series.total()[p], found = true;
    }
    FABTOKEN_REQUIRE(found, "revenue", quarter.label() << ": the series has no ARR at the end of this quarter");
    const CapacityRate per_mw = per_quarter(arr_per_mw, i, revenue.size(), "arr_per_mw_musd_per_mw_year");
    const Fraction margin = per_quarter(gross_margin, i, revenue.size(), "gross_margin");
    const UsdPerToken price = per_quarter(token_price, i, revenue.size(), "token_price_usd_per_mtok");
    require_positive(quarter.label() + ": arr_per_mw_musd_per_mw_year", per_mw, musd_per_mw_year);
    require_in_range(quarter.label() + ": gross_margin", margin, -10.0, 1.0);
    require_positive(quarter.label() + ": token_price_usd_per_mtok", price, usd_per_mtok);
    const Usd r = revenue[i].revenue;
    out.push_back({quarter, closing / per_mw.value, r, r * (1.0 - margin), r * margin, r / price});
  }
  return out;
}

ArrSeries read_arr_csv(const std::filesystem::path& path) {
  CsvFile file(path);
  constexpr std::array<std::string_view, 2> required{"period", "total"};
  file.require_columns(required, "period,total[,segment,...] in USD M");
  std::vector<Period> periods;
  std::vector<UsdPerTime> total;
  std::vector<std::string> segment_names;
  std::vector<std::vector<UsdPerTime>> segment_values;
  std::optional<UsdPerTime> opening;
  std::vector<int> lines;
  bool first = true;
  while (const auto row = file.next()) {
    if (first) {
      for (const std::string& column : file.columns())
        if (column != "period" && column != "total") segment_names.push_back(column);
      segment_values.resize(segment_names.size());
      first = false;
    }
    const std::string label = file.cell(*row, "period");
    const auto money = [&](const std::string& column) -> UsdPerTime {
      const std::string text = file.cell(*row, column);
      const auto value = parse_number(text);
      if (!value || !std::isfinite(*value) || *value < 0.0)
        file.fail(row->line, column, label + ": " + column + " must be a number >= 0 (USD M), got '" + text + "'");
      return musd_per_year(*value);
    };
    if (label == "opening") {
      opening = money("total");
      continue;
    }
    try {
      periods.push_back(Period::parse(label));
    } catch (const InvalidInput& e) {
      file.fail(row->line, "period", e.what());
    }
    lines.push_back(row->line);
    total.push_back(money("total"));
    for (std::size_t s = 0; s < segment_names.size(); ++s) segment_values[s].push_back(money(segment_names[s]));
  }
  std::vector<Segment> segments;
  for (std::size_t s = 0; s < segment_names.size(); ++s) segments.push_back({segment_names[s], segment_values[s]});
  try {
    return ArrSeries(periods, std::move(total), std::move(segments), opening);
  } catch (const InvalidInput& e) {
    // Series errors start with the period they concern: report that period's line.
    const std::string message = e.what();
    int line = 0;
    for (std::size_t i = 0; i < periods.size(); ++i)
      if (message.starts_with(periods[i].label() + ":")) line = lines[i];
    file.fail(line, e.parameter(), message);
  }
}

}  // namespace fabtoken
