// The classes of tokens an API bills differently.
#pragma once

#include "fabtoken/units.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace fabtoken {

// Input is split by what the cache did with it: read from the cache, written to it (for five
// minutes or an hour), or neither.
enum class TokenClass : std::size_t { input, cache_read, cache_write_5m, cache_write_1h, output };
inline constexpr std::size_t token_class_count = 5;
inline constexpr std::array<TokenClass, token_class_count> all_token_classes{
    TokenClass::input, TokenClass::cache_read, TokenClass::cache_write_5m, TokenClass::cache_write_1h,
    TokenClass::output};

constexpr std::string_view name(TokenClass c) {
  constexpr std::array<std::string_view, token_class_count> names{"uncached_input", "cache_read", "cache_write_5m",
                                                                 "cache_write_1h", "output"};
  return names[static_cast<std::size_t>(c)];
}

constexpr bool is_input(TokenClass c) { return c != TokenClass::output; }

// One value per token class, indexed by TokenClass.
template <class T>
struct PerTokenClass {
  std::array<T, token_class_count> values{};
  constexpr T& operator[](TokenClass c) { return values[static_cast<std::size_t>(c)]; }
  constexpr const T& operator[](TokenClass c) const { return values[static_cast<std::size_t>(c)]; }
  bool operator==(const PerTokenClass&) const = default;
};
using TokenCounts = PerTokenClass<Tokens>;
using TokenPrices = PerTokenClass<UsdPerToken>;

}  // namespace fabtoken
