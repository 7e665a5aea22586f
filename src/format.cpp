#include "fabtoken/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace fabtoken {

std::string format_value(double value) {
  const double magnitude = std::fabs(value);
  const bool whole = magnitude == std::floor(magnitude);
  const int decimals = whole || magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, magnitude);
  const std::string digits(buffer.data());
  const auto int_end = std::min(digits.find('.'), digits.size());
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < int_end && (int_end - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  const bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
  return negative ? "-" + grouped : grouped;
}

std::string format_table(const std::vector<StackRow>& rows) {
  const std::array<std::string, 4> header{"Layer", "Item", "Unit", "Value"};
  std::vector<std::array<std::string, 4>> cells;
  for (const auto& r : rows)
    cells.push_back({std::string(r.layer), std::string(r.item), std::string(r.unit->symbol),
                     format_value(r.value)});
  std::array<std::size_t, 4> width{};
  for (std::size_t c = 0; c < 4; ++c) {
    width[c] = header[c].size();
    for (const auto& row : cells) width[c] = std::max(width[c], row[c].size());
  }
  const auto line = [&](const std::array<std::string, 4>& row) {
    std::string out;
    for (std::size_t c = 0; c < 3; ++c) out += row[c] + std::string(width[c] - row[c].size() + 2, ' ');
    return out + std::string(width[3] - row[3].size(), ' ') + row[3] + '\n';  // numbers right-aligned
  };
  std::string out = line(header);
  out += std::string(width[0] + width[1] + width[2] + width[3] + 6, '-') + '\n';
  for (const auto& row : cells) out += line(row);
  return out;
}

}  // namespace fabtoken
