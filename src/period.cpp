#include "fabtoken/revenue/period.hpp"

#include "fabtoken/errors.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>

namespace fabtoken {

namespace {
std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

int full_year(int year, std::size_t digits) { return digits == 2 ? 2000 + year : year; }
}  // namespace

Period Period::parse(std::string_view text) {
  const auto fail = [&]() -> Period {
    throw InvalidInput("period", "period '" + std::string(text) + "' is neither a quarter (1Q24, 2024Q1) nor a month (2024-01)");
  };
  std::string s;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const auto q = s.find('Q'); q != std::string::npos) {
    // "1Q24" (quarter first) or "2024Q1" / "2024-Q1" (year first).
    std::string_view before(s.data(), q), after(s.data() + q + 1, s.size() - q - 1);
    if (!before.empty() && before.back() == '-') before.remove_suffix(1);
    const bool quarter_first = before.size() == 1;
    const auto quarter = whole_number(quarter_first ? before : after);
    const std::string_view year_text = quarter_first ? after : before;
    const auto year = whole_number(year_text);
    if (!quarter || !year || *quarter < 1 || *quarter > 4 || (year_text.size() != 2 && year_text.size() != 4)) return fail();
    return {full_year(*year, year_text.size()), *quarter, Frequency::quarterly};
  }
  if (const auto dash = s.find('-'); dash == 4 && s.size() == 7) {
    const auto year = whole_number(std::string_view(s).substr(0, 4));
    const auto month = whole_number(std::string_view(s).substr(5));
    if (!year || !month || *month < 1 || *month > 12) return fail();
    return {*year, *month, Frequency::monthly};
  }
  return fail();
}

Period Period::next() const {
  return number == per_year() ? Period{year + 1, 1, frequency} : Period{year, number + 1, frequency};
}

std::string Period::label() const {
  char buffer[16];
  // Two-digit years read as 20xx, so only those years are written with two digits.
  if (frequency == Frequency::quarterly && year >= 2000 && year <= 2099)
    std::snprintf(buffer, sizeof buffer, "%dQ%02d", number, year % 100);
  else if (frequency == Frequency::quarterly)
    std::snprintf(buffer, sizeof buffer, "%04dQ%d", year, number);
  else
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, number);
  return buffer;
}

}  // namespace fabtoken
