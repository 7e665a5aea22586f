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

}  // namespace fabtoken
