#include "fabtoken/batch/batch.hpp"

#include "fabtoken/errors.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

namespace fabtoken {

std::size_t scenario_count(std::span<const BatchColumn> columns) {
  std::size_t scenarios = 1;
  std::string_view first_long;
  for (const BatchColumn& c : columns) {
    FABTOKEN_REQUIRE(!c.values.empty(), c.name, c.name << " has no values; give one value or one per scenario");
    if (c.values.size() == 1) continue;
    FABTOKEN_REQUIRE(scenarios == 1 || c.values.size() == scenarios, c.name,
                     c.name << " has " << c.values.size() << " values; " << first_long << " has " << scenarios
                            << " (give one value or one per scenario)");
    if (scenarios == 1) first_long = c.name;
    scenarios = c.values.size();
  }
  return scenarios;
}

void check_outputs(BatchOutputs outputs, std::span<const std::string_view> names, std::size_t scenarios) {
  FABTOKEN_REQUIRE(outputs.size() == names.size(), "outputs",
                   "expected " << names.size() << " output columns, got " << outputs.size());
  for (std::size_t k = 0; k < names.size(); ++k)
    FABTOKEN_REQUIRE(outputs[k].empty() || outputs[k].size() == scenarios, names[k],
                     "output column " << names[k] << " must hold " << scenarios << " values, got "
                                      << outputs[k].size());
}

void parallel_for(std::size_t n, unsigned threads, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& body) {
  const unsigned available = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  const auto workers = static_cast<unsigned>(std::min<std::size_t>(available, std::max<std::size_t>(1, n / grain)));
  if (workers <= 1) return body(0, n);
  std::exception_ptr first_error;
  std::mutex error_lock;
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      try {
        body(n * w / workers, n * (w + 1) / workers);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_lock);
        if (!first_error) first_error = std::current_exception();
      }
    });
  for (std::thread& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

std::string scenario_prefix(std::size_t scenario) { return "scenario " + std::to_string(scenario) + ": "; }

}  // namespace fabtoken
