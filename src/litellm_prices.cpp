// LiteLLM's model_prices_and_context_window.json: model name -> entry, prices in USD per token.
#include "fabtoken/pricing/price_catalog.hpp"

#include "price_catalog_entry.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>

namespace fabtoken {

namespace {

using catalog_detail::EntryError;
using json = nlohmann::ordered_json;  // entries in file order

std::optional<double> number_in(const json& entry, const std::string& field) {
  const auto it = entry.find(field);
  if (it == entry.end() || it->is_null()) return std::nullopt;
  if (!it->is_number() || it->is_boolean())
    throw EntryError{field, field + " must be a number, got " + it->dump()};
  const double value = it->get<double>();
  if (!std::isfinite(value) || value < 0.0)
    throw EntryError{field, field + " must be a finite number >= 0, got " + it->dump()};
  return value;
}

std::optional<UsdPerToken> price_in(const json& entry, const std::string& field) {
  const auto value = number_in(entry, field);
  return value ? std::optional(usd_per_token(*value)) : std::nullopt;
}

// input_cost_per_token_above_200k_tokens and its output twin: the long-context tier, by threshold.
struct LongTier {
  std::optional<UsdPerToken> input, output;
};

// "input_cost_per_token_above_200k_tokens" -> (true, 200000); nullopt for any other key.
std::optional<std::pair<bool, double>> long_tier_key(std::string_view key) {
  constexpr std::string_view input = "input_cost_per_token_above_", output = "output_cost_per_token_above_", suffix = "k_tokens";
  const bool is_input = key.starts_with(input);
  if ((!is_input && !key.starts_with(output)) || !key.ends_with(suffix)) return std::nullopt;
  const std::string_view digits = key.substr((is_input ? input : output).size(),
                                             key.size() - (is_input ? input : output).size() - suffix.size());
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  double thousands = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), thousands);
  if (error != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(thousands * 1000.0))
    throw EntryError{std::string(key), std::string(key) + ": the threshold is not a usable number of tokens"};
  return std::pair{is_input, thousands * 1000.0};
}

std::map<double, LongTier> long_tiers(const json& entry) {
  std::map<double, LongTier> tiers;
  for (const auto& [key, value] : entry.items())
    if (const auto tier = long_tier_key(key)) {
      LongTier& t = tiers[tier->second];
      (tier->first ? t.input : t.output) = price_in(entry, key);
    }
  return tiers;
}

PriceCard card_from(const std::string& model, const json& entry, const std::string& source) {
  if (!entry.is_object()) throw EntryError{"(entry)", "the entry must be a JSON object, got " + entry.dump()};
  PriceCard::Inputs in;
  in.model = model;
  if (const auto provider = entry.find("litellm_provider"); provider != entry.end() && provider->is_string())
    in.provider = provider->get<std::string>();
  const auto input = price_in(entry, "input_cost_per_token");
  const auto output = price_in(entry, "output_cost_per_token");
  if (!input) throw EntryError{"input_cost_per_token", "input_cost_per_token is missing"};
  if (!output) throw EntryError{"output_cost_per_token", "output_cost_per_token is missing"};
  in.input = *input;
  in.output = *output;
  in.cache_read = price_in(entry, "cache_read_input_token_cost");
  in.cache_write_5m = price_in(entry, "cache_creation_input_token_cost");
  in.cache_write_1h = price_in(entry, "cache_creation_input_token_cost_above_1hr");
  // The lowest threshold with both prices is the tier a request reaches first; a threshold with
  // only one of them is passed over, and is an error only when no tier is complete.
  const auto tiers = long_tiers(entry);
  bool complete_tier = false;
  for (const auto& [threshold, tier] : tiers) {
    if (!tier.input || !tier.output) continue;
    complete_tier = true;
    in.long_context_threshold = tokens(threshold);
    in.long_context_input = tier.input;
    in.long_context_output = tier.output;
    break;
  }
  if (!tiers.empty() && !complete_tier) {
    const double threshold = tiers.begin()->first;
    throw EntryError{"input_cost_per_token_above_" + exact(threshold / 1000) + "k_tokens",
                     "a long-context tier needs both its input and its output price"};
  }
  // LiteLLM states batch prices; the card keeps the discount they imply on input.
  if (const auto batch_input = price_in(entry, "input_cost_per_token_batches"); batch_input && *input > UsdPerToken{}) {
    if (*batch_input > *input)
      throw EntryError{"input_cost_per_token_batches",
                       "input_cost_per_token_batches must not exceed input_cost_per_token (a batch discount)"};
    in.batch_discount = 1.0 - *batch_input / *input;
  }
  in.source = source;
  return PriceCard(std::move(in));
}

bool priced_per_token(const json& entry) {
  return !entry.is_object() || entry.contains("input_cost_per_token") || entry.contains("output_cost_per_token");
}

}  // namespace

PriceCatalog read_litellm_prices(const std::filesystem::path& path, LoadMode mode) {
  if (!std::filesystem::exists(path)) throw FileNotFound(path.string());
  std::ifstream stream(path, std::ios::in | std::ios::binary);
  if (!stream) throw InvalidInput("file", path.string() + ": cannot open the file for reading");
  const json document = json::parse(stream, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    throw InvalidInput("file", path.string() + ": not a JSON object of model entries (malformed JSON?)");

  const std::string source = "LiteLLM " + path.filename().string();
  std::vector<PriceCard> cards;
  std::vector<CatalogIssue> issues;
  std::vector<std::string> skipped;
  for (const auto& [model, entry] : document.items()) {
    if (model == "sample_spec") continue;  // LiteLLM's documentation of the format, not a model
    if (!priced_per_token(entry)) {
      skipped.push_back(model);
      continue;
    }
    catalog_detail::load_entry(path.string(), model, mode, cards, issues,
                               [&] { return card_from(model, entry, source); });
  }
  return PriceCatalog(std::move(cards), std::move(issues), std::move(skipped));
}

}  // namespace fabtoken
