// A workload: the tokens of each class in one request, and how many requests make a task and a month.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/pricing/price_card.hpp"
#include "fabtoken/pricing/token_class.hpp"
#include "fabtoken/units.hpp"

namespace fabtoken {

enum class CacheTtl { five_minutes, one_hour };

class Workload {
 public:
  struct Inputs {
    TokenCounts per_request;
    double requests_per_task = 1.0;
    double tasks_per_month = 1.0;
    BillingOptions options;
    bool operator==(const Inputs&) const = default;
  };

  // A request described by ratios: all its input tokens, input tokens per output token, the share
  // of input read from the cache (hit rate) and the share written to it; the rest is uncached.
  struct Ratios {
    Tokens input_per_request;
    double input_output_ratio;
    Fraction cache_hit_rate = 0.0;
    Fraction cache_write_share = 0.0;
    CacheTtl cache_write_ttl = CacheTtl::five_minutes;
  };

  explicit Workload(const Inputs& inputs);
  static Workload from_ratios(const Ratios& ratios, double requests_per_task = 1.0, double tasks_per_month = 1.0,
                              BillingOptions options = {});

  const Inputs& inputs() const { return inputs_; }
  Tokens tokens_per_request(TokenClass c) const { return inputs_.per_request[c]; }
  // Every input class: uncached, cache reads and cache writes.
  Tokens input_per_request() const;
  Tokens total_per_request() const { return input_per_request() + inputs_.per_request[TokenClass::output]; }
  bool operator==(const Workload&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
