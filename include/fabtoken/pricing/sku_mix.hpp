// A SKU mix: token volume spread over models or tiers, each with its price card, workload and
// serving cost → the blended average selling price and margin of the whole.
#pragma once

#include "fabtoken/pricing/bill.hpp"
#include "fabtoken/pricing/serving_cost.hpp"

#include <string>
#include <vector>

namespace fabtoken {

struct Sku {
  std::string name;
  PriceCard card;
  Workload workload;
  ServingCost cost;
  Fraction token_share;  // share of all tokens sold
  bool operator==(const Sku&) const = default;
};

// One SKU's blended price and serving cost per token.
struct SkuEconomics {
  UsdPerToken price;
  UsdPerToken cost;
  Fraction gross_margin;
};

class SkuMix {
 public:
  explicit SkuMix(std::vector<Sku> skus);

  const std::vector<Sku>& skus() const { return skus_; }
  const std::vector<SkuEconomics>& per_sku() const { return per_sku_; }
  // Token-weighted averages over the SKUs.
  UsdPerToken average_selling_price() const;
  UsdPerToken average_cost() const;
  Fraction gross_margin() const;
  bool operator==(const SkuMix& other) const { return skus_ == other.skus_; }

 private:
  std::vector<Sku> skus_;
  std::vector<SkuEconomics> per_sku_;
};

}  // namespace fabtoken
