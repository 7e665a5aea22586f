// The H200 stack against figures.md s1, row by row, at the rounding the table shows.
#include "fabtoken/token_factory.hpp"
#include "test_support.hpp"

#include <cmath>
#include <string>

namespace fabtoken {
namespace {

struct PublishedRow {
  const char* layer;
  const char* item;
  const char* unit;
  double value;
  double half_last_digit;  // the published value is rounded to this, either way
};

// figures.md s1, "The token-factory economics stack (H200, DeepSeek R1 FP8)".
const PublishedRow published[] = {
    {"Chip", "Total server capital cost", "USD", 246391, 0.5},
    {"IaaS", "Useful life", "years", 4.0, 0.05},
    {"IaaS", "Depreciation expense", "USD/hr/GPU", 0.88, 0.005},
    {"IaaS", "Colocation cost", "USD/kW/month", 110, 0.5},
    {"IaaS", "Electricity cost", "USD/kWh", 0.087, 0.0005},
    {"IaaS", "Operating cost", "USD/hr/GPU", 0.35, 0.005},
    {"IaaS", "Total variable cost", "USD/hr/GPU", 1.23, 0.005},
    {"IaaS", "Revenue (rental price)", "USD/hr/GPU", 1.90, 0.005},
    {"IaaS", "Neocloud gross margin", "%", 35, 0.5},
    {"PaaS", "Effective inference throughput", "tokens/s/GPU", 735, 0.5},
    {"PaaS", "Inference compute cost", "USD/Mtok", 0.72, 0.005},
    {"PaaS", "Inference API blended price", "USD/Mtok", 1.75, 0.005},
    {"PaaS", "Model gross margin", "%", 59.0, 0.05},
    {"Application", "Tokens per user per month", "tokens/month", 10000000, 0.5},
    {"Application", "3P token unit cost", "USD/Mtok", 1.75, 0.005},
    {"Application", "Average revenue per user", "USD/month", 20.00, 0.005},
    {"Application", "3P gross profit per user", "USD/month", 2.50, 0.005},
    {"Application", "3P application gross margin", "%", 12.5, 0.05},
    {"Application", "1P token unit cost", "USD/Mtok", 0.72, 0.005},
    {"Application", "1P gross profit per user", "USD/month", 12.82, 0.005},
    {"Application", "1P application gross margin", "%", 64.1, 0.05},
};

TEST(TokenFactory, H200PresetReproducesEveryPublishedRow) {
  const auto rows = testing::h200().rows();
  for (const auto& expected : published) {
    const auto* row = [&]() -> const StackRow* {
      for (const auto& r : rows)
        if (r.item == expected.item) return &r;
      return nullptr;
    }();
    ASSERT_NE(row, nullptr) << "no row '" << expected.item << "'";
    EXPECT_EQ(row->layer, expected.layer) << expected.item;
    EXPECT_EQ(row->unit->symbol, expected.unit) << expected.item;
    EXPECT_LE(std::fabs(row->value - expected.value), expected.half_last_digit)
        << expected.layer << " / " << expected.item << ": got " << row->value << ", published "
        << expected.value << " " << expected.unit;
  }
}

TEST(TokenFactory, H200EconomicsMatchTheDerivationsInFigures) {
  // figures.md s1 "How the rows follow from each other".
  const StackEconomics e = testing::h200().evaluate();
  EXPECT_NEAR(in(e.depreciation, usd_per_gpu_hour), 0.879, 0.0005);
  EXPECT_NEAR(in(e.operating_cost, usd_per_gpu_hour), 0.350, 0.0005);
  EXPECT_NEAR(e.cloud_gross_margin, 0.353, 0.0005);
  EXPECT_NEAR(in(e.compute_cost, usd_per_mtok), 0.718, 0.0005);
  EXPECT_NEAR(in(e.first_party_app.token_cost_per_user, usd_per_month), 7.18, 0.005);
}

TEST(TokenFactory, InputsTooExtremeToComputeAreRefusedNotReturnedAsInf) {
  // 1e-320 tokens/s passes as positive and finite, but 1.90 / (1e-320 x 3,600) overflows.
  testing::expect_invalid([] { testing::h200().with("tokens_per_s_per_gpu", 1e-320).evaluate(); }, "compute cost", "too extreme");
}

TEST(TokenFactory, EveryResultIsFinite) {
  for (const auto& row : testing::h200().rows()) EXPECT_TRUE(std::isfinite(row.value)) << row.item;
}

TEST(TokenFactory, WithChangesOneInputAndLeavesTheOriginalAlone) {
  const TokenFactory original = testing::h200();
  const TokenFactory dearer = original.with("rental_usd_per_gpu_hour", 2.10);
  // 2.10 / 2.646 = 0.7936508 USD/Mtok; the original still pays 1.90 / 2.646 = 0.7180650.
  EXPECT_NEAR(in(dearer.evaluate().compute_cost, usd_per_mtok), 0.7936508, 1e-7);
  EXPECT_NEAR(in(original.evaluate().compute_cost, usd_per_mtok), 0.7180650, 1e-7);
  EXPECT_DOUBLE_EQ(dearer.value("rental_usd_per_gpu_hour"), 2.10);
  EXPECT_FALSE(dearer == original);
  EXPECT_TRUE(original.with("rental_usd_per_gpu_hour", 1.90) == original);
}

TEST(TokenFactory, UtilizationBelowFullLowersOnlyTheCloudMargin) {
  // 75% sold: revenue per owned hour 1.90 x 0.75 = 1.425; cost 0.8789633 + 0.3502372 = 1.2292005;
  // margin (1.425 - 1.2292005) / 1.425 = 13.74%. The provider still pays 1.90 per hour it rents.
  const StackEconomics e = testing::h200().with("utilization", 0.75).evaluate();
  EXPECT_NEAR(e.cloud_gross_margin, 0.1374032, 1e-6);
  EXPECT_NEAR(in(e.compute_cost, usd_per_mtok), 0.7180650, 1e-7);
}

TEST(TokenFactory, ParametersNameEveryInputOnce) {
  const auto& parameters = TokenFactory::parameters();
  EXPECT_EQ(parameters.size(), 16u);
  const TokenFactory h200 = testing::h200();
  for (const auto& p : parameters) EXPECT_NO_THROW(h200.value(p.name)) << p.name;
}

TEST(TokenFactory, UnknownOrInvalidParametersAreNamed) {
  const TokenFactory h200 = testing::h200();
  testing::expect_invalid([&] { h200.with("rental_price", 2.0); }, "rental_price", "expected one of");
  testing::expect_invalid([&] { h200.with("pue", 0.5); }, "pue", "got 0.5");
  testing::expect_invalid([&] { h200.value("nope"); }, "nope", "unknown token factory parameter");
}

}  // namespace
}  // namespace fabtoken
