#include "fabtoken/pricing/sku_mix.hpp"

#include "fabtoken/relations.hpp"

#include <cmath>

namespace fabtoken {

SkuMix::SkuMix(std::vector<Sku> skus) : skus_(std::move(skus)) {
  FABTOKEN_REQUIRE(!skus_.empty(), "skus", "a SKU mix needs at least one SKU");
  double total_share = 0.0;
  for (const Sku& sku : skus_) {
    FABTOKEN_REQUIRE(std::isfinite(sku.token_share) && sku.token_share >= 0.0, "token_share",
                     "SKU '" << sku.name << "': token_share must be >= 0, got " << exact(sku.token_share));
    total_share += sku.token_share;
    const Bill bill(sku.card, sku.workload);
    const UsdPerToken price = bill.blended_price();
    const UsdPerToken cost = serving_cost_per_request(bill, sku.cost) / bill.total_tokens();
    FABTOKEN_REQUIRE(price > UsdPerToken{}, "price card",
                     "SKU '" << sku.name << "': its bill is 0 USD, so its gross margin is undefined");
    per_sku_.push_back({price, cost, relations::gross_margin(price, cost)});
  }
  FABTOKEN_REQUIRE(std::fabs(total_share - 1.0) <= 1e-9, "token_share",
                   "the SKUs' token shares must add up to 1, got " << exact(total_share));
}

UsdPerToken SkuMix::average_selling_price() const {
  UsdPerToken total{};
  for (std::size_t i = 0; i < skus_.size(); ++i) total += skus_[i].token_share * per_sku_[i].price;
  return total;
}

UsdPerToken SkuMix::average_cost() const {
  UsdPerToken total{};
  for (std::size_t i = 0; i < skus_.size(); ++i) total += skus_[i].token_share * per_sku_[i].cost;
  return total;
}

Fraction SkuMix::gross_margin() const { return relations::gross_margin(average_selling_price(), average_cost()); }

}  // namespace fabtoken
