#include "fabtoken/cluster/cluster.hpp"

#include "fabtoken/errors.hpp"

#include <array>
#include <string>

namespace fabtoken {

namespace {
constexpr std::array<std::pair<Recovery, std::string_view>, 3> recovery_names{{
    {Recovery::fault_tolerant, "fault_tolerant"},
    {Recovery::hot_spare_restart, "hot_spare_restart"},
    {Recovery::cold_spare_restart, "cold_spare_restart"},
}};

bool from_goodput(std::string_view tco_field) {
  return tco_field == "gpus" || tco_field == "hours_per_month" || tco_field == "goodput_loss";
}
}  // namespace

Recovery recovery_named(std::string_view text) {
  for (const auto& [recovery, label] : recovery_names)
    if (label == text) return recovery;
  throw InvalidInput("recovery", "recovery must be fault_tolerant, hot_spare_restart or cold_spare_restart, got '" +
                                     std::string(text) + "'");
}

std::string_view name(Recovery recovery) {
  for (const auto& [r, label] : recovery_names)
    if (r == recovery) return label;
  return "fault_tolerant";
}

ClusterPreset read_cluster(const std::filesystem::path& csv_file) {
  std::vector<ParameterSpec> specs = parameter_specs<Goodput>();
  specs.push_back({"recovery", nullptr});
  for (const auto& f : ClusterTco::fields)
    if (!from_goodput(f.name)) specs.push_back({f.name, f.unit});
  const ParameterFile file = read_parameter_file(csv_file, specs);
  return file.build_with_context([&] {
    Goodput::Inputs g{};
    for (const auto& f : Goodput::fields) f.set(g, file.values.find(f.name)->second);
    g.recovery = recovery_named(file.texts.find("recovery")->second);
    const Goodput goodput(g);
    ClusterTco::Inputs t{};
    for (const auto& f : ClusterTco::fields)
      if (!from_goodput(f.name)) f.set(t, file.values.find(f.name)->second);
    t.gpus_count = g.cluster_size;
    t.billing_month = g.period;
    t.goodput_loss = goodput.total_loss();
    return ClusterPreset{goodput, ClusterTco(t), file.provenance};
  });
}

}  // namespace fabtoken
