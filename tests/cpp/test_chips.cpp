// Throughput curves, the chip catalog, prefill/decode costs and benchmark import, against
// figures.md s5 and hand calculations written out here.
#include "fabtoken/chips/benchmark_import.hpp"
#include "fabtoken/chips/chip_catalog.hpp"
#include "fabtoken/chips/prefill_decode.hpp"
#include "fabtoken/chips/throughput_curve.hpp"
#include "test_support.hpp"

#include <cmath>

namespace fabtoken {
namespace {

using testing::expect_invalid;
using testing::ScratchFile;

CurvePoint point(double interactivity, double throughput, std::optional<double> watts = std::nullopt) {
  CurvePoint p{tokens_per_s_per_user(interactivity), tokens_per_s_per_gpu(throughput)};
  if (watts) p.power = w_per_gpu(*watts);
  return p;
}

// Out of order, with a dominated point (20, 3000), a duplicate (40, 2000) and a point (30, 1900)
// beaten by (40, 2000) on both counts.
ThroughputCurve test_curve() {
  return ThroughputCurve({"TEST"}, {point(40, 2000, 1200), point(10, 5000), point(20, 3000), point(80, 500),
                                    point(20, 4000, 1000), point(40, 2000, 1200), point(30, 1900)});
}

TEST(ThroughputCurve, FrontierKeepsOnlyUndominatedPointsInOrder) {
  const ThroughputCurve curve = test_curve();
  const auto& f = curve.frontier();
  ASSERT_EQ(f.size(), 4u);
  const double expected[][2] = {{10, 5000}, {20, 4000}, {40, 2000}, {80, 500}};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(in(f[i].interactivity, tokens_per_s_per_user), expected[i][0]);
    EXPECT_DOUBLE_EQ(in(f[i].throughput, tokens_per_s_per_gpu), expected[i][1]);
  }
}

TEST(ThroughputCurve, InterpolatesLinearlyBetweenFrontierPoints) {
  // At 30: 4,000 + (30 - 20) / (40 - 20) x (2,000 - 4,000) = 3,000 tok/s/GPU; power 1,000 + 0.5 x 200
  // = 1,100 W, so 1,100 / 3,000 = 0.36667 J/token. At 2 USD/GPU-hour: 2 / (3,000 x 3,600 / 10^6)
  // = 2 / 10.8 = 0.185185 USD/Mtok.
  const ThroughputCurve c = test_curve();
  EXPECT_NEAR(in(c.throughput_at(tokens_per_s_per_user(30)), tokens_per_s_per_gpu), 3000.0, 1e-9);
  EXPECT_NEAR(in(*c.energy_per_token_at(tokens_per_s_per_user(30)), joules_per_token), 0.3666667, 1e-7);
  EXPECT_NEAR(in(c.cost_at(tokens_per_s_per_user(30), usd_per_gpu_hour(2.0)), usd_per_mtok), 0.1851852, 1e-7);
  EXPECT_NEAR(in(c.throughput_at(tokens_per_s_per_user(80)), tokens_per_s_per_gpu), 500.0, 1e-9);
  EXPECT_FALSE(c.energy_per_token_at(tokens_per_s_per_user(15)).has_value());  // no power measured at 10
}

TEST(ThroughputCurve, NeverExtrapolatesUnlessAskedToClamp) {
  const ThroughputCurve c = test_curve();
  expect_invalid([&] { c.throughput_at(tokens_per_s_per_user(85)); }, "interactivity_tokens_per_s_per_user",
                 "outside the measured range [10, 80]");
  EXPECT_NEAR(in(c.throughput_at(tokens_per_s_per_user(85), Extrapolation::clamp), tokens_per_s_per_gpu), 500.0, 1e-9);
  EXPECT_NEAR(in(c.throughput_at(tokens_per_s_per_user(5), Extrapolation::clamp), tokens_per_s_per_gpu), 5000.0, 1e-9);
}

TEST(ThroughputCurve, RejectsNanInteractivityAndBadLengths) {
  expect_invalid([] { test_curve().throughput_at(tokens_per_s_per_user(std::nan("")), Extrapolation::clamp); },
                 "interactivity_tokens_per_s_per_user", "finite");
  expect_invalid([] { ThroughputCurve({"X", "", "", "", -5.0}, {point(10, 100)}); }, "input_length", "got -5");
}

TEST(ThroughputCurve, RejectsEmptyCurvesAndNonPositivePoints) {
  expect_invalid([] { ThroughputCurve({"X"}, {}); }, "points", "no points");
  expect_invalid([] { ThroughputCurve({"X"}, {point(10, 0)}); }, "points[0].tokens_per_s_per_gpu", "positive");
}

TEST(ChipCost, CostPerMtokOnB300FromFigures) {
  // figures.md s5: B300 TCO 2.808 USD/GPU-hour; DeepSeek R1 at about 1k, 8k and 14k tok/s/GPU:
  // 2.808 / 3.6 = 0.78, 2.808 / 28.8 = 0.0975, 2.808 / 50.4 = 0.0557 USD/Mtok.
  const ChipCatalog catalog = read_chip_catalog(std::string(FABTOKEN_DATA_DIR) + "/chips.csv");
  const UsdPerGpuTime b300 = catalog.find("B300").tco;
  const double expected[][2] = {{1000, 0.78}, {8000, 0.0975}, {14000, 0.0557143}};
  for (const auto& [tps, cost] : expected)
    EXPECT_NEAR(in(relations::cost_per_token(b300, tokens_per_s_per_gpu(tps)), usd_per_mtok), cost, 1e-7) << tps;
}

TEST(ChipCatalog, HoldsThePublishedTcoOfNineChips) {
  // figures.md s5, TCO per GPU-hour.
  const ChipCatalog catalog = read_chip_catalog(std::string(FABTOKEN_DATA_DIR) + "/chips.csv");
  const std::pair<const char*, double> published[] = {{"H100", 1.69}, {"H200", 1.74},  {"B200", 2.34},
                                                      {"B300", 2.808}, {"GB200", 2.75}, {"GB300", 3.3},
                                                      {"MI300X", 1.4}, {"MI325X", 1.59}, {"MI355X", 1.9}};
  EXPECT_EQ(catalog.chips().size(), 9u);
  for (const auto& [chip, tco] : published) {
    EXPECT_NEAR(in(catalog.find(chip).tco, usd_per_gpu_hour), tco, 1e-12) << chip;
    EXPECT_FALSE(catalog.find(chip).source.empty()) << chip;
  }
  expect_invalid([&] { catalog.find("TPU"); }, "chip", "no chip 'TPU'");
}

TEST(ChipCatalog, ThroughputRatioAgainstTcoRatioGivesCostPerTokenRatio) {
  // figures.md s5: GB300 NVL72 gives about 17x H100's FP8 throughput at about 70% higher TCO:
  // 1.7 / 17 = 0.1, a tenth of the cost per token. With the catalog's TCOs: (3.3 / 1.69) / 17 = 0.11486.
  EXPECT_NEAR(relations::cost_per_token_ratio(1.7, 17.0), 0.1, 1e-12);
  const ChipCatalog catalog = read_chip_catalog(std::string(FABTOKEN_DATA_DIR) + "/chips.csv");
  EXPECT_NEAR(catalog.cost_per_token_ratio("GB300", "H100", 17.0), 0.1148626, 1e-7);
  // FP4, 32x: (3.3 / 1.69) / 32 = 0.0610207.
  EXPECT_NEAR(catalog.cost_per_token_ratio("GB300", "H100", 32.0), 0.0610207, 1e-7);
  expect_invalid([] { cost_per_token_ratio(1.7, 0.0); }, "throughput_ratio", "got 0");
  expect_invalid([] { cost_per_token_ratio(std::nan(""), 17.0); }, "tco_ratio", "got nan");
}

TEST(PrefillDecode, SplitsGpuTimeIntoInputAndOutputCost) {
  // 2 USD/GPU-hour; 20,000 input tok/s/GPU = 72 Mtok/h, 2,000 output = 7.2 Mtok/h; a quarter of
  // the GPU time in prefill: input 2 x 0.25 / 72 = 0.0069444, output 2 x 0.75 / 7.2 = 0.2083333,
  // cached input a tenth of new input: 0.00069444 USD/Mtok.
  const ServingCost cost = PrefillDecode({tokens_per_s_per_gpu(20000), tokens_per_s_per_gpu(2000), 0.25, 0.1})
                               .serving_cost(usd_per_gpu_hour(2.0));
  EXPECT_NEAR(in(cost.cost(TokenClass::input), usd_per_mtok), 0.0069444, 1e-7);
  EXPECT_NEAR(in(cost.cost(TokenClass::output), usd_per_mtok), 0.2083333, 1e-7);
  EXPECT_NEAR(in(cost.cost(TokenClass::cache_read), usd_per_mtok), 0.00069444, 1e-8);
}

TEST(BenchmarkImport, InferenceXRecordsBecomeOneCurvePerConfiguration) {
  // median_tpot 0.020 s (20 ms) -> 1 / 0.020 = 50 tok/s/user; p99_ttft 0.9 s = 900 ms; median_intvty is taken as given.
  ScratchFile file(".json");
  const std::string text = R"([
    {"hw": "b300", "model": "dsr1", "framework": "sglang", "precision": "fp8", "isl": 8192, "osl": 1024,
     "conc": 64, "tp": 8, "tput_per_gpu": 8000, "input_tput_per_gpu": 7200, "output_tput_per_gpu": 800,
     "median_tpot": 0.020, "p99_ttft": 0.9, "avg_power_w": 1100},
    {"hw": "b300", "model": "dsr1", "framework": "sglang", "precision": "fp8", "isl": 8192, "osl": 1024,
     "conc": 8, "tp": 8, "tput_per_gpu": 2000, "median_intvty": 120},
    {"hw": "h100", "model": "dsr1", "framework": "sglang", "precision": "fp8", "isl": 8192, "osl": 1024,
     "conc": 64, "tp": 8, "tput_per_gpu": 900, "median_tpot": 0.040}
  ])";
  const auto curves = read_inferencex(file.write(text));
  ASSERT_EQ(curves.size(), 2u);
  EXPECT_EQ(curves[0].config().chip, "b300");
  ASSERT_EQ(curves[0].points().size(), 2u);
  EXPECT_NEAR(in(curves[0].points()[0].interactivity, tokens_per_s_per_user), 50.0, 1e-12);
  EXPECT_NEAR(in(*curves[0].points()[0].ttft_p99, milliseconds), 900.0, 1e-9);
  EXPECT_NEAR(in(curves[0].points()[1].interactivity, tokens_per_s_per_user), 120.0, 1e-12);
  EXPECT_NEAR(in(curves[1].points()[0].interactivity, tokens_per_s_per_user), 25.0, 1e-12);
  EXPECT_EQ(file.read(), text);
}

