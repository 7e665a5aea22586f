// Depreciation and financing: capex per GPU turned into a capital charge per GPU-hour.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <cmath>

namespace fabtoken {

namespace relations {
// The share of capex charged per unit time: the level annual payment that repays capex over
// `useful_life` at `annual_rate`, leaving `residual_value` (a share of capex) at the end, spread
// evenly over every hour of the year:
//   payment / capex = (1 - residual) r / (1 - (1 + r)^-n)  +  residual r,   n = life in years,
// an annuity on the depreciable part plus interest on the residual. With r = 0 it is straight
// line, (1 - residual) / n. 1 - (1 + r)^-n is computed as -expm1(-n log1p(r)), which stays exact as
// r shrinks towards 0 instead of cancelling to 0.
inline PerTime capital_recovery_rate(Duration useful_life, Fraction residual_value, Fraction annual_rate) {
  const double n = useful_life / years(1.0);
  const Duration one_year = years(1.0);
  const double depreciable = 1.0 - residual_value;
  if (annual_rate == 0.0) return depreciable / (n * one_year);
  const double discounted_share = -std::expm1(-n * std::log1p(annual_rate));  // 1 - (1 + r)^-n
  const double annuity_factor = annual_rate / discounted_share;
  return (depreciable * annuity_factor + residual_value * annual_rate) / one_year;
}
inline UsdPerGpuTime capital_charge(UsdPerGpu capex, PerTime recovery_rate) { return capex * recovery_rate; }
}  // namespace relations

class Depreciation {
 public:
  struct Inputs {
    Duration useful_life;
    Fraction residual_value = 0.0;   // share of capex left at the end of the useful life
    Fraction cost_of_capital = 0.0;  // annual rate; 0 gives straight line
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "Depreciation";
  static constexpr std::array fields{
      field<&Inputs::useful_life, years>("useful_life_years", "Useful life", domains::positive),
      field<&Inputs::residual_value, fraction>("residual_value_fraction", "Residual value", domains::unit_interval),
      field<&Inputs::cost_of_capital, fraction>("cost_of_capital_per_year", "Cost of capital", domains::unit_interval),
  };

  explicit Depreciation(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  PerTime capital_recovery_rate() const {
    return relations::capital_recovery_rate(inputs_.useful_life, inputs_.residual_value, inputs_.cost_of_capital);
  }
  UsdPerGpuTime capital_charge(UsdPerGpu capex_per_gpu) const {
    return relations::capital_charge(capex_per_gpu, capital_recovery_rate());
  }
  bool operator==(const Depreciation&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
