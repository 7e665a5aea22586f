// The values an input accepts, as data: a layer's constructor checks each field against its domain,
// and the batch kernel checks whole columns against the same domains before running the relations.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/units.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

namespace fabtoken {

struct Domain {
  enum class Kind { any, positive, non_negative, at_least, between };
  Kind kind = Kind::any;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lower_open = false;
  bool whole = false;  // whole numbers only (GPUs per server)

  // The closed interval of finite doubles the domain admits: an open lower end moves to the next
  // double up, infinite ends to the largest finite doubles. NaN fails both comparisons with it.
  struct Interval {
    double low, high;
  };
  Interval finite_interval() const noexcept {
    constexpr double largest = std::numeric_limits<double>::max();
    const double low = lower_open ? std::nextafter(lo, std::numeric_limits<double>::infinity()) : std::max(lo, -largest);
    return {low, std::min(hi, largest)};
  }

  bool contains(double x) const noexcept {
    const auto [low, high] = finite_interval();
    return x >= low && x <= high && (!whole || x == std::floor(x));
  }

  // Adds 1 to flags[k] for each values[k] outside the domain: a column check, in loops that
  // vectorize (two comparisons a value; the whole-number test in a loop of its own).
  void flag_outside(const double* values, std::size_t n, double* flags) const noexcept {
    const auto [low, high] = finite_interval();
    for (std::size_t k = 0; k < n; ++k) flags[k] += (values[k] >= low) & (values[k] <= high) ? 0.0 : 1.0;
    if (whole)
      for (std::size_t k = 0; k < n; ++k) flags[k] += values[k] == std::floor(values[k]) ? 0.0 : 1.0;
  }

  // Throws InvalidInput naming `name` and the value (shown with `unit_symbol` where the check is on a
  // quantity) when `x` is outside the domain.
  void check(std::string_view name, double x, std::string_view unit_symbol) const {
    if (contains(x)) return;
    const bool shows_unit = !unit_symbol.empty() && unit_symbol != "ratio" && unit_symbol != "fraction";
    std::ostringstream got;
    got << exact(x);
    if (shows_unit) got << ' ' << unit_symbol;
    const bool whole_number_only = kind == Kind::positive && std::isfinite(x) && x > 0.0;
    FABTOKEN_REQUIRE(kind != Kind::any, name, name << " must be a finite number, got " << got.str());
    FABTOKEN_REQUIRE(kind != Kind::positive || whole_number_only, name,
                     name << " must be a positive finite number, got " << got.str());
    FABTOKEN_REQUIRE(kind != Kind::positive, name, name << " must be a whole number, got " << exact(x));
    FABTOKEN_REQUIRE(kind != Kind::non_negative, name, name << " must be a finite number >= 0, got " << got.str());
    FABTOKEN_REQUIRE(kind != Kind::at_least, name,
                     name << " must be a finite number >= " << exact(lo) << ", got " << exact(x));
    FABTOKEN_REQUIRE(false, name,
                     name << " must be between " << exact(lo) << (lower_open ? " (exclusive)" : "") << " and "
                          << exact(hi) << ", got " << exact(x));
  }
};

namespace domains {
inline constexpr double infinity = std::numeric_limits<double>::infinity();
inline constexpr Domain any{Domain::Kind::any, -infinity, infinity};
inline constexpr Domain positive{Domain::Kind::positive, 0.0, infinity, true};
inline constexpr Domain whole_positive{Domain::Kind::positive, 0.0, infinity, true, true};
inline constexpr Domain non_negative{Domain::Kind::non_negative, 0.0, infinity};
constexpr Domain at_least(double lo) { return {Domain::Kind::at_least, lo, infinity}; }
inline constexpr Domain unit_interval{Domain::Kind::between, 0.0, 1.0};             // [0, 1]
inline constexpr Domain open_unit_interval{Domain::Kind::between, 0.0, 1.0, true};  // (0, 1]
}  // namespace domains

// Checks used by the layers outside the token factory's fields, on one value each: the domains
// above, with their messages. Each rejects NaN and infinities too.
template <class Q>
void require_finite(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  domains::any.check(name, in(q, unit), unit.symbol);
}

template <class Q>
void require_positive(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  domains::positive.check(name, in(q, unit), unit.symbol);
}

template <class Q>
void require_non_negative(std::string_view name, const Q& q, const DisplayUnit<Q>& unit) {
  domains::non_negative.check(name, in(q, unit), unit.symbol);
}

inline void require_at_least(std::string_view name, double x, double lo) { domains::at_least(lo).check(name, x, ""); }

// lo <= x <= hi, or lo < x <= hi when the lower bound is open.
enum class LowerBound { closed, open };
inline void require_in_range(std::string_view name, double x, double lo, double hi,
                             LowerBound lower = LowerBound::closed) {
  Domain{Domain::Kind::between, lo, hi, lower == LowerBound::open}.check(name, x, "");
}

}  // namespace fabtoken
