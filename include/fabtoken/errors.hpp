// Errors: bad input raises InvalidInput, naming the parameter, the value and what was expected.
#pragma once

#include "fabtoken/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fabtoken {

// Derived from std::invalid_argument, so pybind11 raises it in Python as ValueError.
class InvalidInput : public std::invalid_argument {
 public:
  InvalidInput(std::string_view parameter, const std::string& message)
      : std::invalid_argument(message), parameter_(parameter) {}
  const std::string& parameter() const noexcept { return parameter_; }

 private:
  std::string parameter_;
};

// A data file that does not exist (Python: FileNotFoundError).
class FileNotFound : public std::runtime_error {
 public:
  explicit FileNotFound(const std::string& path) : std::runtime_error(path + ": no such file") {}
};

// FABTOKEN_REQUIRE(pue >= 1.0, "pue", "pue must be >= 1, got " << pue);
#define FABTOKEN_REQUIRE(condition, parameter, message)              \
  do {                                                               \
    if (!(condition)) {                                              \
      std::ostringstream fabtoken_require_stream_;                   \
      fabtoken_require_stream_ << message;                           \
      throw ::fabtoken::InvalidInput(parameter, fabtoken_require_stream_.str()); \
    }                                                                \
  } while (false)

// A number in messages: the shortest text that reads back as the same double, so an error never
// shows a rejected 1.0000001 as "1".
inline std::string exact(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// Appends `item` to a comma-separated `list`.
inline void append_item(std::string& list, std::string_view item) {
  if (!list.empty()) list += ", ";
  list += item;
}

// "a colocation rate", "an electricity price".
inline std::string with_article(std::string_view noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiouAEIOU").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

namespace require_detail {
template <class Q>
std::string shown(const Q& q, const DisplayUnit<Q>& unit) {
  const std::string number = exact(in(q, unit));
  if (unit.symbol == "ratio" || unit.symbol == "fraction") return number;
  return number + " " + std::string(unit.symbol);
}
}  // namespace require_detail

// Checks used by the layers. Each rejects NaN and infinities too.
template <class Q>
void require_finite(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  FABTOKEN_REQUIRE(std::isfinite(base_value(q)), name,
                   name << " must be a finite number, got " << require_detail::shown(q, unit));
}

template <class Q>
void require_positive(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  FABTOKEN_REQUIRE(std::isfinite(base_value(q)) && base_value(q) > 0.0, name,
                   name << " must be a positive finite number, got "
                        << require_detail::shown(q, unit));
}

template <class Q>
void require_non_negative(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  FABTOKEN_REQUIRE(std::isfinite(base_value(q)) && base_value(q) >= 0.0, name,
                   name << " must be a finite number >= 0, got " << require_detail::shown(q, unit));
}

inline void require_at_least(std::string_view name, double x, double lo) {
  FABTOKEN_REQUIRE(std::isfinite(x) && x >= lo, name,
                   name << " must be a finite number >= " << exact(lo) << ", got " << exact(x));
}

// lo <= x <= hi, or lo < x <= hi when the lower bound is open.
enum class LowerBound { closed, open };
inline void require_in_range(std::string_view name, double x, double lo, double hi,
                             LowerBound lower = LowerBound::closed) {
  const bool above = lower == LowerBound::open ? x > lo : x >= lo;
  FABTOKEN_REQUIRE(std::isfinite(x) && above && x <= hi, name,
                   name << " must be between " << exact(lo) << (lower == LowerBound::open ? " (exclusive)" : "")
                        << " and " << exact(hi) << ", got " << exact(x));
}

}  // namespace fabtoken
