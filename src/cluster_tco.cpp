#include "fabtoken/cluster/cluster_tco.hpp"

#include "fabtoken/domain.hpp"

#include <cmath>

namespace fabtoken {

ClusterTco::ClusterTco(const Inputs& i) : inputs_(i) {
  require_positive("gpus", i.gpus_count, gpus);
  require_positive("usd_per_gpu_hour", i.gpu_price, usd_per_gpu_hour);
  require_positive("hours_per_month", i.billing_month, hours);
  require_positive("contract_months", i.contract_months, ratio);
  require_non_negative("hot_storage_tib", i.hot_storage, tib);
  require_non_negative("hot_storage_usd_per_gib_month", i.hot_storage_price, usd_per_gib);
  require_non_negative("cold_storage_pib", i.cold_storage, pib);
  require_non_negative("cold_storage_usd_per_gib_month", i.cold_storage_price, usd_per_gib);
  require_non_negative("network_usd_per_month", i.network, usd);
  require_non_negative("cpu_vms_usd_per_month", i.cpu_vms, usd);
  require_in_range("support_uplift", i.support_uplift, 0.0, 10.0);
  require_in_range("goodput_loss", i.goodput_loss, 0.0, 1.0);
  require_non_negative("setup_usd", i.setup, usd);
  require_non_negative("debugging_usd_per_month", i.debugging, usd);
}

std::vector<CostLine> ClusterTco::lines() const {
  const auto& in = inputs_;
  const Usd gpu_bill = in.gpus_count * in.gpu_price * in.billing_month;
  const Usd hot = in.hot_storage * in.hot_storage_price;
  const Usd cold = in.cold_storage * in.cold_storage_price;
  const Usd support = (gpu_bill + hot + cold + in.network + in.cpu_vms) * in.support_uplift;
  return {{"GPUs", gpu_bill},
          {"Hot storage", hot},
          {"Cold storage", cold},
          {"Network", in.network},
          {"CPU VMs", in.cpu_vms},
          {"Support", support},
          {"Goodput loss", gpu_bill * in.goodput_loss},
          {"Setup, amortized", in.setup / in.contract_months},
          {"Debugging", in.debugging}};
}

Usd ClusterTco::monthly() const {
  Usd total{};
  for (const CostLine& line : lines()) total += line.per_month;
  return total;
}

}  // namespace fabtoken
