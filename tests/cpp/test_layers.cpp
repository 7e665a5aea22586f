// Each layer against hand calculations written out here, and its input checks.
#include "fabtoken/layers/api_price.hpp"
#include "fabtoken/layers/app.hpp"
#include "fabtoken/layers/bill_of_materials.hpp"
#include "fabtoken/layers/colocation.hpp"
#include "fabtoken/layers/depreciation.hpp"
#include "fabtoken/layers/gpu_rental.hpp"
#include "fabtoken/layers/server.hpp"
#include "fabtoken/layers/throughput.hpp"
#include "test_support.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace fabtoken {
namespace {

using testing::expect_invalid;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// ---- Server -----------------------------------------------------------------------------------
TEST(Server, CapexPerGpuIsServerPriceOverGpus) {
  const Server h200({usd(246391.0), gpus(8.0)});
  EXPECT_DOUBLE_EQ(in(h200.capex_per_gpu(), usd_per_gpu), 30798.875);  // 246,391 / 8
}

TEST(Server, RejectsNonPositivePriceAndFractionalOrMissingGpus) {
  expect_invalid([] { Server({usd(0.0), gpus(8.0)}); }, "usd_per_server", "positive");
  expect_invalid([] { Server({usd(nan), gpus(8.0)}); }, "usd_per_server", "nan");
  expect_invalid([] { Server({usd(1000.0), gpus(0.0)}); }, "gpus_per_server", "positive");
  expect_invalid([] { Server({usd(1000.0), gpus(7.5)}); }, "gpus_per_server", "whole number, got 7.5");
}

TEST(Server, InvalidInputIsAnInvalidArgument) {
  EXPECT_THROW(Server({usd(-1.0), gpus(8.0)}), std::invalid_argument);
}

// ---- Bill of materials ------------------------------------------------------------------------
TEST(BillOfMaterials, PricesEachPartAtItsSuppliersMargin) {
  // 8 GPU boards at cost 20,000 marked up to a 75% margin: 160,000 / (1 - 0.75) = 640,000.
  // Memory at cost 10,000 and a 60% margin: 10,000 / 0.4 = 25,000. Chassis at cost, 30,000.
  const BillOfMaterials bom({{"GPU board", 8, usd(20000.0), 0.75},
                             {"memory", 1, usd(10000.0), 0.60},
                             {"chassis", 1, usd(30000.0), 0.0}});
  EXPECT_DOUBLE_EQ(in(bom.components()[0].price(), usd), 640000.0);
  EXPECT_DOUBLE_EQ(in(bom.components()[1].supplier_gross_profit(), usd), 15000.0);
  EXPECT_DOUBLE_EQ(in(bom.cost(), usd), 200000.0);           // 160,000 + 10,000 + 30,000
  EXPECT_DOUBLE_EQ(in(bom.system_price(), usd), 695000.0);   // 640,000 + 25,000 + 30,000
  EXPECT_DOUBLE_EQ(in(bom.supplier_gross_profit(), usd), 495000.0);  // 695,000 - 200,000
  EXPECT_DOUBLE_EQ(in(bom.server(gpus(8.0)).capex_per_gpu(), usd_per_gpu), 86875.0);  // 695,000 / 8
}

TEST(BillOfMaterials, RejectsMarginsOfOneOrMoreAndEmptyLists) {
  expect_invalid([] { Component("HBM", 1, usd(100.0), 1.0); }, "supplier_gross_margin", "[0, 1)");
  expect_invalid([] { Component("HBM", 0, usd(100.0), 0.5); }, "count", "component 'HBM'");
  expect_invalid([] { BillOfMaterials({}); }, "components", "at least one");
}

// ---- Depreciation -----------------------------------------------------------------------------
const UsdPerGpu h200_capex = usd_per_gpu(30798.875);

TEST(Depreciation, StraightLineSpreadsCapexEvenlyOverUsefulLife) {
  // figures.md s1: 246,391 / 8 / (4 x 8,760) = 0.879 USD/hr/GPU.
  const Depreciation four_years({years(4.0)});
  EXPECT_NEAR(in(four_years.capital_charge(h200_capex), usd_per_gpu_hour), 0.8789633, 1e-7);
}

TEST(Depreciation, ResidualValueIsNotDepreciated) {
  // 30,798.875 x (1 - 0.2) / 35,040 h = 0.7031707 USD/hr/GPU.
  const Depreciation d({years(4.0), 0.2});
  EXPECT_NEAR(in(d.capital_charge(h200_capex), usd_per_gpu_hour), 0.7031707, 1e-7);
}

TEST(Depreciation, CostOfCapitalGivesAnAnnuityCharge) {
  // r = 10%, n = 4: 1.1^4 = 1.4641; annuity factor = 0.1 / (1 - 1 / 1.4641) = 0.3154708;
  // 30,798.875 x 0.3154708 = 9,716.146 USD/year = 1.1091491 USD/hr/GPU.
  const Depreciation d({years(4.0), 0.0, 0.10});
  EXPECT_NEAR(in(d.capital_charge(h200_capex), usd_per_gpu_hour), 1.1091491, 1e-7);
}

TEST(Depreciation, CostOfCapitalWithResidualValueDiscountsTheResidual) {
  // Residual 20% is worth 0.2 / 1.4641 = 0.1366027 of capex today, so the annuity repays
  // 0.8633973 x 30,798.875 x 0.3154708 / 8,760 = 0.9576363 USD/hr/GPU.
  const Depreciation d({years(4.0), 0.2, 0.10});
  EXPECT_NEAR(in(d.capital_charge(h200_capex), usd_per_gpu_hour), 0.9576363, 1e-7);
}

TEST(Depreciation, VanishingCostOfCapitalApproachesStraightLine) {
  const Depreciation tiny({years(4.0), 0.2, 1e-9});
  const Depreciation none({years(4.0), 0.2, 0.0});
  EXPECT_NEAR(in(tiny.capital_charge(h200_capex), usd_per_gpu_hour),
              in(none.capital_charge(h200_capex), usd_per_gpu_hour), 1e-7);
}

TEST(Depreciation, RejectsNonPositiveLifeAndRatesOutOfRange) {
  expect_invalid([] { Depreciation({years(0.0)}); }, "useful_life_years", "got 0 years");
  expect_invalid([] { Depreciation({years(-4.0)}); }, "useful_life_years", "got -4 years");
  expect_invalid([] { Depreciation({years(inf)}); }, "useful_life_years", "finite");
  expect_invalid([] { Depreciation({years(4.0), 1.5}); }, "residual_value_fraction", "got 1.5");
  expect_invalid([] { Depreciation({years(4.0), 0.0, -0.1}); }, "cost_of_capital_per_year", "got -0.1");
  expect_invalid([] { Depreciation({years(4.0), 0.0, nan}); }, "cost_of_capital_per_year", "nan");
}

// ---- Colocation and power ---------------------------------------------------------------------
Colocation::Inputs h200_power() {
  return {kw_per_gpu(1.35), 1.25, 1.0, usd_per_kw_month(110.0), usd_per_kwh(0.087)};
}

TEST(Colocation, ChargesContractedPowerAndDrawnElectricity) {
  // figures.md s1: 110 x 1.35 / 730 + 0.087 x 1.35 x 1.25 = 0.2034247 + 0.1468125 = 0.350 USD/hr/GPU.
  const Colocation c(h200_power());
  EXPECT_NEAR(in(c.colocation_cost(), usd_per_gpu_hour), 0.2034247, 1e-7);
  EXPECT_NEAR(in(c.electricity_cost(), usd_per_gpu_hour), 0.1468125, 1e-12);
  EXPECT_NEAR(in(c.operating_cost(), usd_per_gpu_hour), 0.3502372, 1e-7);
}

TEST(Colocation, LoadFactorScalesElectricityButNotColocation) {
  // Load 60%: electricity = 0.087 x 1.35 x 0.6 x 1.25 = 0.0880875; colocation still 0.2034247.
  auto inputs = h200_power();
  inputs.load_factor = 0.6;
  const Colocation c(inputs);
  EXPECT_NEAR(in(c.electricity_cost(), usd_per_gpu_hour), 0.0880875, 1e-12);
  EXPECT_NEAR(in(c.colocation_cost(), usd_per_gpu_hour), 0.2034247, 1e-7);
}

TEST(Colocation, RejectsPueBelowOneAndBadPowerOrRates) {
  auto with = [](auto change) {
    return [change] {
      auto inputs = h200_power();
      change(inputs);
      Colocation c(inputs);
    };
  };
  expect_invalid(with([](auto& i) { i.pue = 0.9; }), "pue", "got 0.9");
  expect_invalid(with([](auto& i) { i.load_factor = 0.0; }), "load_factor", "(exclusive)");
  expect_invalid(with([](auto& i) { i.load_factor = 1.2; }), "load_factor", "got 1.2");
  expect_invalid(with([](auto& i) { i.it_power = kw_per_gpu(-1.0); }), "kw_per_gpu", "got -1 kW/GPU");
  expect_invalid(with([](auto& i) { i.colocation = usd_per_kw_month(-5.0); }),
                 "colocation_usd_per_kw_month", "got -5 USD/kW/month");
  expect_invalid(with([](auto& i) { i.electricity = usd_per_kwh(nan); }), "electricity_usd_per_kwh", "nan");
}

// ---- GPU rental -------------------------------------------------------------------------------
TEST(GpuRental, MarginIsRentalLessCostOverRental) {
  // figures.md s1: (1.90 - 1.23) / 1.90 = 35.3%.
  const GpuRental rental({usd_per_gpu_hour(1.90)});
  EXPECT_NEAR(rental.gross_margin(usd_per_gpu_hour(1.23)), 0.3526316, 1e-7);
  EXPECT_NEAR(in(rental.gross_profit(usd_per_gpu_hour(1.23)), usd_per_gpu_hour), 0.67, 1e-12);
}

TEST(GpuRental, UtilizationBelowFullEarnsOnlyTheHoursSold) {
  // 80% sold: revenue per owned hour 1.90 x 0.8 = 1.52; margin (1.52 - 1.23) / 1.52 = 19.08%.
  const GpuRental rental({usd_per_gpu_hour(1.90), 0.8});
  EXPECT_NEAR(in(rental.revenue_per_owned_gpu_hour(), usd_per_gpu_hour), 1.52, 1e-12);
  EXPECT_NEAR(rental.gross_margin(usd_per_gpu_hour(1.23)), 0.1907895, 1e-7);
}

TEST(GpuRental, RejectsNonPositivePriceAndUtilizationOutOfRange) {
  expect_invalid([] { GpuRental({usd_per_gpu_hour(0.0)}); }, "rental_usd_per_gpu_hour", "positive");
  expect_invalid([] { GpuRental({usd_per_gpu_hour(1.9), 0.0}); }, "utilization", "got 0");
  expect_invalid([] { GpuRental({usd_per_gpu_hour(1.9), 1.01}); }, "utilization", "got 1.01");
}

// ---- Throughput, API price, app ---------------------------------------------------------------
TEST(Throughput, CostPerMtokIsGpuHourPriceOverMtokPerGpuHour) {
  // figures.md s1: 1.90 / (735 x 3,600 / 10^6) = 1.90 / 2.646 = 0.718 USD/Mtok.
  const Throughput t({tokens_per_s_per_gpu(735.0)});
  EXPECT_NEAR(in(t.tokens_per_gpu_hour(), mtok_per_gpu), 2.646, 1e-12);
  EXPECT_NEAR(in(t.cost_per_token(usd_per_gpu_hour(1.90)), usd_per_mtok), 0.7180650, 1e-7);
}

TEST(Throughput, RejectsZeroThroughput) {
  expect_invalid([] { Throughput({tokens_per_s_per_gpu(0.0)}); }, "tokens_per_s_per_gpu", "got 0 tokens/s/GPU");
}

TEST(ApiPrice, MarginIsPriceLessComputeCostOverPrice) {
  // figures.md s1: (1.75 - 0.718) / 1.75 = 59.0%.
  const ApiPrice price({usd_per_mtok(1.75)});
  EXPECT_NEAR(price.gross_margin(usd_per_mtok(0.718)), 0.5897143, 1e-7);
  EXPECT_NEAR(in(price.gross_profit(usd_per_mtok(0.718)), usd_per_mtok), 1.032, 1e-12);
  expect_invalid([] { ApiPrice({usd_per_mtok(-1.0)}); }, "api_price_usd_per_mtok", "got -1 USD/Mtok");
}

TEST(App, ThirdPartyPaysTheApiPriceForEveryToken) {
  // figures.md s1: 10 Mtok x 1.75 = 17.50 USD; 20 - 17.50 = 2.50 USD; 2.50 / 20 = 12.5%.
  const App app({tokens_per_month(10e6), usd_per_month(20.0)});
  const AppEconomics third_party = app.economics(usd_per_mtok(1.75));
  EXPECT_NEAR(in(third_party.token_cost_per_user, usd_per_month), 17.50, 1e-9);
  EXPECT_NEAR(in(third_party.gross_profit_per_user, usd_per_month), 2.50, 1e-9);
  EXPECT_NEAR(third_party.gross_margin, 0.125, 1e-12);
}

TEST(App, LossMakingAppHasNegativeMargin) {
  // 10 Mtok x 2.50 = 25 USD against 20 USD ARPU: -5 USD, -25%.
  const App app({tokens_per_month(10e6), usd_per_month(20.0)});
  EXPECT_NEAR(app.economics(usd_per_mtok(2.50)).gross_margin, -0.25, 1e-12);
  expect_invalid([] { App({tokens_per_month(1e6), usd_per_month(0.0)}); }, "arpu_usd_per_month", "positive");
  expect_invalid([] { App({tokens_per_month(-1.0), usd_per_month(20.0)}); }, "tokens_per_user_month", ">= 0");
}

}  // namespace
}  // namespace fabtoken
