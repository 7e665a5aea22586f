#include "fabtoken/chips/chip_catalog.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace fabtoken {

const Chip& ChipCatalog::find(std::string_view name) const {
  const auto it = std::find_if(chips_.begin(), chips_.end(), [&](const Chip& c) { return c.name == name; });
  if (it == chips_.end()) {
    std::string known;
    for (const Chip& c : chips_) append_item(known, c.name);
    throw InvalidInput("chip", "no chip '" + std::string(name) + "' in the catalog; it has: " + known);
  }
  return *it;
}

double cost_per_token_ratio(double tco_ratio, double throughput_ratio) {
  require_positive("tco_ratio", tco_ratio, ratio);
  require_positive("throughput_ratio", throughput_ratio, ratio);
  return relations::cost_per_token_ratio(tco_ratio, throughput_ratio);
}

double ChipCatalog::cost_per_token_ratio(std::string_view a, std::string_view b, double throughput_ratio) const {
  return fabtoken::cost_per_token_ratio(find(a).tco / find(b).tco, throughput_ratio);
}

ChipCatalog read_chip_catalog(const std::filesystem::path& path) {
  CsvFile file(path);
  constexpr std::array<std::string_view, 2> required{"chip", "tco_usd_per_gpu_hour"};
  file.require_columns(required, "chip,tco_usd_per_gpu_hour[,kw_per_gpu,source,date]");
  std::vector<Chip> chips;
  while (const auto row = file.next()) {
    const std::string name = file.cell(*row, "chip");
    const auto number = [&](std::string_view column, bool required_value) -> std::optional<double> {
      const std::string text = file.cell(*row, column);
      if (text.empty() && !required_value) return std::nullopt;
      const auto value = parse_number(text);
      if (!value || !std::isfinite(*value) || *value <= 0.0)
        file.fail(row->line, column, "chip '" + name + "': " + std::string(column) + " must be a positive number, got '" + text + "'");
      return value;
    };
    if (name.empty()) file.fail(row->line, "chip", "a chip needs a name");
    for (const Chip& c : chips)
      if (c.name == name) file.fail(row->line, "chip", "chip '" + name + "' is given again");
    const auto power = number("kw_per_gpu", false);
    chips.push_back({name, usd_per_gpu_hour(*number("tco_usd_per_gpu_hour", true)),
                     power ? std::optional(kw_per_gpu(*power)) : std::nullopt, file.cell(*row, "source"),
                     file.cell(*row, "date")});
  }
  return ChipCatalog(std::move(chips));
}

}  // namespace fabtoken
