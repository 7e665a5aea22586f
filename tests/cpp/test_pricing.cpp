// Price cards, workloads and bills against hand calculations written out here.
#include "fabtoken/pricing/bill.hpp"
#include "fabtoken/pricing/serving_cost.hpp"
#include "fabtoken/pricing/sku_mix.hpp"
#include "fabtoken/pricing/value_of_work.hpp"
#include "test_support.hpp"

namespace fabtoken {
namespace {

using testing::expect_invalid;

// A card with every tier, in USD/Mtok (test numbers, not a real model's): input 3, output 15,
// cache read 0.30, cache write 3.75 (5 min) and 6.00 (1 h); above 200k input tokens, input 6 and
// output 22.50; batch 50% off; priority 6x.
PriceCard full_card() {
  return PriceCard({.model = "test-model",
                    .provider = "test",
                    .input = usd_per_mtok(3.0),
                    .output = usd_per_mtok(15.0),
                    .cache_read = usd_per_mtok(0.30),
                    .cache_write_5m = usd_per_mtok(3.75),
                    .cache_write_1h = usd_per_mtok(6.0),
                    .long_context_threshold = tokens(200000.0),
                    .long_context_input = usd_per_mtok(6.0),
                    .long_context_output = usd_per_mtok(22.50),
                    .batch_discount = 0.5,
                    .priority_multiplier = 6.0});
}

// figures.md s4: Claude Opus 4.5 input 5, output 25, cached input 0.50 (no cache-write price).
PriceCard opus_45() {
  return PriceCard({.model = "claude-opus-4.5", .provider = "anthropic", .input = usd_per_mtok(5.0),
                    .output = usd_per_mtok(25.0), .cache_read = usd_per_mtok(0.50), .priority_multiplier = 6.0});
}

Workload request(double input, double read, double write_5m, double write_1h, double output,
                 BillingOptions options = {}) {
  Workload::Inputs in{};
  in.per_request[TokenClass::input] = tokens(input);
  in.per_request[TokenClass::cache_read] = tokens(read);
  in.per_request[TokenClass::cache_write_5m] = tokens(write_5m);
  in.per_request[TokenClass::cache_write_1h] = tokens(write_1h);
  in.per_request[TokenClass::output] = tokens(output);
  in.options = options;
  return Workload(in);
}

TEST(Bill, EveryTierIsBilledAtItsOwnPrice) {
  // 10k input x 3 + 50k reads x 0.30 + 20k 5-min writes x 3.75 + 10k 1-h writes x 6 + 2k output x 15
  // = 30,000 + 15,000 + 75,000 + 60,000 + 30,000 = 210,000 USD per 10^6 tokens = 0.21 USD.
  const Bill bill(full_card(), request(10e3, 50e3, 20e3, 10e3, 2e3));
  EXPECT_FALSE(bill.long_context());
  EXPECT_NEAR(in(bill.per_request(), usd), 0.21, 1e-12);
  EXPECT_NEAR(in(bill.per_request(TokenClass::cache_write_5m), usd), 0.075, 1e-12);
  EXPECT_NEAR(bill.share(TokenClass::cache_write_5m), 75.0 / 210.0, 1e-12);
  EXPECT_NEAR(bill.share(TokenClass::cache_read), 15.0 / 210.0, 1e-12);
  // Blended: 0.21 USD / 92,000 tokens = 2.2826087 USD/Mtok; per output Mtok: 0.21 / 0.002 = 105.
  EXPECT_NEAR(in(bill.blended_price(), usd_per_mtok), 2.2826087, 1e-7);
  EXPECT_NEAR(in(*bill.price_per_output_token(), usd_per_mtok), 105.0, 1e-9);
}

TEST(Bill, InputAboveTheThresholdBillsTheWholeRequestAtLongContextPrices) {
  // 150k input + 60k reads = 210k > 200k: input 6, output 22.50, reads 0.30 x 6/3 = 0.60.
  // 150k x 6 + 60k x 0.60 + 1k x 22.50 = 900,000 + 36,000 + 22,500 = 0.9585 USD.
  const Bill above(full_card(), request(150e3, 60e3, 0, 0, 1e3));
  EXPECT_TRUE(above.long_context());
  EXPECT_NEAR(in(above.per_request(), usd), 0.9585, 1e-12);
  EXPECT_NEAR(in(above.price(TokenClass::cache_read), usd_per_mtok), 0.60, 1e-12);
  // Exactly 200k is not above: 140k x 3 + 60k x 0.30 + 1k x 15 = 420,000 + 18,000 + 15,000 = 0.453 USD.
  const Bill at(full_card(), request(140e3, 60e3, 0, 0, 1e3));
  EXPECT_FALSE(at.long_context());
  EXPECT_NEAR(in(at.per_request(), usd), 0.453, 1e-12);
}

TEST(Bill, BatchDiscountAndPriorityMultiplyEveryPrice) {
  // The 0.21 USD request: batch 50% off = 0.105; priority 6x = 1.26; both = 0.63.
  const auto at = [](BillingOptions o) { return in(Bill(full_card(), request(10e3, 50e3, 20e3, 10e3, 2e3, o)).per_request(), usd); };
  EXPECT_NEAR(at({.batch = true}), 0.105, 1e-12);
  EXPECT_NEAR(at({.priority = true}), 1.26, 1e-12);
  EXPECT_NEAR(at({.batch = true, .priority = true}), 0.63, 1e-12);
}

TEST(Bill, MissingCachePricesBillAsInput) {
  // Opus 4.5 has no published cache-write price: 10k writes bill at input, 10k x 5 = 0.05 USD.
  const Bill bill(opus_45(), request(0, 0, 10e3, 0, 0));
  EXPECT_NEAR(in(bill.per_request(), usd), 0.05, 1e-12);
  EXPECT_FALSE(bill.price_per_output_token().has_value());
}

TEST(Workload, AgenticRatiosOnOpus45) {
  // 100k input per request, 300 input tokens per output token, 90% cache hits, 5% written (5 min):
  // reads 90k, writes 5k, uncached 5k, output 100k / 300 = 333.33.
  // Bill: 5k x 5 + 90k x 0.50 + 5k x 5 + 333.33 x 25 = 25,000 + 45,000 + 25,000 + 8,333.33
  //     = 103,333.33 per 10^6 = 0.1033333 USD; blended over 100,333.33 tokens = 1.0299003 USD/Mtok.
  const Workload agentic = Workload::from_ratios({tokens(100e3), 300.0, 0.90, 0.05}, 50.0, 20.0);
  EXPECT_NEAR(in(agentic.tokens_per_request(TokenClass::input), tokens), 5000.0, 1e-9);
  EXPECT_NEAR(in(agentic.tokens_per_request(TokenClass::output), tokens), 333.333333, 1e-6);
  const Bill bill(opus_45(), agentic);
  EXPECT_NEAR(in(bill.per_request(), usd), 0.1033333, 1e-7);
  EXPECT_NEAR(in(bill.blended_price(), usd_per_mtok), 1.0299003, 1e-7);
  // 50 requests a task, 20 tasks a month: 5.1666667 USD per task, 103.33333 USD per month.
  EXPECT_NEAR(in(bill.per_task(), usd), 5.1666667, 1e-7);
  EXPECT_NEAR(in(bill.per_month(), usd), 103.333333, 1e-6);
}

TEST(Workload, OneHourWritesGoToTheirOwnClass) {
  const Workload w = Workload::from_ratios({tokens(1000.0), 10.0, 0.0, 0.2, CacheTtl::one_hour});
  EXPECT_NEAR(in(w.tokens_per_request(TokenClass::cache_write_1h), tokens), 200.0, 1e-9);
  EXPECT_NEAR(in(w.tokens_per_request(TokenClass::cache_write_5m), tokens), 0.0, 1e-12);
}

TEST(Workload, RejectsImpossibleRatiosAndEmptyRequests) {
  expect_invalid([] { Workload::from_ratios({tokens(1000.0), 10.0, 0.9, 0.2}); }, "cache_write_share", "at most 1");
  expect_invalid([] { Workload::from_ratios({tokens(1000.0), 0.0}); }, "input_output_ratio", "got 0");
  expect_invalid([] { Workload::from_ratios({tokens(1000.0), 10.0, 1.5}); }, "cache_hit_rate", "got 1.5");
  expect_invalid([] { request(0, 0, 0, 0, 0); }, "tokens_per_request", "at least one token");
  expect_invalid([] { request(-1, 0, 0, 0, 5); }, "uncached_input_tokens", "got -1 tokens");
}

TEST(PriceCard, RejectsNegativePricesAndPartialLongContextTiers) {
  expect_invalid([] { PriceCard({.model = "m", .input = usd_per_mtok(-1.0), .output = usd_per_mtok(1.0)}); },
                 "input_usd_per_mtok", "price card 'm': input_usd_per_mtok must be a finite number >= 0, got -1 USD/Mtok");
  expect_invalid([] {
    PriceCard({.model = "m", .input = usd_per_mtok(1.0), .output = usd_per_mtok(1.0), .long_context_threshold = tokens(1e5)});
  }, "long_context_threshold_tokens", "together");
  expect_invalid([] { PriceCard({.model = "m", .input = usd_per_mtok(1.0), .output = usd_per_mtok(1.0), .batch_discount = 1.0}); },
                 "batch_discount", "[0, 1)");
  expect_invalid([] { PriceCard({.model = "", .input = usd_per_mtok(1.0), .output = usd_per_mtok(1.0)}); }, "model", "name");
  // A cache read at 1 USD/Mtok is 1e307 times the 1e-307 input price; at a long-context input of
  // 156 it would cost 1.56e309: refused, not billed as inf.
  expect_invalid([] {
    PriceCard({.model = "tiny", .input = usd_per_mtok(1e-307), .output = usd_per_mtok(0.0), .cache_read = usd_per_mtok(1.0),
               .long_context_threshold = tokens(1000.0), .long_context_input = usd_per_mtok(156.0),
               .long_context_output = usd_per_mtok(0.0)});
  }, "long_context_input_usd_per_mtok", "overflows");
}

TEST(ServingCost, MarginOfAWorkloadOnACard) {
  // Serving cost per Mtok: input 0.40, cached input 0.04, output 2.00. The 0.21 USD request costs
  // (10k + 20k + 10k) x 0.40 + 50k x 0.04 + 2k x 2.00 = 16,000 + 2,000 + 4,000 = 0.022 USD;
  // margin (0.21 - 0.022) / 0.21 = 89.52%.
  const ServingCost cost({usd_per_mtok(0.40), usd_per_mtok(0.04), usd_per_mtok(2.0)});
  const auto e = workload_economics(Bill(full_card(), request(10e3, 50e3, 20e3, 10e3, 2e3)), cost);
  EXPECT_NEAR(in(e.cost, usd), 0.022, 1e-12);
  EXPECT_NEAR(in(e.gross_profit, usd), 0.188, 1e-12);
  EXPECT_NEAR(e.gross_margin, 0.8952381, 1e-7);
}

TEST(ServingCost, FromThroughputIsGpuHourPriceOverTokensPerHour) {
  // 2 USD/GPU-hour; 10,000 input tok/s = 36 Mtok/h: 2 / 36 = 0.0555556 USD/Mtok; 100,000 cached
  // tok/s: 2 / 360 = 0.0055556; 1,000 output tok/s = 3.6 Mtok/h: 2 / 3.6 = 0.5555556.
  const ServingCost c = ServingCost::from_throughput(usd_per_gpu_hour(2.0), tokens_per_s_per_gpu(1e4),
                                                     tokens_per_s_per_gpu(1e5), tokens_per_s_per_gpu(1e3));
  EXPECT_NEAR(in(c.cost(TokenClass::input), usd_per_mtok), 0.0555556, 1e-7);
  EXPECT_NEAR(in(c.cost(TokenClass::cache_read), usd_per_mtok), 0.0055556, 1e-7);
  EXPECT_NEAR(in(c.cost(TokenClass::output), usd_per_mtok), 0.5555556, 1e-7);
}

Sku output_only(const std::string& name, double price, double cost, double share) {
  return {name,
          PriceCard({.model = name, .input = usd_per_mtok(price), .output = usd_per_mtok(price)}),
          request(0, 0, 0, 0, 1000),
          ServingCost({usd_per_mtok(cost), usd_per_mtok(cost), usd_per_mtok(cost)}),
          share};
}

TEST(SkuMix, ShiftingVolumeToTheDearerModelRaisesPriceAndMargin) {
  // 75% at 10 USD/Mtok (cost 2), 25% at 40 (cost 5): ASP 7.5 + 10 = 17.5, cost 1.5 + 1.25 = 2.75,
  // margin 14.75 / 17.5 = 84.29%. At 50/50: ASP 25, cost 3.5, margin 21.5 / 25 = 86%.
  const SkuMix mostly_cheap({output_only("cheap", 10, 2, 0.75), output_only("dear", 40, 5, 0.25)});
  EXPECT_NEAR(in(mostly_cheap.average_selling_price(), usd_per_mtok), 17.5, 1e-9);
  EXPECT_NEAR(in(mostly_cheap.average_cost(), usd_per_mtok), 2.75, 1e-9);
  EXPECT_NEAR(mostly_cheap.gross_margin(), 0.8428571, 1e-7);
  const SkuMix even({output_only("cheap", 10, 2, 0.5), output_only("dear", 40, 5, 0.5)});
  EXPECT_NEAR(even.gross_margin(), 0.86, 1e-12);
  expect_invalid([] { SkuMix({output_only("a", 10, 2, 0.5), output_only("b", 40, 5, 0.4)}); }, "token_share", "add up to 1");
}

TEST(ValueOfWork, TokenCostAgainstTheHumanHoursItReplaces) {
  // 5.1666667 USD of tokens against 2 h x 100 USD/h = 200 USD: ratio 2.583%, savings 194.8333 USD.
  const ValueOfWork v({usd(5.1666667), hours(2.0), usd_per_hour(100.0)});
  EXPECT_NEAR(in(v.human_cost(), usd), 200.0, 1e-9);
  EXPECT_NEAR(v.cost_ratio(), 0.0258333, 1e-7);
  EXPECT_NEAR(in(v.savings(), usd), 194.8333333, 1e-6);
  expect_invalid([] { ValueOfWork({usd(1.0), hours(0.0), usd_per_hour(100.0)}); }, "human_hours", "positive");
}

}  // namespace
}  // namespace fabtoken
