// ARR series: growth, segment mix, recognized revenue, forecasts and the compute behind them.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/revenue/arr_series.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {

RevenueConvention convention_from(const std::string& name) {
  if (name == "linear_within_quarter") return RevenueConvention::linear_within_quarter;
  if (name == "monthly_run_rate") return RevenueConvention::monthly_run_rate;
  throw py::value_error("convention must be 'linear_within_quarter' ((opening + closing) / 2 / 4) or "
                        "'monthly_run_rate' (sum of monthly ARR / 12), got '" + name + "'");
}

py::object optional_value(const std::optional<double>& v) { return v ? py::cast(*v) : py::none(); }

// A table with these columns, even when it has no rows.
py::object frame(const py::list& rows, const std::vector<std::string>& columns) {
  return py::module_::import("pandas").attr("DataFrame")(rows, py::arg("columns") = py::cast(columns));
}

py::dict series_state(const ArrSeries& s) {
  py::dict d;
  py::list periods, total;
  for (std::size_t i = 0; i < s.periods().size(); ++i) {
    periods.append(s.periods()[i].label());
    total.append(in(s.total()[i], musd_per_year));
  }
  d["periods"] = periods;
  d["total_musd"] = total;
  py::dict segments;
  for (const Segment& seg : s.segments()) {
    py::list values;
    for (const auto& v : seg.arr) values.append(in(v, musd_per_year));
    segments[py::str(seg.name)] = values;
  }
  d["segments_musd"] = segments;
  d["opening_musd"] = s.opening() ? py::cast(in(*s.opening(), musd_per_year)) : py::none();
  return d;
}

std::vector<UsdPerTime> arr_values(const py::handle& values, const std::string& name) {
  std::vector<UsdPerTime> out;
  std::size_t i = 0;
  for (py::handle v : values) out.push_back(quantity_arg(v, musd_per_year, name + "[" + std::to_string(i++) + "]"));
  return out;
}

ArrSeries series_from(const py::object& periods, const py::object& total, const py::object& segments, const py::object& opening) {
  if (py::isinstance<py::str>(periods)) throw py::type_error("periods expects a sequence of period labels, got one string");
  std::vector<Period> parsed;
  for (py::handle p : periods) parsed.push_back(Period::parse(text_arg(p, "periods")));
  std::vector<Segment> segs;
  if (!segments.is_none())
    for (const auto& [name, values] : segments.cast<py::dict>()) segs.push_back({text_arg(name, "segments_musd"), arr_values(values, py::str(name))});
  return ArrSeries(std::move(parsed), arr_values(total, "total_musd"), std::move(segs),
                   opening.is_none() ? std::nullopt : std::optional(quantity_arg(opening, musd_per_year, "opening_musd")));
}

template <class T, class Q>
std::vector<Q> per_quarter_values(const py::object& value, const DisplayUnit<Q>& unit, const std::string& name) {
  std::vector<Q> out;
  if (py::isinstance<py::sequence>(value) && !py::isinstance<py::str>(value)) {
    std::size_t i = 0;
    for (py::handle v : value) out.push_back(quantity_arg(v, unit, name + "[" + std::to_string(i++) + "]"));
  } else {
    out.push_back(quantity_arg(value, unit, name));
  }
  return out;
}

py::object revenue_frame(const std::vector<QuarterRevenue>& revenue) {
  py::list rows;
  for (std::size_t i = 0; i < revenue.size(); ++i) {
    py::dict row;
    row["quarter"] = revenue[i].quarter.label();
    row["revenue_musd"] = in(revenue[i].revenue, musd);
    row["revenue_growth_qoq"] = optional_value(revenue_growth(revenue, i, 1));
    row["revenue_growth_yoy"] = optional_value(revenue_growth(revenue, i, 4));
    rows.append(row);
  }
  return frame(rows, {"quarter", "revenue_musd", "revenue_growth_qoq", "revenue_growth_yoy"});
}

}  // namespace

