// Value capture: the end user's payment split into the revenue, cost and gross profit of every
// layer that serves it, down to the costs left at the bottom of the chain.
//
//   app <- user          revenue ARPU; pays for tokens (API price for a 3P app, compute cost for 1P)
//   model provider       (3P only) revenue at the API price; pays the cloud's rental price
//   cloud                revenue at the rental price; pays for hardware and for colocation and power
//   datacenter and power revenue = colocation + electricity; keeps its gross margin
//   system vendor        revenue = straight-line hardware cost; keeps its gross margin
//   financing            the capital charge above straight line (0 without a cost of capital)
//   memory, foundry      their shares of the vendor's cost of goods; keep their gross margins
//
// Every flow is per user-month. The layers' gross profits plus the costs left at the bottom add up
// to exactly what the user paid.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/token_factory.hpp"
#include "fabtoken/units.hpp"

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace fabtoken {

class SupplierMargins {
 public:
  struct Inputs {
    Fraction system_vendor_gross_margin{};
    Fraction memory_share_of_system_cost{};   // of the system vendor's cost of goods
    Fraction memory_gross_margin{};
    Fraction foundry_share_of_system_cost{};  // of the system vendor's cost of goods
    Fraction foundry_gross_margin{};
    Fraction datacenter_gross_margin{};       // on colocation and power
    bool operator==(const Inputs&) const = default;
  };
  static constexpr std::string_view type_name = "SupplierMargins";
  static constexpr std::array fields{
      field<&Inputs::system_vendor_gross_margin, fraction>("system_vendor_gross_margin", "System vendor gross margin"),
      field<&Inputs::memory_share_of_system_cost, fraction>("memory_share_of_system_cost", "Memory share of system cost"),
      field<&Inputs::memory_gross_margin, fraction>("memory_gross_margin", "Memory maker gross margin"),
      field<&Inputs::foundry_share_of_system_cost, fraction>("foundry_share_of_system_cost", "Foundry share of system cost"),
      field<&Inputs::foundry_gross_margin, fraction>("foundry_gross_margin", "Foundry gross margin"),
      field<&Inputs::datacenter_gross_margin, fraction>("datacenter_gross_margin", "Datacenter and power gross margin"),
  };

  explicit SupplierMargins(const Inputs& inputs);
  const Inputs& inputs() const { return inputs_; }
  bool operator==(const SupplierMargins&) const = default;

 private:
  Inputs inputs_;
};

enum class AppPath { third_party, first_party };

// How pool flows are shown: per user-month (USD/month), per Mtok served (USD/Mtok), or per dollar
// the user pays (a share).
enum class PoolUnit { per_user_month, per_mtok, per_dollar };

// One layer's flows per user-month. A cost left at the bottom has revenue 0 and no profit.
struct PoolRow {
  std::string_view layer;
  UsdPerTime revenue;
  UsdPerTime cost;
  UsdPerTime gross_profit;
  bool is_bottom_cost;
};

// The rows of one path, in a fixed-capacity array: a batch over many scenarios allocates nothing.
class PoolRows {
 public:
  static constexpr std::size_t capacity = 12;
  void push_back(const PoolRow& row) {
    FABTOKEN_REQUIRE(size_ < capacity, "rows", "a value chain holds at most " << capacity << " rows");
    rows_[size_++] = row;
  }
  std::size_t size() const { return size_; }
  const PoolRow& operator[](std::size_t k) const { return rows_[k]; }
  const PoolRow* begin() const { return rows_.data(); }
  const PoolRow* end() const { return rows_.data() + size_; }

 private:
  std::array<PoolRow, capacity> rows_{};
  std::size_t size_ = 0;
};

class ValueCapture {
 public:
  ValueCapture(TokenFactory factory, SupplierMargins margins) : factory_(std::move(factory)), margins_(margins) {}

  const TokenFactory& factory() const { return factory_; }
  const SupplierMargins& margins() const { return margins_; }
  UsdPerTime user_payment() const { return factory_.app().inputs().revenue_per_user; }
  // The chain from the app down: layers, then the costs left at the bottom.
  PoolRows rows(AppPath path) const;
  // A flow per user-month in `unit`; per Mtok needs a user who consumes tokens.
  double shown(UsdPerTime flow, PoolUnit unit) const;
  bool operator==(const ValueCapture&) const = default;

 private:
  TokenFactory factory_;
  SupplierMargins margins_;
};

}  // namespace fabtoken
