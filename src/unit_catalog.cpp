#include "fabtoken/unit_catalog.hpp"

#include "fabtoken/errors.hpp"

#include <array>
#include <string>

namespace fabtoken {

std::span<const UnitInfo* const> unit_catalog() {
  static constexpr auto all = std::to_array<const UnitInfo*>({
      &usd, &musd, &gpus, &tokens, &ktok, &mtok, &milliseconds, &seconds, &minutes, &hours, &months, &years, &fraction, &percent, &ratio, &usd_per_gpu,
      &usd_per_gpu_hour, &kw_per_gpu, &w_per_gpu, &usd_per_kw_month, &usd_per_kwh, &usd_per_mwh,
      &tokens_per_s_per_gpu, &mtok_per_gpu, &usd_per_mtok, &usd_per_token, &tokens_per_month,
      &mtok_per_month, &usd_per_hour, &usd_per_month, &usd_per_year, &musd_per_year, &kw, &mw,
      &musd_per_mw_year, &mtok_per_mw_year, &tokens_per_s_per_user, &joules_per_token, &gib, &tib, &pib,
      &usd_per_gib, &gpu_hours,
  });
  return all;
}

const UnitInfo* find_unit(std::string_view name_or_symbol) {
  for (const UnitInfo* u : unit_catalog())
    if (u->name == name_or_symbol || u->symbol == name_or_symbol) return u;
  return nullptr;
}

double convert(double magnitude, const UnitInfo& from, const UnitInfo& to) {
  FABTOKEN_REQUIRE(from.kind_id == to.kind_id, to.name,
                   "cannot convert " << from.symbol << " (" << from.kind << ") to " << to.symbol
                                     << " (" << to.kind << ")");
  return magnitude * from.base_per_unit / to.base_per_unit;
}

}  // namespace fabtoken
