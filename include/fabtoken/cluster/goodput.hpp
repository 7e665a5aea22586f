// Cluster goodput: the share of a cluster's GPU time lost to failures, idle spares and overheads
// (figures.md section 6).
//
//   cluster MTBF = GPU MTBF / GPUs;  interruptions = period / cluster MTBF
//   GPU-hours lost per interruption = job GPUs x job stall + blast radius x repair time, where the stall is
//     fault tolerant (the job continues on a spare):  identify + failover
//     checkpoint restart onto a hot spare:             init + checkpoint interval / 2
//     checkpoint restart waiting for repair (cold):    identify + repair + init + checkpoint interval / 2,
//                                                      with no separate blast term (the failed GPUs are
//                                                      the job's own, stalled with it)
//   downtime loss = lost per interruption / GPU MTBF;  idle spare cost = spares / GPUs
//   total loss = downtime + idle spares + network and memory overheads
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <string_view>

namespace fabtoken {

enum class Recovery { fault_tolerant, hot_spare_restart, cold_spare_restart };

class Goodput {
 public:
  struct Inputs {
    Gpus cluster_size{};
    Gpus job_size{};
    Gpus blast_radius{};   // GPUs taken down by one failure
    Gpus idle_spares{};
    Duration gpu_mtbf{};   // GPU-hours between failures of one GPU
    Duration checkpoint_interval{};
    Duration failover_time{};
    Duration identify_time{};
    Duration repair_time{};
    Duration init_time{};
    Fraction network_overhead = 0.0;
    Fraction memory_overhead = 0.0;
    Duration period{};     // the month the interruptions are counted over (720 h in figures.md s6)
    Recovery recovery = Recovery::fault_tolerant;
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "Goodput";
  static constexpr std::array fields{
      field<&Inputs::cluster_size, gpus>("cluster_gpus", "GPUs in the cluster"),
      field<&Inputs::job_size, gpus>("job_gpus", "GPUs in the average job"),
      field<&Inputs::blast_radius, gpus>("blast_radius_gpus", "GPUs one failure takes down"),
      field<&Inputs::idle_spares, gpus>("idle_spare_gpus", "Idle spare GPUs"),
      field<&Inputs::gpu_mtbf, hours>("gpu_mtbf_hours", "GPU MTBF"),
      field<&Inputs::checkpoint_interval, minutes>("checkpoint_interval_minutes", "Checkpoint interval"),
      field<&Inputs::failover_time, minutes>("failover_minutes", "Failover time"),
      field<&Inputs::identify_time, minutes>("identify_minutes", "Time to identify a failure"),
      field<&Inputs::repair_time, hours>("repair_hours", "Time to repair a node"),
      field<&Inputs::init_time, minutes>("init_minutes", "Time to initialize the job"),
      field<&Inputs::network_overhead, fraction>("network_overhead", "Network overhead"),
      field<&Inputs::memory_overhead, fraction>("memory_overhead", "Memory overhead"),
      field<&Inputs::period, hours>("hours_per_month", "Hours per month"),
  };

  explicit Goodput(const Inputs& inputs);

  const Inputs& inputs() const { return inputs_; }
  Duration cluster_mtbf() const { return inputs_.gpu_mtbf / in(inputs_.cluster_size, gpus); }
  double interruptions_per_month() const { return inputs_.period / cluster_mtbf(); }
  Duration job_stall() const;
  GpuTime lost_per_interruption() const;
  Fraction downtime_loss() const { return lost_per_interruption() / (inputs_.gpu_mtbf * gpus(1.0)); }
  Fraction idle_spare_cost() const { return inputs_.idle_spares / inputs_.cluster_size; }
  Fraction total_loss() const {
    return downtime_loss() + idle_spare_cost() + inputs_.network_overhead + inputs_.memory_overhead;
  }
  // Throughput after the loss: raw x (1 - total loss).
  TokensPerGpuTime effective(TokensPerGpuTime raw) const {
    require_non_negative("tokens_per_s_per_gpu", raw, tokens_per_s_per_gpu);
    return raw * (1.0 - total_loss());
  }
  bool operator==(const Goodput&) const = default;

 private:
  Inputs inputs_;
};

}  // namespace fabtoken
