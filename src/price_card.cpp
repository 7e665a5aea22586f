#include "fabtoken/pricing/price_card.hpp"

namespace fabtoken {

namespace {
void require_price(const std::string& model, std::string_view field, const std::optional<UsdPerToken>& price) {
  if (!price) return;
  const double shown = in(*price, usd_per_mtok);
  FABTOKEN_REQUIRE(std::isfinite(shown) && shown >= 0.0, field,
                   "price card '" << model << "': " << field << " must be a finite number >= 0, got " << exact(shown)
                                  << " USD/Mtok");
}
}  // namespace

PriceCard::PriceCard(Inputs inputs) : inputs_(std::move(inputs)) {
  const auto& in_ = inputs_;
  FABTOKEN_REQUIRE(!in_.model.empty(), "model", "a price card needs a model name");
  require_price(in_.model, "input_usd_per_mtok", in_.input);
  require_price(in_.model, "output_usd_per_mtok", in_.output);
  require_price(in_.model, "cache_read_usd_per_mtok", in_.cache_read);
  require_price(in_.model, "cache_write_5m_usd_per_mtok", in_.cache_write_5m);
  require_price(in_.model, "cache_write_1h_usd_per_mtok", in_.cache_write_1h);
  require_price(in_.model, "long_context_input_usd_per_mtok", in_.long_context_input);
  require_price(in_.model, "long_context_output_usd_per_mtok", in_.long_context_output);
  const int long_parts = int(in_.long_context_threshold.has_value()) + int(in_.long_context_input.has_value()) +
                         int(in_.long_context_output.has_value());
  FABTOKEN_REQUIRE(long_parts == 0 || long_parts == 3, "long_context_threshold_tokens",
                   "price card '" << in_.model
                                  << "': a long-context tier needs its threshold, input price and output price together");
  if (in_.long_context_threshold) {
    const double threshold = in(*in_.long_context_threshold, tokens);
    FABTOKEN_REQUIRE(std::isfinite(threshold) && threshold > 0.0, "long_context_threshold_tokens",
                     "price card '" << in_.model << "': long_context_threshold_tokens must be a positive number, got "
                                    << exact(threshold));
  }
  FABTOKEN_REQUIRE(std::isfinite(in_.batch_discount) && in_.batch_discount >= 0.0 && in_.batch_discount < 1.0,
                   "batch_discount",
                   "price card '" << in_.model << "': batch_discount must be in [0, 1), got " << exact(in_.batch_discount));
  if (in_.long_context_threshold) {
    // Long-context cache prices scale with the input price: that ratio must be a number.
    for (const UsdPerToken& price : prices(true).values)
      FABTOKEN_REQUIRE(std::isfinite(in(price, usd_per_mtok)), "long_context_input_usd_per_mtok",
                       "price card '" << in_.model << "': long-context cache prices keep their ratio to the input price "
                                      << exact(in(in_.input, usd_per_mtok)) << ", which overflows");
  }
  FABTOKEN_REQUIRE(std::isfinite(in_.priority_multiplier) && in_.priority_multiplier >= 1.0, "priority_multiplier",
                   "price card '" << in_.model << "': priority_multiplier must be a finite number >= 1, got "
                                  << exact(in_.priority_multiplier));
}

TokenPrices PriceCard::prices(bool long_context) const {
  const auto& in_ = inputs_;
  const bool long_tier = long_context && in_.long_context_threshold;
  const UsdPerToken input = long_tier ? *in_.long_context_input : in_.input;
  // Cache prices keep their ratio to the input price in the long-context tier (a price of 0 stays 0).
  const auto cache = [&](const std::optional<UsdPerToken>& price) {
    if (!price) return input;
    if (!long_tier || in_.input <= UsdPerToken{}) return *price;
    return input * Fraction(*price / in_.input);
  };
  TokenPrices p;
  p[TokenClass::input] = input;
  p[TokenClass::cache_read] = cache(in_.cache_read);
  p[TokenClass::cache_write_5m] = cache(in_.cache_write_5m);
  p[TokenClass::cache_write_1h] = cache(in_.cache_write_1h);
  p[TokenClass::output] = long_tier ? *in_.long_context_output : in_.output;
  return p;
}

}  // namespace fabtoken
