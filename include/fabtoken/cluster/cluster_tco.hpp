// Cluster TCO: a GPU cluster's monthly bill and contract total (figures.md section 6).
//
// Amounts are per billing month of `hours_per_month` hours (figures.md s6 bills 720 h): GPUs at a
// price per GPU-hour for those hours; storage priced per GiB for the month; network, CPU VMs and
// debugging as monthly sums; support as a share of GPUs, storage, network and CPU VMs; the goodput
// loss as the lost share of the GPU bill; one-time setup spread over the contract's months.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace fabtoken {

struct CostLine {
  std::string_view item;
  Usd per_month;
};

class ClusterTco {
 public:
  struct Inputs {
    Gpus gpus_count{};
    UsdPerGpuTime gpu_price{};
    Duration billing_month{};
    double contract_months = 0.0;
    Bytes hot_storage{};
    UsdPerByte hot_storage_price{};
    Bytes cold_storage{};
    UsdPerByte cold_storage_price{};
    Usd network{};
    Usd cpu_vms{};
    Fraction support_uplift = 0.0;
    Fraction goodput_loss = 0.0;
    Usd setup{};
    Usd debugging{};
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "ClusterTco";
  static constexpr std::array fields{
      field<&Inputs::gpus_count, gpus>("gpus", "GPUs"),
      field<&Inputs::gpu_price, usd_per_gpu_hour>("usd_per_gpu_hour", "GPU price"),
      field<&Inputs::billing_month, hours>("hours_per_month", "Hours billed per month"),
      field<&Inputs::contract_months, ratio>("contract_months", "Contract length in months"),
      field<&Inputs::hot_storage, tib>("hot_storage_tib", "Hot storage"),
      field<&Inputs::hot_storage_price, usd_per_gib>("hot_storage_usd_per_gib_month", "Hot storage price"),
      field<&Inputs::cold_storage, pib>("cold_storage_pib", "Cold storage"),
      field<&Inputs::cold_storage_price, usd_per_gib>("cold_storage_usd_per_gib_month", "Cold storage price"),
      field<&Inputs::network, usd>("network_usd_per_month", "Network"),
      field<&Inputs::cpu_vms, usd>("cpu_vms_usd_per_month", "CPU VMs"),
      field<&Inputs::support_uplift, fraction>("support_uplift", "Support uplift"),
      field<&Inputs::goodput_loss, fraction>("goodput_loss", "Goodput loss"),
      field<&Inputs::setup, usd>("setup_usd", "Setup, one-time"),
      field<&Inputs::debugging, usd>("debugging_usd_per_month", "Debugging per month"),
  };

  explicit ClusterTco(const Inputs& inputs);

  const Inputs& inputs() const { return inputs_; }
  std::vector<CostLine> lines() const;  // per month, setup amortized over the contract
  Usd monthly() const;
  Usd contract_total() const { return monthly() * inputs_.contract_months; }
  bool operator==(const ClusterTco&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
