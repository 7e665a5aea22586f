#include "fabtoken/cluster/goodput.hpp"

#include "fabtoken/domain.hpp"

namespace fabtoken {

Goodput::Goodput(const Inputs& i) : inputs_(i) {
  require_positive("cluster_gpus", i.cluster_size, gpus);
  require_positive("job_gpus", i.job_size, gpus);
  require_non_negative("blast_radius_gpus", i.blast_radius, gpus);
  require_non_negative("idle_spare_gpus", i.idle_spares, gpus);
  FABTOKEN_REQUIRE(i.job_size + i.idle_spares <= i.cluster_size, "job_gpus",
                   "job_gpus + idle_spare_gpus must fit in the cluster: " << exact(in(i.job_size, gpus)) << " + "
                       << exact(in(i.idle_spares, gpus)) << " > " << exact(in(i.cluster_size, gpus)));
  require_positive("gpu_mtbf_hours", i.gpu_mtbf, hours);
  require_non_negative("checkpoint_interval_minutes", i.checkpoint_interval, minutes);
  require_non_negative("failover_minutes", i.failover_time, minutes);
  require_non_negative("identify_minutes", i.identify_time, minutes);
  require_non_negative("repair_hours", i.repair_time, hours);
  require_non_negative("init_minutes", i.init_time, minutes);
  require_in_range("network_overhead", i.network_overhead, 0.0, 1.0);
  require_in_range("memory_overhead", i.memory_overhead, 0.0, 1.0);
  require_positive("hours_per_month", i.period, hours);
  FABTOKEN_REQUIRE(total_loss() <= 1.0, "gpu_mtbf_hours",
                   "the cluster would lose more than all of its time: a total loss of " << exact(total_loss())
                       << " from gpu_mtbf_hours, the recovery times, idle_spare_gpus, network_overhead and memory_overhead");
}

Duration Goodput::job_stall() const {
  const auto& in = inputs_;
  switch (in.recovery) {
    case Recovery::fault_tolerant: return in.identify_time + in.failover_time;
    case Recovery::hot_spare_restart: return in.init_time + in.checkpoint_interval / 2.0;
    case Recovery::cold_spare_restart:
      return in.identify_time + in.repair_time + in.init_time + in.checkpoint_interval / 2.0;
  }
  return {};
}

GpuTime Goodput::lost_per_interruption() const {
  const GpuTime stalled = inputs_.job_size * job_stall();
  if (inputs_.recovery == Recovery::cold_spare_restart) return stalled;
  return stalled + inputs_.blast_radius * inputs_.repair_time;
}

}  // namespace fabtoken
