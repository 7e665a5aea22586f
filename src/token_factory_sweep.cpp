#include "fabtoken/batch/token_factory_sweep.hpp"

#include "fabtoken/errors.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fabtoken {

namespace {
// A column with its input's setter, resolved once and applied per scenario.
struct BoundColumn {
  std::span<const double> values;
  std::function<void(TokenFactory::Inputs&, double)> set;
};

void evaluate_range(const TokenFactory::Inputs& base, const std::vector<BoundColumn>& columns, std::size_t begin,
                    std::size_t end, const std::array<std::span<double>, sweep_output_count>& outputs) {
  for (std::size_t i = begin; i < end; ++i) {
    TokenFactory::Inputs inputs = base;
    for (const BoundColumn& c : columns) c.set(inputs, c.values.size() == 1 ? c.values[0] : c.values[i]);
    try {
      const StackEconomics e = TokenFactory(inputs).evaluate();
      outputs[0][i] = in(e.total_cost, usd_per_gpu_hour);
      outputs[1][i] = e.cloud_gross_margin;
      outputs[2][i] = in(e.compute_cost, usd_per_mtok);
      outputs[3][i] = e.model_gross_margin;
      outputs[4][i] = e.third_party_app.gross_margin;
      outputs[5][i] = e.first_party_app.gross_margin;
    } catch (const InvalidInput& error) {
      throw InvalidInput(error.parameter(), "scenario " + std::to_string(i) + ": " + error.what());
    }
  }
}
}  // namespace

void sweep_token_factory(const TokenFactory& base, std::span<const SweepColumn> columns, std::size_t scenarios,
                         std::array<std::span<double>, sweep_output_count> outputs, unsigned threads) {
  std::vector<BoundColumn> bound;
  for (const SweepColumn& c : columns) {
    FABTOKEN_REQUIRE(c.values.size() == 1 || c.values.size() == scenarios, c.name,
                     c.name << " needs one value or one per scenario (" << scenarios << "), got " << c.values.size());
    bound.push_back({c.values, input_setter(c.name)});  // an unknown name raises here, before any work
  }
  for (std::size_t k = 0; k < sweep_output_count; ++k)
    FABTOKEN_REQUIRE(outputs[k].size() == scenarios, sweep_output_names[k],
                     "output column " << sweep_output_names[k] << " must hold " << scenarios << " values");
  const TokenFactory::Inputs inputs = base.inputs();
  const unsigned available = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(available, std::max<std::size_t>(1, scenarios / 4096)));
  if (workers <= 1) return evaluate_range(inputs, bound, 0, scenarios, outputs);

  std::exception_ptr first_error;
  std::mutex error_lock;
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        evaluate_range(inputs, bound, scenarios * w / workers, scenarios * (w + 1) / workers, outputs);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_lock);
        if (!first_error) first_error = std::current_exception();
      }
    });
  for (std::thread& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace fabtoken
