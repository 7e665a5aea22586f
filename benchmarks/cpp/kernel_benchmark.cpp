// The token-factory batch kernel on unit-typed quantities against the same kernel on raw doubles,
// and a STREAM-like triad giving this machine's memory-bandwidth bound. Prints figures and ratios.
//
//   cmake -S . -B build/bench -DFABTOKEN_BENCHMARKS=ON && cmake --build build/bench && build/bench/kernel_benchmark
#include "fabtoken/batch/token_factory_batch.hpp"
#include "fabtoken/preset.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string_view>
#include <vector>

using namespace fabtoken;

namespace {

constexpr std::size_t block = 512;

template <class F>
double best_seconds(int repeats, F&& run) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// The same stack on raw doubles, written the way the typed kernel is organized (blocks, a finiteness
// flag per scenario, then a domain check of the varying columns), with the unit factors spelled out.
struct RawStack {
  double price, gpus, life_hours, kw, pue, load, colo_per_kw_month, usd_per_kwh, api, tokens_month, arpu;
};

void raw_range(const RawStack& p, const double* rental, const double* tps, const double* util, std::size_t begin,
               std::size_t end, const std::array<double*, 9>& out) {
  std::array<double, block> flags{}, api, tokens_month, arpu;  // broadcast inputs, laid out as the typed kernel's
  api.fill(p.api), tokens_month.fill(p.tokens_month), arpu.fill(p.arpu);
  const double capex = p.price / p.gpus;  // the ownership cost, hoisted as the typed kernel hoists it
  const double depreciation = capex / (p.life_hours * 3600.0) * 3600.0;
  const double opex = p.colo_per_kw_month * p.kw / 730.0 + p.usd_per_kwh * p.kw * p.load * p.pue;
  const double total = depreciation + opex;
  for (std::size_t start = begin; start < end; start += block) {
    const std::size_t n = std::min(block, end - start);
    const double *r = rental + start, *t = tps + start, *u = util + start;
#pragma GCC ivdep
    for (std::size_t k = 0; k < n; ++k) {
      const double revenue = r[k] * u[k];
      const double compute = r[k] / 3600.0 / t[k] * 1e6;                // USD/GPU-s over tokens/GPU-s, per Mtok
      const double price = api[k] / 1e6, cost_3p = tokens_month[k] / (730.0 * 3600.0) * price;
      const double cost_1p = tokens_month[k] / (730.0 * 3600.0) * (compute / 1e6);
      const double user = arpu[k] / (730.0 * 3600.0);
      const std::array<double, 9> row{total, depreciation, opex, revenue, (revenue - total) / revenue, compute,
                                      (price - compute / 1e6) / price, (user - cost_3p) / user, (user - cost_1p) / user};
      double not_finite = 0.0;
      for (std::size_t j = 0; j < 9; ++j) {
        out[j][start + k] = row[j];
        not_finite += row[j] - row[j];
      }
      flags[k] = not_finite;
    }
    for (std::size_t k = 0; k < n; ++k)
      flags[k] += ((r[k] - r[k] == 0.0) & (r[k] > 0.0) ? 0.0 : 1.0) + ((t[k] - t[k] == 0.0) & (t[k] > 0.0) ? 0.0 : 1.0) +
                  ((u[k] - u[k] == 0.0) & (u[k] > 0.0) & (u[k] <= 1.0) ? 0.0 : 1.0);
    if (std::any_of(flags.begin(), flags.begin() + static_cast<std::ptrdiff_t>(n), [](double f) { return f != 0.0; }))
      throw std::invalid_argument("invalid scenario or non-finite result");
  }
}

// STREAM triad a = b + s c on every core, over arrays far larger than the caches: 24 bytes an element.
struct Triad {
  std::vector<double> a, b, c;
  explicit Triad(std::size_t m) : a(m, 0.0), b(m, 1.0), c(m, 2.0) {}
  void operator()() {
    parallel_for(a.size(), 0, 1 << 16, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t k = lo; k < hi; ++k) a[k] = b[k] + 3.0 * c[k];
    });
  }
  double bytes() const { return 24.0 * static_cast<double>(a.size()); }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--triad") {  // the bandwidth alone, for the Python benchmark
    Triad triad(20'000'000);
    std::printf("TRIAD_GBPS %.3f\n", triad.bytes() / best_seconds(3, triad) / 1e9);
    return 0;
  }
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 10'000'000;
  const char* preset = argc > 2 ? argv[2] : FABTOKEN_PRESET;
  const TokenFactory h200 = read_token_factory(preset).factory;
  const RawStack raw{h200.value("usd_per_server"), h200.value("gpus_per_server"),
                     h200.value("useful_life_years") * 8760.0, h200.value("kw_per_gpu"), h200.value("pue"),
                     h200.value("load_factor"), h200.value("colocation_usd_per_kw_month"),
                     h200.value("electricity_usd_per_kwh"), h200.value("api_price_usd_per_mtok"),
                     h200.value("tokens_per_user_month"), h200.value("arpu_usd_per_month")};
  if (h200.value("cost_of_capital_per_year") != 0.0 || h200.value("residual_value_fraction") != 0.0) {
    std::fprintf(stderr, "the raw kernel assumes straight-line depreciation with no residual value\n");
    return 1;
  }
  std::mt19937_64 random(1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> rental(n), tps(n), util(n);
  for (std::size_t k = 0; k < n; ++k)
    rental[k] = 1.0 + 2.0 * unit(random), tps[k] = 300.0 + 2700.0 * unit(random), util[k] = 0.5 + 0.5 * unit(random);
  std::vector<std::vector<double>> typed_out(9, std::vector<double>(n, 0.0)), raw_out(9, std::vector<double>(n, 0.0));
  std::vector<std::span<double>> spans(typed_out.begin(), typed_out.end());
  std::array<double*, 9> raw_ptrs{};
  for (std::size_t j = 0; j < 9; ++j) raw_ptrs[j] = raw_out[j].data();
  const std::vector<BatchColumn> columns{{"rental_usd_per_gpu_hour", rental}, {"tokens_per_s_per_gpu", tps}, {"utilization", util}};

  Triad triad(std::max<std::size_t>(n, 20'000'000));
  const auto typed = [&](unsigned threads) { BatchModel<TokenFactory>::evaluate(h200, columns, n, spans, threads); };
  const auto raw_doubles = [&](unsigned threads) {
    parallel_for(n, threads, 16 * block, [&](std::size_t lo, std::size_t hi) {
      raw_range(raw, rental.data(), tps.data(), util.data(), lo, hi, raw_ptrs);
    });
  };

  // Rounds of every measurement, best of each: all of them see the same moments of a machine that
  // may be shared, so their ratios hold even when its speed drifts.
  std::array<double, 2> typed_s{1e300, 1e300}, raw_s{1e300, 1e300};
  double triad_s = 1e300;
  for (int round = 0; round < 7; ++round) {
    for (unsigned threads : {1u, 2u}) {
      typed_s[threads - 1] = std::min(typed_s[threads - 1], best_seconds(1, [&] { typed(threads); }));
      raw_s[threads - 1] = std::min(raw_s[threads - 1], best_seconds(1, [&] { raw_doubles(threads); }));
    }
    triad_s = std::min(triad_s, best_seconds(1, triad));
  }

  std::printf("%zu scenarios, 3 inputs varying, 9 outputs, output columns preallocated\n", n);
  for (unsigned threads : {1u, 2u})
    std::printf("  %u thread(s): typed kernel %7.1f M scenarios/s, raw doubles %7.1f M/s, typed / raw time %.3f\n",
                threads, n / typed_s[threads - 1] / 1e6, n / raw_s[threads - 1] / 1e6,
                typed_s[threads - 1] / raw_s[threads - 1]);
  double worst = 0.0;  // the raw kernel computes the same results (up to the unit factors' rounding)
  for (std::size_t j = 0; j < 9; ++j)
    for (std::size_t k = 0; k < n; k += 9973)
      worst = std::max(worst, std::abs(typed_out[j][k] - raw_out[j][k]) / std::max(1.0, std::abs(raw_out[j][k])));
  std::printf("  largest relative difference typed vs raw: %.1e\n", worst);

  const double bytes_per_second = triad.bytes() / triad_s;
  const double sweep_bytes = 12 * 8.0;  // 3 input and 9 output columns of doubles per scenario
  const double bound = bytes_per_second / sweep_bytes;
  std::printf("  triad bandwidth (all cores): %.1f GB/s; bound for the sweep's %g bytes per scenario: %.1f M scenarios/s\n",
              bytes_per_second / 1e9, sweep_bytes, bound / 1e6);
  std::printf("  typed kernel (all cores) is %.2fx off the bound\n", bound / (n / std::min(typed_s[0], typed_s[1])));
  std::printf("TRIAD_GBPS %.3f\n", bytes_per_second / 1e9);
}
