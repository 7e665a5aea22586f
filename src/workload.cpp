#include "fabtoken/pricing/workload.hpp"

#include "fabtoken/domain.hpp"

#include <algorithm>

namespace fabtoken {

Workload::Workload(const Inputs& inputs) : inputs_(inputs) {
  for (TokenClass c : all_token_classes)
    require_non_negative(std::string(name(c)) + "_tokens", inputs.per_request[c], tokens);
  FABTOKEN_REQUIRE(total_per_request() > Tokens{}, "tokens_per_request", "a request must hold at least one token");
  require_positive("requests_per_task", inputs.requests_per_task, ratio);
  require_positive("tasks_per_month", inputs.tasks_per_month, ratio);
}

Workload Workload::from_ratios(const Ratios& r, double requests_per_task, double tasks_per_month,
                               BillingOptions options) {
  require_positive("input_tokens_per_request", r.input_per_request, tokens);
  require_positive("input_output_ratio", r.input_output_ratio, ratio);
  require_in_range("cache_hit_rate", r.cache_hit_rate, 0.0, 1.0);
  require_in_range("cache_write_share", r.cache_write_share, 0.0, 1.0);
  FABTOKEN_REQUIRE(r.cache_hit_rate + r.cache_write_share <= 1.0, "cache_write_share",
                   "cache_hit_rate + cache_write_share must be at most 1, got " << exact(r.cache_hit_rate) << " + "
                                                                              << exact(r.cache_write_share));
  Inputs inputs{{}, requests_per_task, tasks_per_month, options};
  auto& t = inputs.per_request;
  t[TokenClass::cache_read] = r.input_per_request * r.cache_hit_rate;
  const Tokens written = r.input_per_request * r.cache_write_share;
  t[r.cache_write_ttl == CacheTtl::one_hour ? TokenClass::cache_write_1h : TokenClass::cache_write_5m] = written;
  // By subtraction, so that 100k - 90k read - 5k written leaves exactly 5k; never below 0 by rounding.
  t[TokenClass::input] = std::max(Tokens{}, r.input_per_request - t[TokenClass::cache_read] - written);
  t[TokenClass::output] = r.input_per_request / r.input_output_ratio;
  return Workload(inputs);
}

Tokens Workload::input_per_request() const {
  Tokens total{};
  for (TokenClass c : all_token_classes)
    if (is_input(c)) total += inputs_.per_request[c];
  return total;
}

}  // namespace fabtoken
