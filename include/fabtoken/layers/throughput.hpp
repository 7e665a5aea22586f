// Throughput: effective tokens per second per GPU, and what a token costs at a GPU-hour price.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>

namespace fabtoken {

namespace relations {
// Cost per token = price per GPU-time / tokens per GPU-time.
constexpr UsdPerToken cost_per_token(UsdPerGpuTime price, TokensPerGpuTime throughput) {
  return price / throughput;
}
}  // namespace relations

class Throughput {
 public:
  struct Inputs {
    TokensPerGpuTime tokens_per_second;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "Throughput";
  static constexpr std::array fields{
      field<&Inputs::tokens_per_second, tokens_per_s_per_gpu>("tokens_per_s_per_gpu",
                                                              "Effective inference throughput", domains::positive),
  };

  explicit Throughput(const Inputs& inputs) : inputs_(inputs) { check_domains(inputs, fields); }

  const Inputs& inputs() const { return inputs_; }
  TokensPerGpu tokens_per_gpu_hour() const { return inputs_.tokens_per_second * hours(1.0); }
  // What a token costs whoever pays `price` for each GPU-hour.
  UsdPerToken cost_per_token(UsdPerGpuTime price) const {
    return relations::cost_per_token(price, inputs_.tokens_per_second);
  }
  bool operator==(const Throughput&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
