// Colocation and power: the datacenter's charge for housing and powering one GPU.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

namespace relations {
// Colocation is billed on the contracted IT power, whether drawn or not.
constexpr UsdPerGpuTime colocation_cost(ColocationRate rate, PowerPerGpu it_power) {
  return rate.value * it_power;
}
// Electricity is billed on the power drawn: IT power x average load x PUE (cooling and losses).
constexpr UsdPerGpuTime electricity_cost(ElectricityPrice price, PowerPerGpu it_power,
                                         Fraction load_factor, Fraction pue) {
  return price.value * it_power * load_factor * pue;
}
}  // namespace relations

class Colocation {
 public:
  struct Inputs {
    PowerPerGpu it_power;  // all-in IT power per GPU (the GPU's share of the server and network)
    Fraction pue = 1.0;
    Fraction load_factor = 1.0;  // average draw as a share of it_power
    ColocationRate colocation;
    ElectricityPrice electricity;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "Colocation";
  static constexpr std::array fields{
      field<&Inputs::it_power, kw_per_gpu>("kw_per_gpu", "Power per GPU, all-in", domains::positive),
      field<&Inputs::pue, ratio>("pue", "Power usage effectiveness", domains::at_least(1.0)),
      field<&Inputs::load_factor, fraction>("load_factor", "Average load factor", domains::open_unit_interval),
      field<&Inputs::colocation, usd_per_kw_month>("colocation_usd_per_kw_month", "Colocation cost", domains::non_negative),
      field<&Inputs::electricity, usd_per_kwh>("electricity_usd_per_kwh", "Electricity cost", domains::non_negative),
  };

  explicit Colocation(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  UsdPerGpuTime colocation_cost() const {
    return relations::colocation_cost(inputs_.colocation, inputs_.it_power);
  }
  UsdPerGpuTime electricity_cost() const {
    return relations::electricity_cost(inputs_.electricity, inputs_.it_power, inputs_.load_factor,
                                       inputs_.pue);
  }
  UsdPerGpuTime operating_cost() const { return colocation_cost() + electricity_cost(); }
  bool operator==(const Colocation&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
