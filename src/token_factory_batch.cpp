#include "fabtoken/batch/token_factory_batch.hpp"

#include "fabtoken/errors.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace fabtoken {
namespace {

constexpr std::size_t block_size = 512;  // scenarios per block: the block's columns stay in L1/L2
constexpr std::size_t output_count = BatchModel<TokenFactory>::outputs.size();

// The stack's inputs in TokenFactory::parameters() order.
enum Input : std::size_t {
  usd_per_server, gpus_per_server, useful_life, residual_value, cost_of_capital, kw_per_gpu_, pue, load_factor,
  colocation_rate, electricity_price, rental_price, utilization, tokens_per_s, api_price, tokens_per_user, arpu,
  input_count
};

// Where each input comes from: a column of one value per scenario, or one value for all.
struct Sources {
  std::array<const double*, input_count> column{};  // nullptr: the input is `value` in every scenario
  std::array<double, input_count> value{};
  bool varies(std::size_t i) const { return column[i] != nullptr; }
};

Sources sources_of(const TokenFactory& base, std::span<const BatchColumn> columns) {
  const auto& parameters = TokenFactory::parameters();
  Sources s;
  for (std::size_t i = 0; i < input_count; ++i) s.value[i] = base.value(parameters[i].name);
  for (const BatchColumn& c : columns) {
    const auto* p = TokenFactory::find_parameter(c.name);
    if (p == nullptr) (void)base.value(c.name);  // throws, naming the unknown input and the known ones
    const auto i = static_cast<std::size_t>(p - parameters.data());
    if (c.values.size() == 1) {
      p->domain.check(p->name, c.values[0], p->unit->symbol);
      s.value[i] = c.values[0];
    } else {
      s.column[i] = c.values.data();
    }
  }
  return s;
}

// One thread's working memory: broadcast inputs laid out as blocks, and a sink for skipped outputs.
struct Workspace {
  std::array<std::array<double, block_size>, input_count> broadcast;
  std::array<double, block_size> recovery;  // capital recovery rate, in base units (per second)
  std::array<double, block_size> sink;
  // Per scenario: 0 when its inputs are in their domains and its outputs finite. Flags rather than a
  // running boolean: a reduction over booleans keeps the loops from vectorizing.
  std::array<double, block_size> flags;
};

bool any_flagged(const std::array<double, block_size>& flags, std::size_t n) {
  return std::any_of(flags.begin(), flags.begin() + static_cast<std::ptrdiff_t>(n), [](double f) { return f != 0.0; });
}

// One block's inputs: a pointer per input, to its column or to a block of its broadcast value.
struct Block {
  std::array<const double*, input_count> x;
  const double* recovery;

  OwnershipCost cost(std::size_t k) const {
    return ownership_cost({usd(x[usd_per_server][k]), gpus(x[gpus_per_server][k])},
                          from_base_value<PerTime>(recovery[k]),
                          {kw_per_gpu(x[kw_per_gpu_][k]), x[pue][k], x[load_factor][k],
                           usd_per_kw_month(x[colocation_rate][k]), usd_per_kwh(x[electricity_price][k])});
  }
  StackEconomics economics(const OwnershipCost& cost, std::size_t k) const {
    return stack_economics(cost, {usd_per_gpu_hour(x[rental_price][k]), x[utilization][k]},
                           {tokens_per_s_per_gpu(x[tokens_per_s][k])}, {usd_per_mtok(x[api_price][k])},
                           {tokens_per_month(x[tokens_per_user][k]), usd_per_month(x[arpu][k])});
  }
};


// Runs the stack over one block. When no input of the ownership cost varies (the usual sweep over
// prices, throughput and utilization), the cost is computed once, outside the loop.
template <bool CostVaries>
void run_block(const Block b, const OwnershipCost fixed_cost, std::size_t n,
               const std::array<double*, output_count> out, double* flags) {
  // The block and the output pointers come by value: locals the stores cannot alias, so they stay
  // in registers. Output k depends only on the inputs of scenario k, so the loop vectorizes whatever
  // the column pointers.
#pragma GCC ivdep
  for (std::size_t k = 0; k < n; ++k) {
    const StackEconomics e = b.economics(CostVaries ? b.cost(k) : fixed_cost, k);
    const std::array<double, output_count> row{
        in(e.total_cost, usd_per_gpu_hour),     in(e.depreciation, usd_per_gpu_hour),
        in(e.operating_cost, usd_per_gpu_hour), in(e.cloud_revenue, usd_per_gpu_hour),
        e.cloud_gross_margin,                   in(e.compute_cost, usd_per_mtok),
        e.model_gross_margin,                   e.third_party_app.gross_margin,
        e.first_party_app.gross_margin};
    double not_finite = 0.0;  // inf - inf and NaN - NaN are NaN
    for (std::size_t j = 0; j < output_count; ++j) {
      out[j][k] = row[j];
      not_finite += row[j] - row[j];
    }
    flags[k] = not_finite;
  }
}

double recovery_rate(double life_years, double residual, double rate) {
  return base_value(relations::capital_recovery_rate(years(life_years), residual, rate));
}

// Scenario `scenario` through the scalar path (validated layers, evaluate() and its checks); its
// error, if any, is rethrown naming the scenario.
void evaluate_like_scalar(const TokenFactory& base, const Sources& s, std::size_t scenario) {
  TokenFactory::Inputs inputs = base.inputs();
  const auto& parameters = TokenFactory::parameters();
  try {
    for (std::size_t i = 0; i < input_count; ++i)
      set_input(inputs, parameters[i].name, s.varies(i) ? s.column[i][scenario] : s.value[i]);
    (void)TokenFactory(inputs).evaluate();
  } catch (const InvalidInput& error) {
    throw InvalidInput(error.parameter(), scenario_prefix(scenario) + error.what());
  }
}

// A block failed a domain or finiteness check: find its first bad scenario through the scalar path.
[[noreturn]] void fail_block(const TokenFactory& base, const Sources& s, std::size_t start, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) evaluate_like_scalar(base, s, start + k);
  throw InvalidInput("scenario", scenario_prefix(start) + "a block of scenarios from here failed the batch checks "
                                                          "but passes the scalar ones; please report this");
}

