#include "fabtoken/units.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace fabtoken {
namespace {

struct Plus {
  template <class A, class B>
  auto operator()(A a, B b) const -> decltype(a + b) { return a + b; }
};

// Lines that must not compile.
static_assert(std::is_invocable_v<Plus, UsdPerGpuTime, UsdPerGpuTime>);
static_assert(!std::is_invocable_v<Plus, UsdPerGpuTime, UsdPerEnergy>, "USD/GPU-hour + USD/kWh");
static_assert(!std::is_invocable_v<Plus, UsdPerGpuTime, UsdPerTime>, "USD/GPU-hour + USD/hour");
static_assert(!std::is_invocable_v<Plus, UsdPerToken, Usd>, "USD/token + USD");
static_assert(!std::is_invocable_v<Plus, TokensPerGpuTime, TokensPerTime>, "per GPU + per user");
static_assert(!std::is_invocable_v<Plus, ColocationRate, ElectricityPrice>);
// A colocation rate and an electricity price share a dimension but are different types.
static_assert(std::is_same_v<decltype(ColocationRate{}.value), decltype(ElectricityPrice{}.value)>);
static_assert(!std::is_convertible_v<ColocationRate, ElectricityPrice>);
static_assert(!std::is_convertible_v<ElectricityPrice, ColocationRate>);
static_assert(!std::is_convertible_v<double, UsdPerToken>, "a bare number has no unit");
// Products and quotients land on the named aliases.
static_assert(std::is_same_v<decltype(UsdPerGpuTime{} / TokensPerGpuTime{}), UsdPerToken>);
static_assert(std::is_same_v<decltype(TokensPerTime{} * UsdPerToken{}), UsdPerTime>);
static_assert(std::is_same_v<decltype(UsdPerEnergy{} * PowerPerGpu{}), UsdPerGpuTime>);

TEST(Units, CalendarHasYearsOf8760HoursAndMonthsOf730) {
  EXPECT_DOUBLE_EQ(in(years(1.0), hours), 8760.0);
  EXPECT_DOUBLE_EQ(in(months(1.0), hours), 730.0);
  EXPECT_DOUBLE_EQ(in(years(1.0), months), 12.0);
}

TEST(Units, MakersAndReadersRoundTripInTheirOwnUnit) {
  EXPECT_DOUBLE_EQ(in(usd_per_kwh(0.087), usd_per_kwh), 0.087);
  EXPECT_DOUBLE_EQ(in(usd_per_mtok(1.75), usd_per_mtok), 1.75);
  EXPECT_DOUBLE_EQ(in(usd_per_gpu_hour(1.90), usd_per_gpu_hour), 1.90);
  EXPECT_DOUBLE_EQ(in(percent(35.0), fraction), 0.35);
}

TEST(Units, ScaledUnitsConvertThroughTheBaseSystem) {
  // 87 USD/MWh = 0.087 USD/kWh; 1.75 USD/Mtok = 1.75e-6 USD/token; 1 USD/hr/GPU = 1/3600 USD/s/GPU.
  EXPECT_DOUBLE_EQ(in(usd_per_mwh(87.0), usd_per_kwh), 0.087);
  EXPECT_DOUBLE_EQ(in(usd_per_mtok(1.75), usd_per_token), 1.75e-6);
  EXPECT_DOUBLE_EQ(base_value(usd_per_gpu_hour(1.0)), 1.0 / 3600.0);
}

TEST(Units, ColocationRateTimesPowerIsCostPerGpuHour) {
  // 110 USD/kW/month x 1.35 kW = 148.5 USD/month = 148.5 / 730 USD/hr = 0.20342 USD/hr.
  const UsdPerGpuTime cost = usd_per_kw_month(110.0).value * kw_per_gpu(1.35);
  EXPECT_NEAR(in(cost, usd_per_gpu_hour), 148.5 / 730.0, 1e-12);
}

TEST(Units, ThroughputOverAnHourGivesTokensPerGpuHour) {
  // 735 tok/s x 3,600 s = 2,646,000 tokens = 2.646 Mtok per GPU-hour.
  EXPECT_NEAR(in(tokens_per_s_per_gpu(735.0) * hours(1.0), mtok_per_gpu), 2.646, 1e-12);
}

}  // namespace
}  // namespace fabtoken
