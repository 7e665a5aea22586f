// Cloud deals (marketplace and IaaS), the token-to-MW bridge, and value capture.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/deals/compute_bridge.hpp"
#include "fabtoken/deals/iaas_deal.hpp"
#include "fabtoken/deals/marketplace_deal.hpp"
#include "fabtoken/parameter_file.hpp"
#include "fabtoken/value_capture.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {

double per_mw(CapacityRate x) { return in(x, musd_per_mw_year); }

py::object optional_per_mw(const std::optional<CapacityRate>& x) { return x ? py::cast(per_mw(*x)) : py::none(); }

// One level of lab revenue: both parties per MW-year, and what each books over the deal's MW.
py::dict economics_row(const MarketplaceDeal& deal, const DealEconomics& e) {
  py::dict row;
  row["lab_revenue_musd_per_mw_year"] = per_mw(e.lab_gross_revenue);
  row["cloud_revenue_share_musd_per_mw_year"] = per_mw(e.cloud_revenue_share);
  row["cloud_net_revenue_musd_per_mw_year"] = per_mw(e.cloud_net_revenue);
  row["cloud_ebit_musd_per_mw_year"] = per_mw(e.cloud_ebit);
  row["cloud_ebit_margin"] = e.cloud_ebit_margin;
  row["lab_gross_margin_musd_per_mw_year"] = per_mw(e.lab_gross_margin);
  row["lab_gross_margin"] = e.lab_gross_margin_share;
  row["lab_revenue_recognized_musd_per_year"] = in(deal.total(e.lab_gross_revenue), musd_per_year);
  row["cloud_revenue_recognized_musd_per_year"] = in(deal.total(e.cloud_net_revenue), musd_per_year);
  row["cloud_ebit_musd_per_year"] = in(deal.total(e.cloud_ebit), musd_per_year);
  return row;
}

py::dict deal_state(const MarketplaceDeal& d) {
  const auto& i = d.inputs();
  py::dict s;
  s["revenue_share"] = i.revenue_share;
  s["iaas_fee_musd_per_mw_year"] = per_mw(i.iaas_fee);
  s["cloud_opex_musd_per_mw_year"] = per_mw(i.cloud_opex);
  s["compute_mw"] = in(i.compute, mw);
  s["hurdles"] = py::cast(i.hurdles);
  return s;
}

MarketplaceDeal deal_from(py::object share, py::object fee, py::object opex, py::object compute,
                          std::vector<RevenueShareHurdle> hurdles) {
  return MarketplaceDeal({value_in(share, fraction, "revenue_share"),
                          quantity_arg(fee, musd_per_mw_year, "iaas_fee_musd_per_mw_year"),
                          quantity_arg(opex, musd_per_mw_year, "cloud_opex_musd_per_mw_year"),
                          quantity_arg(compute, mw, "compute_mw"), std::move(hurdles)});
}

AppPath path_from(const std::string& path) {
  if (path == "3p") return AppPath::third_party;
  if (path == "1p") return AppPath::first_party;
  throw py::value_error("path must be '3p' (the app buys tokens at the API price) or '1p' (the lab's own app), got '" +
                        path + "'");
}

PoolUnit unit_from(const std::string& per) {
  if (per == "user_month") return PoolUnit::per_user_month;
  if (per == "mtok") return PoolUnit::per_mtok;
  if (per == "dollar") return PoolUnit::per_dollar;
  throw py::value_error("per must be 'user_month', 'mtok' or 'dollar', got '" + per + "'");
}

std::string unit_suffix(PoolUnit unit) {
  switch (unit) {
    case PoolUnit::per_mtok: return "_usd_per_mtok";
    case PoolUnit::per_dollar: return "_per_usd";
    case PoolUnit::per_user_month: break;
  }
  return "_usd_per_user_month";
}

py::object pool_table(const ValueCapture& v, const std::string& path, const std::string& per) {
  const PoolUnit unit = unit_from(per);
  const PoolRows rows = v.rows(path_from(path));
  double total_profit = 0.0;
  for (const auto& r : rows)
    if (!r.is_bottom_cost) total_profit += v.shown(r.gross_profit, unit);
  const std::string suffix = unit_suffix(unit);
  py::list out;
  for (const auto& r : rows) {
    py::dict row;
    row["layer"] = std::string(r.layer);
    row["role"] = r.is_bottom_cost ? "cost left at the bottom" : "layer";
    row[py::str("revenue" + suffix)] = v.shown(r.revenue, unit);
    row[py::str("cost" + suffix)] = v.shown(r.cost, unit);
    row[py::str("gross_profit" + suffix)] = v.shown(r.gross_profit, unit);
    row["share_of_profit"] = r.is_bottom_cost || total_profit == 0.0 ? 0.0 : v.shown(r.gross_profit, unit) / total_profit;
    out.append(row);
  }
  return py::module_::import("pandas").attr("DataFrame")(out);
}

}  // namespace

