// Shared by the price catalog loaders: a malformed field, and the lenient or strict handling of it.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/pricing/price_catalog.hpp"

#include <functional>
#include <string>

namespace fabtoken::catalog_detail {

struct EntryError {
  std::string field;
  std::string message;
};

// Runs `build` for one entry; a malformed field (EntryError, or InvalidInput from PriceCard) is
// recorded in `issues` or, in strict mode, raised naming the file, model and field.
inline void load_entry(const std::string& file, const std::string& model, LoadMode mode,
                       std::vector<PriceCard>& cards, std::vector<CatalogIssue>& issues,
                       const std::function<PriceCard()>& build) {
  try {
    for (const auto& card : cards)
      if (card.model() == model) throw EntryError{"model", "model '" + model + "' is given again"};
    cards.push_back(build());
  } catch (const EntryError& e) {
    if (mode == LoadMode::strict) throw InvalidInput(e.field, file + ": model '" + model + "': " + e.message);
    issues.push_back({model, e.field, e.message});
  } catch (const InvalidInput& e) {
    if (mode == LoadMode::strict) throw InvalidInput(e.parameter(), file + ": " + e.what());
    issues.push_back({model, e.parameter(), e.what()});
  }
}

}  // namespace fabtoken::catalog_detail
