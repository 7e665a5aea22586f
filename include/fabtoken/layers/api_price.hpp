// API price: the blended price per token a model provider charges, against its compute cost.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/relations.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

class ApiPrice {
 public:
  struct Inputs {
    UsdPerToken blended_price;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "ApiPrice";
  static constexpr std::array fields{
      field<&Inputs::blended_price, usd_per_mtok>("api_price_usd_per_mtok", "Inference API blended price", domains::positive),
  };

  explicit ApiPrice(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  UsdPerToken gross_profit(UsdPerToken compute_cost) const { return inputs_.blended_price - compute_cost; }
  Fraction gross_margin(UsdPerToken compute_cost) const {
    return relations::gross_margin(inputs_.blended_price, compute_cost);
  }
  bool operator==(const ApiPrice&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