void evaluate_range(const TokenFactory& base, const Sources& s, std::size_t begin, std::size_t end,
                    std::span<double* const> outputs) {
  const auto& parameters = TokenFactory::parameters();
  auto work = std::make_unique<Workspace>();
  for (std::size_t i = 0; i < input_count; ++i) work->broadcast[i].fill(s.value[i]);
  const bool recovery_varies = s.varies(useful_life) || s.varies(residual_value) || s.varies(cost_of_capital);
  if (!recovery_varies)
    work->recovery.fill(recovery_rate(s.value[useful_life], s.value[residual_value], s.value[cost_of_capital]));
  bool cost_varies = false;
  for (Input i : {usd_per_server, gpus_per_server, useful_life, residual_value, cost_of_capital, kw_per_gpu_, pue,
                  load_factor, colocation_rate, electricity_price})
    cost_varies |= s.varies(i);
  Block broadcast{{}, work->recovery.data()};
  for (std::size_t i = 0; i < input_count; ++i) broadcast.x[i] = work->broadcast[i].data();
  const OwnershipCost fixed_cost = broadcast.cost(0);  // used only when none of its inputs varies

  for (std::size_t start = begin; start < end; start += block_size) {
    const std::size_t n = std::min(block_size, end - start);
    Block b = broadcast;
    for (std::size_t i = 0; i < input_count; ++i)
      if (s.varies(i)) b.x[i] = s.column[i] + start;
    if (recovery_varies)
      for (std::size_t k = 0; k < n; ++k)
        work->recovery[k] = recovery_rate(b.x[useful_life][k], b.x[residual_value][k], b.x[cost_of_capital][k]);
    // The relations first, the domain checks after: the relations' loop streams the columns in from
    // memory while it divides, and the checks then read them from cache (checking first costs a
    // third of the throughput). A value outside its domain only makes NaNs or infinities in the
    // block's outputs, and the block then throws.
    double* flags = work->flags.data();
    std::array<double*, output_count> out;
    for (std::size_t j = 0; j < output_count; ++j) out[j] = outputs[j] ? outputs[j] + start : work->sink.data();
    if (cost_varies) run_block<true>(b, fixed_cost, n, out, flags);
    else run_block<false>(b, fixed_cost, n, out, flags);
    for (std::size_t i = 0; i < input_count; ++i)
      if (s.varies(i)) parameters[i].domain.flag_outside(b.x[i], n, flags);
    if (any_flagged(work->flags, n)) fail_block(base, s, start, n);
  }
}

}  // namespace

std::vector<std::pair<std::string_view, double>> BatchModel<TokenFactory>::inputs(const TokenFactory& factory) {
  std::vector<std::pair<std::string_view, double>> values;
  for (const auto& p : TokenFactory::parameters()) values.emplace_back(p.name, factory.value(p.name));
  return values;
}

void BatchModel<TokenFactory>::evaluate(const TokenFactory& base, std::span<const BatchColumn> columns,
                                        std::size_t scenarios, BatchOutputs outputs, unsigned threads) {
  static_assert(input_count == 16, "the Input enum follows TokenFactory::parameters()");
  FABTOKEN_REQUIRE(TokenFactory::parameters().size() == input_count, "inputs", "the stack's inputs changed");
  FABTOKEN_REQUIRE(scenario_count(columns) == scenarios, "scenarios",
                   "the columns describe " << scenario_count(columns) << " scenarios, not " << scenarios);
  check_outputs(outputs, BatchModel::outputs, scenarios);
  const Sources s = sources_of(base, columns);  // unknown names and bad broadcast values throw here
  std::array<double*, output_count> out{};
  for (std::size_t j = 0; j < output_count; ++j) out[j] = outputs[j].empty() ? nullptr : outputs[j].data();
  parallel_for(scenarios, threads, 16 * block_size,
               [&](std::size_t begin, std::size_t end) { evaluate_range(base, s, begin, end, out); });
}

}  // namespace fabtoken
