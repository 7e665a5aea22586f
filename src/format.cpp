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

std::string format_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         std::size_t first_numeric_column) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], c < row.size() ? row[c].size() : 0);
  }
  const auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::string pad(width[c] - cell.size(), ' ');
      out += (c > 0 ? "  " : "") + (c >= first_numeric_column ? pad + cell : cell + pad);
    }
    return out.substr(0, out.find_last_not_of(' ') + 1) + '\n';
  };
  std::size_t total = 0;
  for (std::size_t w : width) total += w;
  std::string out = line(header) + std::string(total + 2 * (header.size() - 1), '-') + '\n';
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string format_table(const std::vector<StackRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows)
    cells.push_back({std::string(r.layer), std::string(r.item), std::string(r.unit->symbol), format_value(r.value)});
  return format_table({"Layer", "Item", "Unit", "Value"}, cells, 3);
}

}  // namespace fabtoken
