// Domains: membership of single values and of whole columns agree, at the edges and off them.
#include "fabtoken/domain.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace fabtoken {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
const double nan = std::nan("");
const double smallest_positive = std::numeric_limits<double>::denorm_min();
const double just_above_one = std::nextafter(1.0, 2.0);

// flag_outside over `values`, as a 0/1 per value.
std::vector<double> flags_of(const Domain& domain, const std::vector<double>& values) {
  std::vector<double> flags(values.size(), 0.0);
  domain.flag_outside(values.data(), values.size(), flags.data());
  return flags;
}

void expect_column_agrees_with_values(const Domain& domain, const std::vector<double>& values) {
  const std::vector<double> flags = flags_of(domain, values);
  for (std::size_t k = 0; k < values.size(); ++k)
    EXPECT_EQ(flags[k], domain.contains(values[k]) ? 0.0 : 1.0) << "value " << values[k];
}

TEST(Domain, OpenUnitIntervalExcludesZeroAndAdmitsEverythingUpToOne) {
  // (0, 1]: 0 is out, the smallest positive double in, 1 in, the next double above 1 out.
  const std::vector<double> values{0.0, smallest_positive, 0.5, 1.0, just_above_one, -0.5, nan, inf, -inf};
  EXPECT_EQ(flags_of(domains::open_unit_interval, values), (std::vector<double>{1, 0, 0, 0, 1, 1, 1, 1, 1}));
  expect_column_agrees_with_values(domains::open_unit_interval, values);
}

TEST(Domain, UnitIntervalAdmitsZero) {
  const std::vector<double> values{0.0, -smallest_positive, 1.0, just_above_one};
  EXPECT_EQ(flags_of(domains::unit_interval, values), (std::vector<double>{0, 1, 0, 1}));
  expect_column_agrees_with_values(domains::unit_interval, values);
}

TEST(Domain, UnboundedDomainsStillRefuseInfinitiesAndNan) {
  // "any" admits the largest finite doubles but not infinities or NaN; "non-negative" admits 0.
  const double largest = std::numeric_limits<double>::max();
  const std::vector<double> values{-largest, largest, inf, -inf, nan, 0.0, -1.0};
  EXPECT_EQ(flags_of(domains::any, values), (std::vector<double>{0, 0, 1, 1, 1, 0, 0}));
  EXPECT_EQ(flags_of(domains::non_negative, values), (std::vector<double>{1, 0, 1, 1, 1, 0, 1}));
  EXPECT_EQ(flags_of(domains::at_least(-1.0), values), (std::vector<double>{1, 0, 1, 1, 1, 0, 0}));
  for (const Domain& d : {domains::any, domains::non_negative, domains::at_least(-1.0)})
    expect_column_agrees_with_values(d, values);
}

TEST(Domain, WholePositiveNeedsWholeNumbersAboveZero) {
  // 8 GPUs per server is in; 2.5 is not whole; 0 is not positive; NaN fails both tests, counted twice.
  const std::vector<double> values{8.0, 2.5, 0.0, 1.0, nan};
  EXPECT_EQ(flags_of(domains::whole_positive, values), (std::vector<double>{0, 1, 1, 0, 2}));
  const std::vector<double> flags = flags_of(domains::whole_positive, values);
  for (std::size_t k = 0; k < values.size(); ++k)
    EXPECT_EQ(flags[k] != 0.0, !domains::whole_positive.contains(values[k])) << "value " << values[k];
}

TEST(Domain, FlagsAccumulateOverColumns) {
  // Two columns checked into one set of flags: a scenario is flagged once per column it fails.
  std::vector<double> flags(3, 0.0);
  const std::vector<double> utilization{0.5, 0.0, 2.0};
  const std::vector<double> price{-1.0, 1.0, -2.0};
  domains::open_unit_interval.flag_outside(utilization.data(), 3, flags.data());
  domains::positive.flag_outside(price.data(), 3, flags.data());
  EXPECT_EQ(flags, (std::vector<double>{1, 1, 2}));
}

}  // namespace
}  // namespace fabtoken
