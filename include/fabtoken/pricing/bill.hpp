// The bill for a workload on a price card: per request, task and month, by token class.
#pragma once

#include "fabtoken/pricing/price_card.hpp"
#include "fabtoken/pricing/token_class.hpp"
#include "fabtoken/pricing/workload.hpp"
#include "fabtoken/units.hpp"

#include <optional>

namespace fabtoken {

class Bill {
 public:
  Bill(const PriceCard& card, const Workload& workload);

  bool long_context() const { return long_context_; }
  // The price each class was billed at, billing options included.
  UsdPerToken price(TokenClass c) const { return prices_[c]; }
  Tokens tokens_per_request(TokenClass c) const { return tokens_[c]; }
  Usd per_request(TokenClass c) const { return tokens_[c] * prices_[c]; }
  Usd per_request() const;
  Usd per_task() const { return per_request() * requests_per_task_; }
  Usd per_month() const { return per_task() * tasks_per_month_; }
  // This class's share of the bill; 0 for every class when the bill is 0.
  Fraction share(TokenClass c) const;
  // Blended price: the whole bill over every token billed.
  UsdPerToken blended_price() const { return per_request() / total_tokens(); }
  // The whole bill over the output tokens alone; absent when a request has no output.
  std::optional<UsdPerToken> price_per_output_token() const;
  Tokens total_tokens() const;

 private:
  TokenCounts tokens_;
  TokenPrices prices_;
  bool long_context_;
  double requests_per_task_;
  double tasks_per_month_;
};

}  // namespace fabtoken
