// Units: the one header that includes Boost.Units.
//
// Currency, tokens and GPUs are base dimensions of their own, beside SI length, mass and time, so
// USD per GPU-hour is not USD per hour and tokens per second is not a frequency. Every quantity is
// stored in the base system (USD, token, GPU, second, joule, watt); scaled units (hours, months,
// kWh, Mtok) exist only as DisplayUnit objects, used where a value enters or leaves the library:
//
//     ElectricityPrice p = usd_per_kwh(0.087);
//     double shown = in(cost, usd_per_mtok);
#pragma once

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/energy.hpp>
#include <boost/units/physical_dimensions/power.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>

#include <compare>
#include <string_view>

namespace fabtoken {

namespace units_detail {
namespace bu = boost::units;

struct currency_base_dimension : bu::base_dimension<currency_base_dimension, 9101> {};
struct token_base_dimension : bu::base_dimension<token_base_dimension, 9102> {};
struct gpu_base_dimension : bu::base_dimension<gpu_base_dimension, 9103> {};
struct data_base_dimension : bu::base_dimension<data_base_dimension, 9104> {};

struct usd_base_unit : bu::base_unit<usd_base_unit, currency_base_dimension::dimension_type, 9101> {
  static const char* name() { return "US dollar"; }
  static const char* symbol() { return "USD"; }
};
struct token_base_unit : bu::base_unit<token_base_unit, token_base_dimension::dimension_type, 9102> {
  static const char* name() { return "token"; }
  static const char* symbol() { return "tok"; }
};
struct gpu_base_unit : bu::base_unit<gpu_base_unit, gpu_base_dimension::dimension_type, 9103> {
  static const char* name() { return "GPU"; }
  static const char* symbol() { return "GPU"; }
};

struct byte_base_unit : bu::base_unit<byte_base_unit, data_base_dimension::dimension_type, 9104> {
  static const char* name() { return "byte"; }
  static const char* symbol() { return "B"; }
};

using system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit,
                               bu::si::second_base_unit, usd_base_unit, token_base_unit,
                               gpu_base_unit, byte_base_unit>::type;

template <class Dimension>
using quantity_of = bu::quantity<bu::unit<Dimension, system>, double>;
}  // namespace units_detail

// ---- Base quantities ---------------------------------------------------------------------------
using Usd = units_detail::quantity_of<units_detail::currency_base_dimension::dimension_type>;
using Tokens = units_detail::quantity_of<units_detail::token_base_dimension::dimension_type>;
using Gpus = units_detail::quantity_of<units_detail::gpu_base_dimension::dimension_type>;
using Duration = units_detail::quantity_of<boost::units::time_dimension>;
using Power = units_detail::quantity_of<boost::units::power_dimension>;
using Energy = units_detail::quantity_of<boost::units::energy_dimension>;
using Bytes = units_detail::quantity_of<units_detail::data_base_dimension::dimension_type>;

// A share, margin, ratio or rate: dimensionless, kept as a plain double.
using Fraction = double;

// ---- Compound quantities: plain aliases of products and quotients ------------------------------
using UsdPerGpu = decltype(Usd{} / Gpus{});
using UsdPerGpuTime = decltype(Usd{} / (Gpus{} * Duration{}));  // shown per GPU-hour
using UsdPerEnergy = decltype(Usd{} / Energy{});
using PowerPerGpu = decltype(Power{} / Gpus{});
using TokensPerGpuTime = decltype(Tokens{} / (Gpus{} * Duration{}));  // throughput per GPU
using TokensPerGpu = decltype(Tokens{} / Gpus{});
using UsdPerToken = decltype(Usd{} / Tokens{});  // shown per Mtok
using TokensPerTime = decltype(Tokens{} / Duration{});  // a user's monthly token use
using UsdPerTime = decltype(Usd{} / Duration{});  // a user's monthly spend
using PerTime = decltype(1.0 / Duration{});      // a rate: a share of capital charged per year
using TokensPerEnergy = decltype(Tokens{} / Energy{});  // tokens per MW-year
using EnergyPerToken = decltype(Energy{} / Tokens{});
using UsdPerByte = decltype(Usd{} / Bytes{});  // storage, per GiB for one billing month
using GpuTime = decltype(Gpus{} * Duration{});  // GPU-hours

// ---- Same dimension, different meaning: distinct types -----------------------------------------
// A colocation rate (USD per kW of contracted IT power per month) and an electricity price (USD per
// kWh drawn) are both money per energy. Wrapping each in its own type keeps one from being passed
// where the other is expected.
// Arithmetic stays within the type: sums and differences of the same kind, scaling by a number,
// and the ratio of two (a plain number).
template <class Tag, class Quantity>
struct NamedQuantity {
  Quantity value;
  friend constexpr std::partial_ordering operator<=>(const NamedQuantity&, const NamedQuantity&) = default;
  friend constexpr bool operator==(const NamedQuantity&, const NamedQuantity&) = default;
  friend constexpr NamedQuantity operator+(NamedQuantity a, NamedQuantity b) { return {a.value + b.value}; }
  friend constexpr NamedQuantity operator-(NamedQuantity a, NamedQuantity b) { return {a.value - b.value}; }
  friend constexpr NamedQuantity operator-(NamedQuantity a) { return {-a.value}; }
  friend constexpr NamedQuantity operator*(NamedQuantity a, double k) { return {a.value * k}; }
  friend constexpr NamedQuantity operator*(double k, NamedQuantity a) { return {k * a.value}; }
  friend constexpr NamedQuantity operator/(NamedQuantity a, double k) { return {a.value / k}; }
  friend constexpr double operator/(NamedQuantity a, NamedQuantity b) { return a.value.value() / b.value.value(); }
  constexpr NamedQuantity& operator+=(NamedQuantity b) { value += b.value; return *this; }
};
using ColocationRate = NamedQuantity<struct ColocationRateTag, UsdPerEnergy>;
using ElectricityPrice = NamedQuantity<struct ElectricityPriceTag, UsdPerEnergy>;
// Money per MW of compute per year (a deal's fee, opex, revenue per MW): also money per energy.
using CapacityRate = NamedQuantity<struct CapacityRateTag, UsdPerEnergy>;

// ---- The calendar, written down once -----------------------------------------------------------
inline constexpr double seconds_per_hour = 3600.0;
inline constexpr double hours_per_year = 8760.0;
inline constexpr double hours_per_month = hours_per_year / 12.0;  // 730
inline constexpr double seconds_per_year = hours_per_year * seconds_per_hour;
inline constexpr double seconds_per_month = hours_per_month * seconds_per_hour;
inline constexpr double joules_per_kwh = 1000.0 * seconds_per_hour;
inline constexpr double tokens_per_mtok = 1.0e6;

// ---- Base-unit values: the only bridge between a quantity and a double ------------------------
template <class Q>
constexpr double base_value(const Q& q) {
  if constexpr (std::is_same_v<Q, double>) {
    return q;
  } else if constexpr (requires { q.value.value(); }) {
    return q.value.value();
  } else {
    return q.value();
  }
}

template <class Q>
constexpr Q from_base_value(double v) {
  if constexpr (std::is_same_v<Q, double>) {
    return v;
  } else if constexpr (requires { Q{}.value.value(); }) {
    return Q{decltype(Q{}.value)::from_value(v)};
  } else {
    return Q::from_value(v);
  }
}

// ---- Kinds: what a quantity means, named in messages -------------------------------------------
template <class Q>
inline constexpr std::string_view kind_name = "quantity";
template <> inline constexpr std::string_view kind_name<Usd> = "amount of money";
template <> inline constexpr std::string_view kind_name<Gpus> = "GPU count";
template <> inline constexpr std::string_view kind_name<Tokens> = "token count";
template <> inline constexpr std::string_view kind_name<Duration> = "duration";
template <> inline constexpr std::string_view kind_name<Fraction> = "dimensionless number";
template <> inline constexpr std::string_view kind_name<UsdPerGpu> = "price per GPU";
template <> inline constexpr std::string_view kind_name<UsdPerGpuTime> = "price per GPU-hour";
template <> inline constexpr std::string_view kind_name<PowerPerGpu> = "power per GPU";
template <> inline constexpr std::string_view kind_name<ColocationRate> = "colocation rate";
template <> inline constexpr std::string_view kind_name<ElectricityPrice> = "electricity price";
template <> inline constexpr std::string_view kind_name<CapacityRate> = "money per MW-year of compute";
template <> inline constexpr std::string_view kind_name<Power> = "power";
template <> inline constexpr std::string_view kind_name<TokensPerEnergy> = "tokens per unit of energy";
template <> inline constexpr std::string_view kind_name<EnergyPerToken> = "energy per token";
template <> inline constexpr std::string_view kind_name<Bytes> = "amount of data";
template <> inline constexpr std::string_view kind_name<UsdPerByte> = "storage price";
template <> inline constexpr std::string_view kind_name<GpuTime> = "GPU time";
template <> inline constexpr std::string_view kind_name<TokensPerGpuTime> = "throughput per GPU";
template <> inline constexpr std::string_view kind_name<TokensPerGpu> = "tokens per GPU";
template <> inline constexpr std::string_view kind_name<UsdPerToken> = "price per token";
template <> inline constexpr std::string_view kind_name<TokensPerTime> = "token rate";
template <> inline constexpr std::string_view kind_name<UsdPerTime> = "amount of money per unit time";

// ---- Display units: makers and readers at the edges --------------------------------------------
// The type-erased part, so a catalog can list units of every kind (for files, the CLI, Python).
struct UnitInfo {
  std::string_view name;       // identifier: "usd_per_kwh"
  std::string_view symbol;     // shown: "USD/kWh"
  std::string_view kind;       // "electricity price"
  const void* kind_id;         // one address per quantity type: equal kinds, equal ids
  double base_per_unit;        // 1 unit = this many base units
};

template <class Q>
inline constexpr char kind_id_anchor = 0;

template <class Q>
struct DisplayUnit : UnitInfo {
  constexpr DisplayUnit(std::string_view name, std::string_view symbol, double base_per_unit)
      : UnitInfo{name, symbol, kind_name<Q>, &kind_id_anchor<Q>, base_per_unit} {}
  // Maker: usd_per_kwh(0.087).
  constexpr Q operator()(double magnitude) const { return from_base_value<Q>(magnitude * base_per_unit); }
};

// Reader: in(cost, usd_per_mtok).
template <class Q>
constexpr double in(const Q& q, const DisplayUnit<std::type_identity_t<Q>>& unit) {
  return base_value(q) / unit.base_per_unit;
}

inline constexpr DisplayUnit<Usd> usd{"usd", "USD", 1.0};
inline constexpr DisplayUnit<Usd> musd{"musd", "USD M", 1.0e6};
inline constexpr DisplayUnit<Gpus> gpus{"gpus", "GPUs", 1.0};
inline constexpr DisplayUnit<Tokens> tokens{"tokens", "tokens", 1.0};
inline constexpr DisplayUnit<Tokens> ktok{"ktok", "ktok", 1.0e3};
inline constexpr DisplayUnit<Tokens> mtok{"mtok", "Mtok", tokens_per_mtok};
inline constexpr DisplayUnit<Duration> milliseconds{"milliseconds", "ms", 1.0e-3};
inline constexpr DisplayUnit<Duration> seconds{"seconds", "s", 1.0};
inline constexpr DisplayUnit<Duration> minutes{"minutes", "min", 60.0};
inline constexpr DisplayUnit<Duration> hours{"hours", "h", seconds_per_hour};
inline constexpr DisplayUnit<Duration> months{"months", "months", seconds_per_month};
inline constexpr DisplayUnit<Duration> years{"years", "years", seconds_per_year};
inline constexpr DisplayUnit<Fraction> fraction{"fraction", "fraction", 1.0};
inline constexpr DisplayUnit<Fraction> percent{"percent", "%", 0.01};
inline constexpr DisplayUnit<Fraction> ratio{"ratio", "ratio", 1.0};
inline constexpr DisplayUnit<UsdPerGpu> usd_per_gpu{"usd_per_gpu", "USD/GPU", 1.0};
inline constexpr DisplayUnit<UsdPerGpuTime> usd_per_gpu_hour{"usd_per_gpu_hour", "USD/hr/GPU",
                                                             1.0 / seconds_per_hour};
inline constexpr DisplayUnit<PowerPerGpu> kw_per_gpu{"kw_per_gpu", "kW/GPU", 1000.0};
inline constexpr DisplayUnit<PowerPerGpu> w_per_gpu{"w_per_gpu", "W/GPU", 1.0};
inline constexpr DisplayUnit<ColocationRate> usd_per_kw_month{
    "usd_per_kw_month", "USD/kW/month", 1.0 / (1000.0 * seconds_per_month)};
inline constexpr DisplayUnit<ElectricityPrice> usd_per_kwh{"usd_per_kwh", "USD/kWh",
                                                           1.0 / joules_per_kwh};
inline constexpr DisplayUnit<ElectricityPrice> usd_per_mwh{"usd_per_mwh", "USD/MWh",
                                                           1.0 / (1000.0 * joules_per_kwh)};
inline constexpr DisplayUnit<TokensPerGpuTime> tokens_per_s_per_gpu{"tokens_per_s_per_gpu",
                                                                    "tokens/s/GPU", 1.0};
inline constexpr DisplayUnit<TokensPerGpu> mtok_per_gpu{"mtok_per_gpu", "Mtok/GPU", tokens_per_mtok};
inline constexpr DisplayUnit<UsdPerToken> usd_per_mtok{"usd_per_mtok", "USD/Mtok", 1.0 / tokens_per_mtok};
inline constexpr DisplayUnit<UsdPerToken> usd_per_token{"usd_per_token", "USD/token", 1.0};
inline constexpr DisplayUnit<TokensPerTime> tokens_per_s_per_user{"tokens_per_s_per_user", "tokens/s/user", 1.0};
inline constexpr DisplayUnit<TokensPerTime> tokens_per_month{"tokens_per_month", "tokens/month",
                                                             1.0 / seconds_per_month};
inline constexpr DisplayUnit<TokensPerTime> mtok_per_month{"mtok_per_month", "Mtok/month",
                                                           tokens_per_mtok / seconds_per_month};
inline constexpr DisplayUnit<UsdPerTime> usd_per_month{"usd_per_month", "USD/month",
                                                       1.0 / seconds_per_month};
inline constexpr DisplayUnit<UsdPerTime> usd_per_hour{"usd_per_hour", "USD/hour", 1.0 / seconds_per_hour};
inline constexpr DisplayUnit<UsdPerTime> usd_per_year{"usd_per_year", "USD/year", 1.0 / seconds_per_year};
inline constexpr DisplayUnit<UsdPerTime> musd_per_year{"musd_per_year", "USD M/year", 1.0e6 / seconds_per_year};
inline constexpr DisplayUnit<Power> kw{"kw", "kW", 1.0e3};
inline constexpr DisplayUnit<Power> mw{"mw", "MW", 1.0e6};
// 1 USD M per MW per year = 10^6 USD / (10^6 W x 1 year).
inline constexpr DisplayUnit<CapacityRate> musd_per_mw_year{"musd_per_mw_year", "USD M/MW/year", 1.0 / seconds_per_year};
inline constexpr DisplayUnit<EnergyPerToken> joules_per_token{"joules_per_token", "J/token", 1.0};
// Storage sizes are binary: 1 TiB = 1,024 GiB.
inline constexpr DisplayUnit<Bytes> gib{"gib", "GiB", 1073741824.0};
inline constexpr DisplayUnit<Bytes> tib{"tib", "TiB", 1099511627776.0};
inline constexpr DisplayUnit<Bytes> pib{"pib", "PiB", 1125899906842624.0};
inline constexpr DisplayUnit<UsdPerByte> usd_per_gib{"usd_per_gib", "USD/GiB", 1.0 / 1073741824.0};
inline constexpr DisplayUnit<GpuTime> gpu_hours{"gpu_hours", "GPU-hours", seconds_per_hour};
inline constexpr DisplayUnit<TokensPerEnergy> mtok_per_mw_year{"mtok_per_mw_year", "Mtok/MW/year",
                                                               tokens_per_mtok / (1.0e6 * seconds_per_year)};

}  // namespace fabtoken
