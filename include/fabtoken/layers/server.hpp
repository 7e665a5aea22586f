// Server capital: what one server costs and how many GPUs it holds.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <cmath>

namespace fabtoken {

namespace relations {
constexpr UsdPerGpu capex_per_gpu(Usd price_per_server, Gpus gpus_per_server) {
  return price_per_server / gpus_per_server;
}
}  // namespace relations

class Server {
 public:
  struct Inputs {
    Usd price_per_server;
    Gpus gpus_per_server;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "Server";
  static constexpr std::array fields{
      field<&Inputs::price_per_server, usd>("usd_per_server", "Total server capital cost", domains::positive),
      field<&Inputs::gpus_per_server, gpus>("gpus_per_server", "GPUs per server", domains::whole_positive),
  };

  explicit Server(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  UsdPerGpu capex_per_gpu() const {
    return relations::capex_per_gpu(inputs_.price_per_server, inputs_.gpus_per_server);
  }
  bool operator==(const Server&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
