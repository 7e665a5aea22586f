// The chip catalog: TCO per GPU-hour (and all-in power per GPU where known), with source and date;
// and the comparison analysts make: a throughput ratio against a TCO ratio.
#pragma once

#include "fabtoken/units.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fabtoken {

namespace relations {
// Cost per token of chip A relative to chip B = (TCO_A / TCO_B) / (throughput_A / throughput_B).
constexpr double cost_per_token_ratio(double tco_ratio, double throughput_ratio) { return tco_ratio / throughput_ratio; }
}  // namespace relations

// The relation with its inputs checked: both ratios positive and finite.
double cost_per_token_ratio(double tco_ratio, double throughput_ratio);

struct Chip {
  std::string name;
  UsdPerGpuTime tco;
  std::optional<PowerPerGpu> power;  // all-in, where known
  std::string source;
  std::string date;
  bool operator==(const Chip&) const = default;
};

class ChipCatalog {
 public:
  explicit ChipCatalog(std::vector<Chip> chips) : chips_(std::move(chips)) {}
  const std::vector<Chip>& chips() const { return chips_; }
  const Chip& find(std::string_view name) const;  // InvalidInput naming it when absent
  // Cost per token of `a` relative to `b`, given a's throughput as a multiple of b's.
  double cost_per_token_ratio(std::string_view a, std::string_view b, double throughput_ratio) const;

 private:
  std::vector<Chip> chips_;
};

// Columns: chip, tco_usd_per_gpu_hour[, kw_per_gpu, source, date]. Errors name file, line, field.
ChipCatalog read_chip_catalog(const std::filesystem::path& csv_file);

}  // namespace fabtoken
