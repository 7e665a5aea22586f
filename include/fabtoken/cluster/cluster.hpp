// A cluster: its goodput and its TCO, the goodput loss feeding the bill; read from a parameter
// file (the GB300 Gold and Silver tiers of figures.md section 6 ship as presets).
#pragma once

#include "fabtoken/cluster/cluster_tco.hpp"
#include "fabtoken/cluster/goodput.hpp"
#include "fabtoken/parameter_file.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace fabtoken {

// "fault_tolerant", "hot_spare_restart", "cold_spare_restart".
Recovery recovery_named(std::string_view name);
std::string_view name(Recovery recovery);

struct ClusterPreset {
  Goodput goodput;
  ClusterTco tco;  // billed with the goodput's total loss, for the goodput's GPUs
  std::vector<ValueProvenance> provenance;
};

// Parameters: Goodput's (cluster_gpus ... hours_per_month), recovery (text), and ClusterTco's but
// gpus, hours_per_month and goodput_loss, which come from the goodput.
ClusterPreset read_cluster(const std::filesystem::path& csv_file);

}  // namespace fabtoken
