// A price card: what an API charges per token of each class, as customers are really billed.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/pricing/token_class.hpp"
#include "fabtoken/units.hpp"

#include <utility>
#include <optional>
#include <string>

namespace fabtoken {

// How a request is bought: through the batch API (discounted) and/or at priority (fast mode).
struct BillingOptions {
  bool batch = false;
  bool priority = false;
  bool operator==(const BillingOptions&) const = default;
};

class PriceCard {
 public:
  struct Inputs {
    std::string model{};
    std::string provider{};
    UsdPerToken input{};
    UsdPerToken output{};
    // Absent cache prices mean the model offers no such caching: those tokens bill as input.
    std::optional<UsdPerToken> cache_read{};
    std::optional<UsdPerToken> cache_write_5m{};
    std::optional<UsdPerToken> cache_write_1h{};
    // Long context: a request whose input (cached or not) exceeds the threshold bills all its
    // tokens at the long-context prices. Cache prices there scale with the input price.
    std::optional<Tokens> long_context_threshold{};
    std::optional<UsdPerToken> long_context_input{};
    std::optional<UsdPerToken> long_context_output{};
    Fraction batch_discount = 0.0;      // share taken off every price through the batch API
    Fraction priority_multiplier = 1.0; // every price times this at priority (fast mode)
    std::string effective_date{};
    std::string source{};
    bool operator==(const Inputs&) const = default;
  };

  explicit PriceCard(Inputs inputs);

  const Inputs& inputs() const& { return inputs_; }
  Inputs inputs() && { return std::move(inputs_); }  // hands the terms back without copying the text
  const std::string& model() const { return inputs_.model; }

  // Does a request with this much input (every input class) bill at long-context prices?
  bool is_long_context(Tokens input_per_request) const {
    return inputs_.long_context_threshold && input_per_request > *inputs_.long_context_threshold;
  }
  // The price of each token class, at standard or long-context prices, before billing options.
  TokenPrices prices(bool long_context) const;
  // What the billing options multiply every price by.
  double option_multiplier(BillingOptions options) const {
    return (options.batch ? 1.0 - inputs_.batch_discount : 1.0) *
           (options.priority ? inputs_.priority_multiplier : 1.0);
  }
  bool operator==(const PriceCard&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
