#include "fabtoken/pricing/bill.hpp"

#include "fabtoken/errors.hpp"

#include <cmath>

namespace fabtoken {

Bill::Bill(const PriceCard& card, const Workload& workload)
    : tokens_(workload.inputs().per_request),
      long_context_(card.is_long_context(workload.input_per_request())),
      requests_per_task_(workload.inputs().requests_per_task),
      tasks_per_month_(workload.inputs().tasks_per_month) {
  const TokenPrices listed = card.prices(long_context_);
  const double multiplier = card.option_multiplier(workload.inputs().options);
  for (TokenClass c : all_token_classes) prices_[c] = listed[c] * multiplier;
  const double total = in(per_request(), usd);
  FABTOKEN_REQUIRE(std::isfinite(total), "tokens_per_request",
                   "the bill of one request overflows (" << exact(total) << " USD): check for extreme token counts");
}

Usd Bill::per_request() const {
  Usd total{};
  for (TokenClass c : all_token_classes) total += per_request(c);
  return total;
}

Tokens Bill::total_tokens() const {
  Tokens total{};
  for (TokenClass c : all_token_classes) total += tokens_[c];
  return total;
}

Fraction Bill::share(TokenClass c) const {
  const Usd whole = per_request();
  return whole > Usd{} ? Fraction(per_request(c) / whole) : 0.0;
}

std::optional<UsdPerToken> Bill::price_per_output_token() const {
  const Tokens output = tokens_[TokenClass::output];
  if (output <= Tokens{}) return std::nullopt;
  return per_request() / output;
}

}  // namespace fabtoken
