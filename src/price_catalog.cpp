#include "fabtoken/pricing/price_catalog.hpp"

#include "fabtoken/csv.hpp"
#include "price_catalog_entry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace fabtoken {

const PriceCard& PriceCatalog::find(std::string_view model) const {
  const auto it = std::find_if(cards_.begin(), cards_.end(), [&](const PriceCard& c) { return c.model() == model; });
  if (it == cards_.end()) {
    std::string known;
    for (const auto& c : cards_) append_item(known, c.model());
    throw InvalidInput("model", "no price card for model '" + std::string(model) + "'; the catalog has: " +
                                    (known.empty() ? "no cards" : known));
  }
  return *it;
}

namespace {

using catalog_detail::EntryError;

constexpr std::array<std::string_view, 3> required_columns{"model", "input_usd_per_mtok", "output_usd_per_mtok"};
constexpr std::string_view layout =
    "model,provider,input_usd_per_mtok,output_usd_per_mtok[,cache_read_usd_per_mtok,cache_write_5m_usd_per_mtok,"
    "cache_write_1h_usd_per_mtok,long_context_threshold_tokens,long_context_input_usd_per_mtok,"
    "long_context_output_usd_per_mtok,batch_discount,priority_multiplier,effective_date,source]";

// One CSV row's optional number; an empty cell is absent.
std::optional<double> number_in(const CsvFile& file, const CsvRecord& row, std::string_view column) {
  const std::string text = file.cell(row, column);
  if (text.empty()) return std::nullopt;
  const std::optional<double> value = parse_number(text);
  if (!value) throw EntryError{std::string(column), std::string(column) + " must be a number, got '" + text + "'"};
  if (!std::isfinite(*value) || *value < 0.0)
    throw EntryError{std::string(column), std::string(column) + " must be a finite number >= 0, got " + text};
  return value;
}

std::optional<UsdPerToken> price_in(const CsvFile& file, const CsvRecord& row, std::string_view column) {
  const auto value = number_in(file, row, column);
  return value ? std::optional(usd_per_mtok(*value)) : std::nullopt;
}

UsdPerToken required_price_in(const CsvFile& file, const CsvRecord& row, std::string_view column) {
  const auto price = price_in(file, row, column);
  if (!price) throw EntryError{std::string(column), std::string(column) + " is missing"};
  return *price;
}

}  // namespace

PriceCatalog read_price_cards_csv(const std::filesystem::path& path, LoadMode mode) {
  CsvFile file(path);
  file.require_columns(required_columns, layout);
  std::vector<PriceCard> cards;
  std::vector<CatalogIssue> issues;
  while (const std::optional<CsvRecord> row = file.next()) {
    const std::string model = file.cell(*row, "model");
    catalog_detail::load_entry(path.string() + ":" + std::to_string(row->line), model, mode, cards, issues, [&] {
      PriceCard::Inputs in{.model = model,
                           .provider = file.cell(*row, "provider"),
                           .input = required_price_in(file, *row, "input_usd_per_mtok"),
                           .output = required_price_in(file, *row, "output_usd_per_mtok"),
                           .cache_read = price_in(file, *row, "cache_read_usd_per_mtok"),
                           .cache_write_5m = price_in(file, *row, "cache_write_5m_usd_per_mtok"),
                           .cache_write_1h = price_in(file, *row, "cache_write_1h_usd_per_mtok"),
                           .long_context_threshold = {},
                           .long_context_input = price_in(file, *row, "long_context_input_usd_per_mtok"),
                           .long_context_output = price_in(file, *row, "long_context_output_usd_per_mtok"),
                           .effective_date = file.cell(*row, "effective_date"),
                           .source = file.cell(*row, "source")};
      if (const auto threshold = number_in(file, *row, "long_context_threshold_tokens"))
        in.long_context_threshold = tokens(*threshold);
      in.batch_discount = number_in(file, *row, "batch_discount").value_or(0.0);
      in.priority_multiplier = number_in(file, *row, "priority_multiplier").value_or(1.0);
      return PriceCard(std::move(in));
    });
  }
  return PriceCatalog(std::move(cards), std::move(issues), {});
}

}  // namespace fabtoken
