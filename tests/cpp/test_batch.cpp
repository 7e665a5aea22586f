// Batch evaluation equals scalar evaluation, scenario by scenario; bad columns are named.
#include "fabtoken/batch/token_factory_batch.hpp"
#include "test_support.hpp"

#include <random>
#include <vector>

namespace fabtoken {
namespace {

using Batch = BatchModel<TokenFactory>;

struct Outputs {
  explicit Outputs(std::size_t n) : columns(Batch::outputs.size(), std::vector<double>(n)) {
    for (auto& c : columns) spans.emplace_back(c);
  }
  const std::vector<double>& operator[](std::string_view name) const {
    for (std::size_t k = 0; k < Batch::outputs.size(); ++k)
      if (Batch::outputs[k] == name) return columns[k];
    throw std::out_of_range(std::string(name));
  }
  std::vector<std::vector<double>> columns;
  std::vector<std::span<double>> spans;
};

TEST(Batch, EveryScenarioEqualsItsScalarEvaluation) {
  // 20,000 random scenarios (enough to split across threads and blocks) over six inputs, the capital
  // recovery inputs among them; one input broadcast.
  const TokenFactory h200 = testing::h200();
  const std::size_t n = 20000;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> rental(1.0, 3.0), throughput(200.0, 3000.0), utilization(0.5, 1.0),
      life(3.0, 7.0), rate(0.0, 0.15), pue(1.05, 1.6);
  std::vector<double> r(n), t(n), u(n), l(n), c(n), p(n);
  for (std::size_t i = 0; i < n; ++i)
    r[i] = rental(random), t[i] = throughput(random), u[i] = utilization(random), l[i] = life(random),
    c[i] = rate(random), p[i] = pue(random);
  const std::vector<double> price{2.0};
  const std::vector<BatchColumn> columns{
      {"rental_usd_per_gpu_hour", r}, {"tokens_per_s_per_gpu", t}, {"utilization", u}, {"useful_life_years", l},
      {"cost_of_capital_per_year", c}, {"pue", p}, {"api_price_usd_per_mtok", price}};
  Outputs out(n);
  Batch::evaluate(h200, columns, n, out.spans, 2);
  for (std::size_t i = 0; i < n; i += 97) {
    const StackEconomics e = h200.with("rental_usd_per_gpu_hour", r[i])
                                 .with("tokens_per_s_per_gpu", t[i])
                                 .with("utilization", u[i])
                                 .with("useful_life_years", l[i])
                                 .with("cost_of_capital_per_year", c[i])
                                 .with("pue", p[i])
                                 .with("api_price_usd_per_mtok", 2.0)
                                 .evaluate();
    EXPECT_EQ(out["total_cost_usd_per_gpu_hour"][i], in(e.total_cost, usd_per_gpu_hour)) << i;
    EXPECT_EQ(out["depreciation_usd_per_gpu_hour"][i], in(e.depreciation, usd_per_gpu_hour)) << i;
    EXPECT_EQ(out["operating_cost_usd_per_gpu_hour"][i], in(e.operating_cost, usd_per_gpu_hour)) << i;
    EXPECT_EQ(out["cloud_revenue_usd_per_gpu_hour"][i], in(e.cloud_revenue, usd_per_gpu_hour)) << i;
    EXPECT_EQ(out["compute_cost_usd_per_mtok"][i], in(e.compute_cost, usd_per_mtok)) << i;
    EXPECT_EQ(out["cloud_gross_margin"][i], e.cloud_gross_margin) << i;
    EXPECT_EQ(out["model_gross_margin"][i], e.model_gross_margin) << i;
    EXPECT_EQ(out["third_party_app_gross_margin"][i], e.third_party_app.gross_margin) << i;
    EXPECT_EQ(out["first_party_app_gross_margin"][i], e.first_party_app.gross_margin) << i;
  }
}

TEST(Batch, APriceSweepFollowsTheHandCalculation) {
  // figures.md s1: compute cost 1.90 / (735 x 3600 / 1e6) = 0.7180650 USD/Mtok; margin (p - c) / p.
  const std::vector<double> prices{1.0, 1.75, 3.0};
  Outputs out(3);
  Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"api_price_usd_per_mtok", prices}}, 3, out.spans, 1);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(out["compute_cost_usd_per_mtok"][i], 0.7180650, 1e-7);
    EXPECT_NEAR(out["model_gross_margin"][i], (prices[i] - 0.7180650) / prices[i], 1e-7);
  }
}

TEST(Batch, SkippedOutputsAreNotWritten) {
  const std::vector<double> prices{1.0, 2.0};
  std::vector<double> margin(2, -7.0);
  std::vector<std::span<double>> spans(Batch::outputs.size());
  spans[6] = margin;  // model_gross_margin only
  ASSERT_EQ(Batch::outputs[6], "model_gross_margin");
  Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"api_price_usd_per_mtok", prices}}, 2, spans, 1);
  EXPECT_NEAR(margin[1], (2.0 - 0.7180650) / 2.0, 1e-7);
}

TEST(Batch, AnInvalidScenarioIsNamedWithItsIndex) {
  // Scenario 1300 sits in the third block of 512; the error is the scalar path's, with the index.
  std::vector<double> pue(2000, 1.2);
  pue[1300] = 0.9;
  Outputs out(2000);
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"pue", pue}}, 2000, out.spans, 1); }, "pue",
      "scenario 1300: pue must be a finite number >= 1, got 0.9");
  const std::vector<double> tiny{735.0, 1e-320};  // valid, but the compute cost overflows
  Outputs two(2);
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"tokens_per_s_per_gpu", tiny}}, 2, two.spans, 1); },
      "compute cost", "scenario 1: the inputs are too extreme to compute compute cost");
  const std::vector<double> scalar{0.9};
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"pue", scalar}}, 1, Outputs(1).spans, 1); },
      "pue", "pue must be a finite number >= 1, got 0.9");
}

TEST(Batch, ColumnsOfOtherLengthsAndUnknownNamesAreRefused) {
  const std::vector<double> two{1.2, 1.3}, three{0.7, 0.8, 0.9};
  Outputs out(2);
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"pue", two}, {"utilization", three}}, 2, out.spans, 1); },
      "utilization", "utilization has 3 values; pue has 2");
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"pew", two}}, 2, out.spans, 1); }, "pew",
      "unknown token factory parameter");
  std::vector<std::span<double>> too_few(3);
  testing::expect_invalid(
      [&] { Batch::evaluate(testing::h200(), std::vector<BatchColumn>{{"pue", two}}, 2, too_few, 1); }, "outputs",
      "expected 9 output columns, got 3");
}

}  // namespace
}  // namespace fabtoken
