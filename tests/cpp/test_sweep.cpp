// Batch evaluation equals scalar evaluation, scenario by scenario.
#include "fabtoken/batch/token_factory_sweep.hpp"
#include "test_support.hpp"

#include <random>
#include <vector>

namespace fabtoken {
namespace {

struct Outputs {
  explicit Outputs(std::size_t n) : columns(sweep_output_count, std::vector<double>(n)) {}
  std::array<std::span<double>, sweep_output_count> spans() {
    std::array<std::span<double>, sweep_output_count> out;
    for (std::size_t k = 0; k < sweep_output_count; ++k) out[k] = columns[k];
    return out;
  }
  std::vector<std::vector<double>> columns;
};

TEST(Sweep, EveryScenarioEqualsItsScalarEvaluation) {
  // 20,000 random scenarios over three inputs (enough to split across threads), one broadcast.
  const TokenFactory h200 = testing::h200();
  const std::size_t n = 20000;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> rental(1.0, 3.0), throughput(200.0, 3000.0), utilization(0.5, 1.0);
  std::vector<double> r(n), t(n), u(n);
  for (std::size_t i = 0; i < n; ++i) r[i] = rental(random), t[i] = throughput(random), u[i] = utilization(random);
  const std::vector<double> price{2.0};
  const std::vector<SweepColumn> columns{{"rental_usd_per_gpu_hour", r}, {"tokens_per_s_per_gpu", t},
                                         {"utilization", u}, {"api_price_usd_per_mtok", price}};
  Outputs out(n);
  sweep_token_factory(h200, columns, n, out.spans(), 2);
  for (std::size_t i = 0; i < n; i += 97) {
    const StackEconomics e = h200.with("rental_usd_per_gpu_hour", r[i])
                                 .with("tokens_per_s_per_gpu", t[i])
                                 .with("utilization", u[i])
                                 .with("api_price_usd_per_mtok", 2.0)
                                 .evaluate();
    EXPECT_EQ(out.columns[2][i], in(e.compute_cost, usd_per_mtok)) << i;
    EXPECT_EQ(out.columns[1][i], e.cloud_gross_margin) << i;
    EXPECT_EQ(out.columns[3][i], e.model_gross_margin) << i;
    EXPECT_EQ(out.columns[5][i], e.first_party_app.gross_margin) << i;
  }
}

TEST(Sweep, AnInvalidScenarioIsNamedWithItsIndex) {
  const std::vector<double> pue{1.2, 0.9, 1.3};
  const std::vector<SweepColumn> columns{{"pue", pue}};
  Outputs out(3);
  testing::expect_invalid([&] { sweep_token_factory(testing::h200(), columns, 3, out.spans(), 1); }, "pue",
                          "scenario 1: pue must be a finite number >= 1, got 0.9");
  const std::vector<double> two{1.2, 1.3};
  const std::vector<SweepColumn> short_column{{"pue", two}};
  testing::expect_invalid([&] { sweep_token_factory(testing::h200(), short_column, 3, out.spans(), 1); }, "pue",
                          "one per scenario (3), got 2");
  const std::vector<SweepColumn> unknown{{"pew", two}};
  testing::expect_invalid([&] { sweep_token_factory(testing::h200(), unknown, 2, Outputs(2).spans(), 1); }, "pew",
                          "unknown token factory parameter");
}

}  // namespace
}  // namespace fabtoken
