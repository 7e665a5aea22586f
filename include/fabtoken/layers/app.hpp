// Application: a subscription app that buys tokens for its users.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/relations.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

// An app's economics at one token unit cost: the API price for a third-party (3P) app, the compute
// cost for the lab's own first-party (1P) app.
struct AppEconomics {
  UsdPerToken token_unit_cost;
  UsdPerTime token_cost_per_user;
  UsdPerTime gross_profit_per_user;
  Fraction gross_margin;
};

class App {
 public:
  struct Inputs {
    TokensPerTime tokens_per_user;
    UsdPerTime revenue_per_user;  // ARPU
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "App";
  static constexpr std::array fields{
      field<&Inputs::tokens_per_user, tokens_per_month>("tokens_per_user_month", "Tokens per user per month"),
      field<&Inputs::revenue_per_user, usd_per_month>("arpu_usd_per_month", "Average revenue per user"),
  };

  explicit App(const Inputs& inputs) : inputs_(inputs) {
    require_non_negative("tokens_per_user_month", inputs.tokens_per_user, tokens_per_month);
    require_positive("arpu_usd_per_month", inputs.revenue_per_user, usd_per_month);
  }

  const Inputs& inputs() const { return inputs_; }
  AppEconomics economics(UsdPerToken token_unit_cost) const {
    const UsdPerTime cost = inputs_.tokens_per_user * token_unit_cost;
    return {token_unit_cost, cost, inputs_.revenue_per_user - cost,
            relations::gross_margin(inputs_.revenue_per_user, cost)};
  }
  bool operator==(const App&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
