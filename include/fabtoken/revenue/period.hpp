// Reporting periods: quarters ("1Q24", "2024Q1") and months ("2024-01").
#pragma once

#include <string>
#include <string_view>

namespace fabtoken {

enum class Frequency { monthly, quarterly };

struct Period {
  int year;
  int number;  // quarter 1-4 or month 1-12
  Frequency frequency;

  static Period parse(std::string_view text);  // InvalidInput naming the text when it is neither
  int per_year() const { return frequency == Frequency::quarterly ? 4 : 12; }
  int ordinal() const { return year * per_year() + number - 1; }
  Period next() const;
  std::string label() const;  // "1Q24" (or "1999Q4" outside 2000-2099), "2024-01"
  bool operator==(const Period&) const = default;
};

}  // namespace fabtoken
