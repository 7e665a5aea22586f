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

struct AppInputs {
  TokensPerTime tokens_per_user;
  UsdPerTime revenue_per_user;  // ARPU
  bool operator==(const AppInputs&) const = default;
};

namespace relations {
// The app pays token_unit_cost for each of its users' tokens and keeps the rest of their ARPU.
constexpr AppEconomics app_economics(const AppInputs& app, UsdPerToken token_unit_cost) {
  const UsdPerTime cost = app.tokens_per_user * token_unit_cost;
  return {token_unit_cost, cost, app.revenue_per_user - cost, gross_margin(app.revenue_per_user, cost)};
}
}  // namespace relations

class App {
 public:
  using Inputs = AppInputs;
  static constexpr std::string_view type_name = "App";
  static constexpr std::array fields{
      field<&Inputs::tokens_per_user, tokens_per_month>("tokens_per_user_month", "Tokens per user per month", domains::non_negative),
      field<&Inputs::revenue_per_user, usd_per_month>("arpu_usd_per_month", "Average revenue per user", domains::positive),
  };

  explicit App(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  AppEconomics economics(UsdPerToken token_unit_cost) const { return relations::app_economics(inputs_, token_unit_cost); }
  bool operator==(const App&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
