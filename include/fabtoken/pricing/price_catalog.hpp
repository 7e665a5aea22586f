// Price catalogs: price cards loaded from files. Two formats, one behaviour: unknown fields are
// ignored; a malformed entry is reported with its model and field while the rest still load
// (lenient), or raises InvalidInput naming the file, model and field (strict). Files are only read.
//
// CSV, prices in USD per Mtok; only model, input_usd_per_mtok and output_usd_per_mtok are required:
//   model,provider,input_usd_per_mtok,output_usd_per_mtok,cache_read_usd_per_mtok,
//   cache_write_5m_usd_per_mtok,cache_write_1h_usd_per_mtok,long_context_threshold_tokens,
//   long_context_input_usd_per_mtok,long_context_output_usd_per_mtok,batch_discount,
//   priority_multiplier,effective_date,source
//
// LiteLLM's model_prices_and_context_window.json, prices in USD per token.
#pragma once

#include "fabtoken/pricing/price_card.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fabtoken {

enum class LoadMode { lenient, strict };

// A malformed entry that was left out.
struct CatalogIssue {
  std::string model;
  std::string field;
  std::string message;
};

class PriceCatalog {
 public:
  PriceCatalog(std::vector<PriceCard> cards, std::vector<CatalogIssue> issues, std::vector<std::string> skipped)
      : cards_(std::move(cards)), issues_(std::move(issues)), skipped_(std::move(skipped)) {}

  const std::vector<PriceCard>& cards() const { return cards_; }
  const std::vector<CatalogIssue>& issues() const { return issues_; }
  // Entries that are not priced per token (images, audio, ...), left out without complaint.
  const std::vector<std::string>& skipped() const { return skipped_; }
  // The card of `model`; InvalidInput naming the model when there is none.
  const PriceCard& find(std::string_view model) const;

 private:
  std::vector<PriceCard> cards_;
  std::vector<CatalogIssue> issues_;
  std::vector<std::string> skipped_;
};

PriceCatalog read_price_cards_csv(const std::filesystem::path& file, LoadMode mode = LoadMode::lenient);
PriceCatalog read_litellm_prices(const std::filesystem::path& file, LoadMode mode = LoadMode::lenient);

}  // namespace fabtoken