void register_deals(py::module_& m) {
  py::class_<RevenueShareHurdle> hurdle(m, "RevenueShareHurdle",
                                        "Above threshold_musd_per_mw_year of lab revenue, the revenue beyond it is shared at share.");
  hurdle.def(py::init([](py::object threshold, py::object share) {
              const RevenueShareHurdle h{quantity_arg(threshold, musd_per_mw_year, "threshold_musd_per_mw_year"),
                                         value_in(share, fraction, "share")};
              require_positive("threshold_musd_per_mw_year", h.threshold, musd_per_mw_year);
              require_in_range("share", h.share, 0.0, 1.0);
              return h;
            }),
             py::kw_only(), py::arg("threshold_musd_per_mw_year"), py::arg("share"))
      .def_property_readonly("threshold_musd_per_mw_year", [](const RevenueShareHurdle& h) { return per_mw(h.threshold); })
      .def_readonly("share", &RevenueShareHurdle::share)
      .def("__repr__", [](const RevenueShareHurdle& h) {
        return "RevenueShareHurdle(threshold_musd_per_mw_year=" + float_repr(per_mw(h.threshold)) + ", share=" +
               float_repr(h.share) + ")";
      });
  add_value_semantics(
      hurdle,
      [](const RevenueShareHurdle& h) {
        py::dict d;
        d["threshold_musd_per_mw_year"] = per_mw(h.threshold);
        d["share"] = h.share;
        return d;
      },
      [](const py::dict& d) {
        return RevenueShareHurdle{musd_per_mw_year(d["threshold_musd_per_mw_year"].cast<double>()), d["share"].cast<double>()};
      });

  py::class_<MarketplaceDeal> deal(m, "MarketplaceDeal",
                                   "A marketplace deal: the lab sells tokens as seller of record; the cloud takes an IaaS fee "
                                   "per MW-year and a share of the lab's revenue, and bears the compute's operating cost.");
  deal.def(py::init(&deal_from), py::kw_only(), py::arg("revenue_share"), py::arg("iaas_fee_musd_per_mw_year"),
           py::arg("cloud_opex_musd_per_mw_year"), py::arg("compute_mw") = 1.0,
           py::arg("hurdles") = std::vector<RevenueShareHurdle>{})
      .def("at", [](const MarketplaceDeal& d, py::object revenue) {
            return economics_row(d, d.at(quantity_arg(revenue, musd_per_mw_year, "lab_revenue_musd_per_mw_year")));
          }, py::arg("lab_revenue_musd_per_mw_year"),
          "Both parties' economics at one lab revenue per MW-year, per MW-year and in total over the deal's MW.")
      .def("sensitivity", [](const MarketplaceDeal& d, const std::vector<double>& revenues) {
            if (revenues.empty()) throw py::value_error("lab_revenues_musd_per_mw_year must hold at least one revenue");
            py::list rows;
            for (double r : revenues) rows.append(economics_row(d, d.at(musd_per_mw_year(r))));
            return py::module_::import("pandas").attr("DataFrame")(rows);
          }, py::arg("lab_revenues_musd_per_mw_year"), "One row per lab revenue per MW-year (figures.md s2 runs 10 to 40).")
      .def("revenue_share_musd_per_mw_year", [](const MarketplaceDeal& d, py::object revenue) {
            return per_mw(d.revenue_share(quantity_arg(revenue, musd_per_mw_year, "lab_revenue_musd_per_mw_year")));
          }, py::arg("lab_revenue_musd_per_mw_year"))
      .def("breakeven_against", [](const MarketplaceDeal& d, const IaasDeal& iaas) {
            return optional_per_mw(breakeven_lab_revenue(d, iaas));
          }, py::arg("iaas"),
          "The lab revenue per MW-year at which the cloud earns the same EBIT as under the IaaS deal; None if never.")
      .def("with_", [](const MarketplaceDeal& d, const py::kwargs& kw) {
            py::dict s = deal_state(d);
            for (const auto& [k, v] : kw) {
              if (!s.contains(k)) throw py::type_error("MarketplaceDeal has no term '" + std::string(py::str(k)) + "'");
              s[k] = v;
            }
            return deal_from(s["revenue_share"], s["iaas_fee_musd_per_mw_year"], s["cloud_opex_musd_per_mw_year"],
                             s["compute_mw"], s["hurdles"].cast<std::vector<RevenueShareHurdle>>());
          })
      .def("inputs", &deal_state)
      .def("__repr__", [](const MarketplaceDeal& d) {
        const py::dict s = deal_state(d);
        return "MarketplaceDeal(revenue_share=" + float_repr(s["revenue_share"].cast<double>()) +
               ", iaas_fee_musd_per_mw_year=" + float_repr(s["iaas_fee_musd_per_mw_year"].cast<double>()) +
               ", cloud_opex_musd_per_mw_year=" + float_repr(s["cloud_opex_musd_per_mw_year"].cast<double>()) +
               ", compute_mw=" + float_repr(s["compute_mw"].cast<double>()) + ", hurdles=" +
               std::string(py::repr(s["hurdles"])) + ")";
      });
  for (const char* key : {"revenue_share", "iaas_fee_musd_per_mw_year", "cloud_opex_musd_per_mw_year", "compute_mw", "hurdles"})
    deal.def_property_readonly(key, [key](const MarketplaceDeal& d) { return py::object(deal_state(d)[key]); });
  add_value_semantics(deal, &deal_state, [](const py::dict& s) {
    return deal_from(s["revenue_share"], s["iaas_fee_musd_per_mw_year"], s["cloud_opex_musd_per_mw_year"], s["compute_mw"],
                     s["hurdles"].cast<std::vector<RevenueShareHurdle>>());
  });

  bind_layer<IaasDeal>(m, "A plain IaaS deal: GPUs rented at a price per GPU-hour under a take-or-pay contract.")
      .def_property_readonly("cloud_revenue_musd_per_mw_year", [](const IaasDeal& d) { return per_mw(d.cloud_revenue_per_mw()); })
      .def_property_readonly("cloud_ebit_musd_per_mw_year", [](const IaasDeal& d) { return per_mw(d.cloud_ebit_per_mw()); })
      .def_property_readonly("cloud_ebit_margin", &IaasDeal::cloud_ebit_margin)
      .def_property_readonly("contract_value_musd", [](const IaasDeal& d) { return in(d.contract_value(), musd); });

  bind_layer<ComputeBridge>(m, "From tokens to MW: a MW's GPUs, their throughput and utilization, and the blended price.")
      .def_static("of", &ComputeBridge::of, py::arg("factory"), "The bridge of a token factory.")
      .def_property_readonly("gpus_per_mw", &ComputeBridge::gpus_per_mw)
      .def_property_readonly("mtok_per_mw_year", [](const ComputeBridge& b) { return in(b.tokens_per_energy(), mtok_per_mw_year); })
      .def_property_readonly("lab_revenue_musd_per_mw_year", [](const ComputeBridge& b) { return per_mw(b.lab_revenue_per_mw()); });

  bind_layer<SupplierMargins>(m, "Suppliers' gross margins and shares of the system vendor's cost, for value capture.");
  m.def("_read_supplier_margins", [](const std::string& path) {
    const ParameterFile file = read_parameter_file(path, parameter_specs<SupplierMargins>());
    return py::make_tuple(fields_from<SupplierMargins>(file), provenance_rows(file.provenance));
  }, py::arg("path"));

  py::class_<ValueCapture> capture(m, "ValueCapture",
                                   "The end user's payment split into revenue, cost and gross profit of every layer.");
  capture.def(py::init<TokenFactory, SupplierMargins>(), py::arg("factory"), py::arg("margins"))
      .def_property_readonly("factory", &ValueCapture::factory)
      .def_property_readonly("margins", &ValueCapture::margins)
      .def_property_readonly("user_payment_usd_per_month", [](const ValueCapture& v) { return in(v.user_payment(), usd_per_month); })
      .def("table", &pool_table, py::arg("path") = "3p", py::arg("per") = "user_month",
           "By layer: revenue, cost and gross profit, and each layer's share of all profit; path '3p' or '1p', "
           "per 'user_month', 'mtok' or 'dollar'. Gross profits plus the costs left at the bottom add up to the "
           "user's payment.")
      .def("__repr__", [](const ValueCapture& v) {
        return "ValueCapture(factory=" + std::string(py::repr(py::cast(v.factory()))) + ", margins=" +
               std::string(py::repr(py::cast(v.margins()))) + ")";
      });
  add_value_semantics(
      capture,
      [](const ValueCapture& v) {
        py::dict d;
        d["factory"] = v.factory();
        d["margins"] = v.margins();
        return d;
      },
      [](const py::dict& d) { return ValueCapture(d["factory"].cast<TokenFactory>(), d["margins"].cast<SupplierMargins>()); });
}

}  // namespace fabtoken::python
