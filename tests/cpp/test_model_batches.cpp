// Batches of goodput, deals, the value chain and bills equal their scalar evaluations, scenario by
// scenario, and name the scenario of a bad input.
#include "fabtoken/batch/model_batches.hpp"
#include "fabtoken/pricing/bill.hpp"
#include "test_support.hpp"

#include <vector>

namespace fabtoken {
namespace {

using testing::expect_invalid;

// Output columns for model M, read back by name.
template <class M>
struct Outputs {
  explicit Outputs(std::size_t n) : columns(BatchModel<M>::outputs.size(), std::vector<double>(n)) {
    for (auto& c : columns) spans.emplace_back(c);
  }
  const std::vector<double>& operator[](std::string_view name) const {
    for (std::size_t k = 0; k < BatchModel<M>::outputs.size(); ++k)
      if (BatchModel<M>::outputs[k] == name) return columns[k];
    throw std::out_of_range(std::string(name));
  }
  std::vector<std::vector<double>> columns;
  std::vector<std::span<double>> spans;
};

template <class M>
Outputs<M> run(const M& model, const std::vector<BatchColumn>& columns, std::size_t n) {
  Outputs<M> out(n);
  BatchModel<M>::evaluate(model, columns, n, out.spans, 2);
  return out;
}

std::vector<double> linspace(double a, double b, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1);
  return v;
}

TEST(ModelBatch, MarketplaceDealFollowsFiguresS2) {
  // figures.md s2: 25% share, fee 7.5, opex 6.5 USD M per MW-year. At a lab revenue of 20:
  // share 5.0, net revenue 12.5, EBIT 6.0, EBIT margin 48%, lab keeps 20 - 5 - 7.5 = 7.5 (37.5%).
  const MarketplaceDeal deal({0.25, musd_per_mw_year(7.5), musd_per_mw_year(6.5), mw(1.0), {}});
  const std::vector<double> revenue = linspace(10.0, 40.0, 10000);
  const auto out = run(deal, {{"lab_revenue_musd_per_mw_year", revenue}}, revenue.size());
  for (std::size_t i = 0; i < revenue.size(); i += 333) {
    const DealEconomics e = deal.at(musd_per_mw_year(revenue[i]));
    EXPECT_EQ(out["cloud_ebit_musd_per_mw_year"][i], in(e.cloud_ebit, musd_per_mw_year));
    EXPECT_EQ(out["lab_gross_margin"][i], e.lab_gross_margin_share);
  }
  const std::vector<double> twenty{20.0};
  const auto one = run(deal, {{"lab_revenue_musd_per_mw_year", twenty}}, 1);
  EXPECT_NEAR(one["cloud_ebit_musd_per_mw_year"][0], 6.0, 1e-12);
  EXPECT_NEAR(one["cloud_ebit_margin"][0], 0.48, 1e-12);
  EXPECT_NEAR(one["lab_gross_margin"][0], 0.375, 1e-12);
  expect_invalid([&] { run(deal, {{"revenue_share", twenty}}, 1); }, "lab_revenue_musd_per_mw_year", "needs lab_revenue");
}

TEST(ModelBatch, IaasDealEqualsScalar) {
  const IaasDeal deal({usd_per_gpu_hour(1.9), kw_per_gpu(1.35), musd_per_mw_year(6.5), years(5.0), mw(100.0)});
  const std::vector<double> rental = linspace(1.0, 3.0, 9000);
  const auto out = run(deal, {{"rental_usd_per_gpu_hour", rental}}, rental.size());
  for (std::size_t i = 0; i < rental.size(); i += 301) {
    const IaasDeal d = with_input(deal, "rental_usd_per_gpu_hour", rental[i]);
    EXPECT_EQ(out["cloud_ebit_margin"][i], d.cloud_ebit_margin());
    EXPECT_EQ(out["contract_value_musd"][i], in(d.contract_value(), musd));
  }
  std::vector<double> bad = rental;
  bad[8500] = -1.0;
  expect_invalid([&] { run(deal, {{"rental_usd_per_gpu_hour", bad}}, bad.size()); }, "rental_usd_per_gpu_hour",
                 "scenario 8500: rental_usd_per_gpu_hour must be a positive finite number, got -1 USD/hr/GPU");
}

TEST(ModelBatch, GoodputEqualsScalar) {
  const Goodput gold = testing::gold_goodput();
  const std::vector<double> mtbf = linspace(5000.0, 50000.0, 5000);
  const auto out = run(gold, {{"gpu_mtbf_hours", mtbf}}, mtbf.size());
  for (std::size_t i = 0; i < mtbf.size(); i += 251) {
    const Goodput g = with_input(gold, "gpu_mtbf_hours", mtbf[i]);
    EXPECT_EQ(out["total_loss"][i], g.total_loss());
    EXPECT_EQ(out["interruptions_per_month"][i], g.interruptions_per_month());
  }
  expect_invalid([&] { run(gold, {{"gpu_mtfb_hours", mtbf}}, mtbf.size()); }, "gpu_mtfb_hours",
                 "unknown Goodput input 'gpu_mtfb_hours'");
}

TEST(ModelBatch, ValueChainSharesAddUpToTheDollarAndEqualScalar) {
  const ValueCapture chain(testing::h200(), SupplierMargins({0.75, 0.20, 0.60, 0.10, 0.60, 0.30}));
  const std::vector<double> price = linspace(1.0, 3.0, 5000);
  const auto out = run(chain, {{"api_price_usd_per_mtok", price}}, price.size());
  for (std::size_t i = 0; i < price.size(); i += 499) {
    double total = 0.0;
    for (const auto& column : out.columns) total += column[i];
    EXPECT_NEAR(total, 1.0, 1e-12);  // every dollar is someone's profit or a cost at the bottom
    const ValueCapture c(testing::h200().with("api_price_usd_per_mtok", price[i]), chain.margins());
    const PoolRows rows = c.rows(AppPath::third_party);
    EXPECT_EQ(out["application_share"][i], c.shown(rows[0].gross_profit, PoolUnit::per_dollar));
    EXPECT_EQ(out["model_provider_share"][i], c.shown(rows[1].gross_profit, PoolUnit::per_dollar));
  }
}

TEST(ModelBatch, BillEqualsScalarAndFollowsTheCard) {
  // figures.md s4: Claude Opus 4.5 at 5 USD/Mtok input, 25 output, 0.50 cache read.
  const PriceCard opus({.model = "claude-opus-4.5", .provider = "anthropic", .input = usd_per_mtok(5.0),
                        .output = usd_per_mtok(25.0), .cache_read = usd_per_mtok(0.50)});
  Workload::Inputs w{};
  w.per_request[TokenClass::input] = tokens(10000);
  w.per_request[TokenClass::output] = tokens(1000);
  const PricedWorkload priced{opus, Workload(w)};
  const std::vector<double> output_tokens = linspace(0.0, 20000.0, 4001);
  const auto out = run(priced, {{"output_tokens", output_tokens}}, output_tokens.size());
  for (std::size_t i = 0; i < output_tokens.size(); i += 97) {
    // 10,000 x 5 / 1e6 = 0.05 USD of input, plus output x 25 / 1e6.
    EXPECT_NEAR(out["usd_per_request"][i], 0.05 + output_tokens[i] * 25e-6, 1e-12);
    Workload::Inputs wi = w;
    wi.per_request[TokenClass::output] = tokens(output_tokens[i]);
    EXPECT_EQ(out["blended_usd_per_mtok"][i], in(Bill(opus, Workload(wi)).blended_price(), usd_per_mtok));
  }
}

}  // namespace
}  // namespace fabtoken