TEST(BenchmarkImport, MalformedRecordsNameFileRecordAndField) {
  ScratchFile file(".json");
  expect_invalid([&] { read_inferencex(file.write(R"([{"hw": "x", "model": "m", "median_tpot": 0.02}])")); },
                 "tput_per_gpu", "record 0: field 'tput_per_gpu' is missing");
  expect_invalid([&] { read_inferencex(file.write(R"([{"hw": "x", "model": "m", "tput_per_gpu": "fast", "median_tpot": 0.02}])")); },
                 "tput_per_gpu", "must be a number");
  expect_invalid([&] { read_inferencex(file.write(R"([{"hw": "x", "model": "m", "tput_per_gpu": 10, "median_tpot": -5}])")); },
                 "median_tpot", ">= 0");
  expect_invalid([&] { read_inferencex(file.write("[{")); }, "file", "malformed JSON");
  EXPECT_THROW(read_inferencex("/nonexistent/results.json"), FileNotFound);
}

TEST(BenchmarkImport, CsvRowsBecomeCurvesAndBadCellsNameTheLine) {
  ScratchFile file(".csv");
  const std::string header =
      "chip,model,precision,framework,input_length,output_length,interactivity_tokens_per_s_per_user,tokens_per_s_per_gpu\n";
  const auto curves = read_throughput_csv(file.write(header + "B300,dsr1,fp8,sglang,8192,1024,50,8000\nB300,dsr1,fp8,sglang,8192,1024,120,2000\n"));
  ASSERT_EQ(curves.size(), 1u);
  EXPECT_EQ(curves[0].frontier().size(), 2u);
  expect_invalid([&] { read_throughput_csv(file.write(header + "B300,dsr1,fp8,sglang,8192,1024,50,-1\n")); },
                 "tokens_per_s_per_gpu", ".csv:2");
}

}  // namespace
}  // namespace fabtoken