void register_revenue(py::module_& m) {
  py::class_<ArrSeries> series(m, "ArrSeries",
                               "ARR (annualized run rate, USD M) at the end of each period, in total and by segment.");
  series
      .def(py::init(&series_from), py::kw_only(), py::arg("periods"), py::arg("total_musd"),
           py::arg("segments_musd") = py::none(), py::arg("opening_musd") = py::none(),
           "Periods are quarters ('1Q24', '2024Q1') or months ('2024-01'), consecutive; opening_musd is the ARR "
           "at the end of the period before the first.")
      .def_property_readonly("frequency", [](const ArrSeries& s) {
        return s.frequency() == Frequency::quarterly ? "quarterly" : "monthly";
      })
      .def("table", [](const ArrSeries& s) {
            py::list rows;
            const bool quarterly = s.frequency() == Frequency::quarterly;
            for (std::size_t i = 0; i < s.periods().size(); ++i) {
              py::dict row;
              row["period"] = s.periods()[i].label();
              row["arr_musd"] = in(s.total()[i], musd_per_year);
              const auto nn = s.net_new(i);
              row["net_new_arr_musd"] = nn ? py::cast(in(*nn, musd_per_year)) : py::none();
              row[quarterly ? "arr_growth_qoq" : "arr_growth_mom"] = optional_value(s.growth_period_over_period(i));
              if (!quarterly) row["arr_growth_qoq"] = optional_value(s.growth(i, 3));
              row["arr_growth_yoy"] = optional_value(s.growth_year_over_year(i));
              for (std::size_t g = 0; g < s.segments().size(); ++g) {
                const std::string& name = s.segments()[g].name;
                row[py::str(name + "_musd")] = in(s.segments()[g].arr[i], musd_per_year);
                row[py::str(name + "_share")] = optional_value(s.segment_share(g, i));
                row[py::str(name + "_growth")] = optional_value(s.segment_growth(g, i, 1));
              }
              rows.append(row);
            }
            return py::module_::import("pandas").attr("DataFrame")(rows);
          }, "By period: ARR, net new ARR, growth, and each segment's ARR, share of the total and growth.")
      .def("revenue", [](const ArrSeries& s, const std::string& convention) {
            return revenue_frame(s.recognized_revenue(convention_from(convention)));
          }, py::arg("convention"), "Recognized revenue per quarter, with q/q and y/y growth.")
      .def("annual_revenue", [](const ArrSeries& s, const std::string& convention) {
            py::list rows;
            for (const auto& y : annual_revenue(s.recognized_revenue(convention_from(convention)))) {
              py::dict row;
              row["year"] = y.year;
              row["revenue_musd"] = in(y.revenue, musd);
              rows.append(row);
            }
            return frame(rows, {"year", "revenue_musd"});
          }, py::arg("convention"), "Revenue of each calendar year whose four quarters are all in the series.")
      .def("extended_by_net_new", [](const ArrSeries& s, const py::object& net_new) {
            return s.extended_by_net_new(arr_values(net_new, "net_new_musd"));
          }, py::arg("net_new_musd"), "A forecast: ARR grows by these net new amounts, one per new period.")
      .def("extended_by_growth", [](const ArrSeries& s, const std::vector<double>& rates) {
            return s.extended_by_growth(rates);
          }, py::arg("rates"), "A forecast: ARR grows at these rates, one per new period.")
      .def("compute_linkage", [](const ArrSeries& s, const std::string& convention, const py::object& arr_per_mw,
                                 const py::object& margin, const py::object& price) {
            const auto rows = compute_linkage(s, s.recognized_revenue(convention_from(convention)),
                                              per_quarter_values<CapacityRate>(arr_per_mw, musd_per_mw_year, "arr_per_mw_musd_per_mw_year"),
                                              per_quarter_values<Fraction>(margin, fraction, "gross_margin"),
                                              per_quarter_values<UsdPerToken>(price, usd_per_mtok, "token_price_usd_per_mtok"));
            py::list out;
            for (const auto& r : rows) {
              py::dict row;
              row["quarter"] = r.quarter.label();
              row["compute_mw"] = in(r.compute, mw);
              row["revenue_musd"] = in(r.revenue, musd);
              row["inference_cost_musd"] = in(r.inference_cost, musd);
              row["gross_profit_musd"] = in(r.gross_profit, musd);
              row["mtok_served"] = in(r.tokens_served, mtok);
              out.append(row);
            }
            return frame(out, {"quarter", "compute_mw", "revenue_musd", "inference_cost_musd", "gross_profit_musd", "mtok_served"});
          }, py::arg("convention"), py::kw_only(), py::arg("arr_per_mw_musd_per_mw_year"), py::arg("gross_margin"),
          py::arg("token_price_usd_per_mtok"),
          "Per quarter of revenue: MW to earn the closing ARR, inference cost and gross profit, tokens served. Each "
          "of the three paths is one value or one per quarter of revenue.")
      .def("inputs", &series_state)
      .def("__len__", [](const ArrSeries& s) { return s.periods().size(); })
      .def("__repr__", [](const ArrSeries& s) {
        const py::dict d = series_state(s);
        return "ArrSeries(periods=" + std::string(py::repr(d["periods"])) + ", total_musd=" + std::string(py::repr(d["total_musd"])) +
               ", segments_musd=" + std::string(py::repr(d["segments_musd"])) + ", opening_musd=" +
               std::string(py::repr(d["opening_musd"])) + ")";
      });
  add_value_semantics(series, &series_state, [](const py::dict& d) {
    return series_from(d["periods"], d["total_musd"], d["segments_musd"], d["opening_musd"]);
  });
  m.def("read_arr_csv", [](const std::string& path) { return read_arr_csv(path); }, py::arg("path"),
        "An ARR series from a CSV: period, total, segments..., in USD M; an 'opening' row for the period before.");
}

}  // namespace fabtoken::python
