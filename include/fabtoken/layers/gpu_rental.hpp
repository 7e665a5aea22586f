// GPU-hour economics: what the cloud charges for a GPU-hour and how many hours it sells.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/relations.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

namespace relations {
// Revenue per GPU-hour the cloud owns: only the sold share of hours earns the rental price.
constexpr UsdPerGpuTime revenue_per_owned_gpu_time(UsdPerGpuTime rental_price, Fraction utilization) {
  return rental_price * utilization;
}
}  // namespace relations

class GpuRental {
 public:
  struct Inputs {
    UsdPerGpuTime rental_price;
    Fraction utilization = 1.0;  // share of hours sold
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "GpuRental";
  static constexpr std::array fields{
      field<&Inputs::rental_price, usd_per_gpu_hour>("rental_usd_per_gpu_hour", "Revenue (rental price)", domains::positive),
      field<&Inputs::utilization, fraction>("utilization", "Utilization (share of hours sold)", domains::open_unit_interval),
  };

  explicit GpuRental(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  UsdPerGpuTime revenue_per_owned_gpu_hour() const {
    return relations::revenue_per_owned_gpu_time(inputs_.rental_price, inputs_.utilization);
  }
  // Profit and margin of the cloud, given its total cost per GPU-hour owned.
  UsdPerGpuTime gross_profit(UsdPerGpuTime cost_per_owned_gpu_hour) const {
    return revenue_per_owned_gpu_hour() - cost_per_owned_gpu_hour;
  }
  Fraction gross_margin(UsdPerGpuTime cost_per_owned_gpu_hour) const {
    return relations::gross_margin(revenue_per_owned_gpu_hour(), cost_per_owned_gpu_hour);
  }
  bool operator==(const GpuRental&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
