// Throughput curves, the chip catalog, prefill/decode costs and benchmark import.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/chips/benchmark_import.hpp"
#include "fabtoken/chips/chip_catalog.hpp"
#include "fabtoken/chips/prefill_decode.hpp"
#include "fabtoken/chips/throughput_curve.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {

Extrapolation extrapolation(bool clamp) { return clamp ? Extrapolation::clamp : Extrapolation::forbid; }

// A curve's optional column: the value of each point, or None.
template <class Q>
py::list column(const std::vector<CurvePoint>& points, std::optional<Q> CurvePoint::*member, const DisplayUnit<Q>& unit) {
  py::list out;
  for (const auto& p : points) out.append((p.*member) ? py::cast(in(*(p.*member), unit)) : py::none());
  return out;
}

py::dict points_columns(const std::vector<CurvePoint>& points) {
  py::dict d;
  py::list interactivity, throughput;
  for (const auto& p : points) {
    interactivity.append(in(p.interactivity, tokens_per_s_per_user));
    throughput.append(in(p.throughput, tokens_per_s_per_gpu));
  }
  d["interactivity_tokens_per_s_per_user"] = interactivity;
  d["tokens_per_s_per_gpu"] = throughput;
  d["input_tokens_per_s_per_gpu"] = column(points, &CurvePoint::input_throughput, tokens_per_s_per_gpu);
  d["output_tokens_per_s_per_gpu"] = column(points, &CurvePoint::output_throughput, tokens_per_s_per_gpu);
  d["power_w_per_gpu"] = column(points, &CurvePoint::power, w_per_gpu);
  d["ttft_median_ms"] = column(points, &CurvePoint::ttft_median, milliseconds);
  d["ttft_p99_ms"] = column(points, &CurvePoint::ttft_p99, milliseconds);
  return d;
}

py::dict curve_state(const ThroughputCurve& c) {
  const auto& k = c.config();
  py::dict d;
  d["chip"] = k.chip;
  d["model"] = k.model;
  d["precision"] = k.precision;
  d["framework"] = k.framework;
  d["input_length"] = k.input_length;
  d["output_length"] = k.output_length;
  d["optimizations"] = k.optimizations;
  for (const auto& [key, value] : points_columns(c.points())) d[key] = value;
  return d;
}

template <class Q>
std::optional<Q> optional_cell(const py::object& values, std::size_t i, const DisplayUnit<Q>& unit, const std::string& name) {
  if (values.is_none()) return std::nullopt;
  const py::object v = values[py::int_(i)];
  if (v.is_none()) return std::nullopt;
  return quantity_arg(v, unit, name + "[" + std::to_string(i) + "]");
}

ThroughputCurve curve_from(const py::dict& kw) {
  static const char* known[] = {"chip", "model", "precision", "framework", "input_length", "output_length",
                                "optimizations", "interactivity_tokens_per_s_per_user", "tokens_per_s_per_gpu",
                                "input_tokens_per_s_per_gpu", "output_tokens_per_s_per_gpu", "power_w_per_gpu",
                                "ttft_median_ms", "ttft_p99_ms"};
  for (const auto& [key, value] : kw) {
    const std::string k = py::str(key);
    if (std::find(std::begin(known), std::end(known), k) == std::end(known))
      throw py::type_error("ThroughputCurve() got an unexpected keyword argument '" + k + "'");
  }
  for (const char* required : {"chip", "interactivity_tokens_per_s_per_user", "tokens_per_s_per_gpu"})
    if (!kw.contains(required)) throw py::type_error(std::string("ThroughputCurve() missing keyword argument '") + required + "'");
  const auto text = [&](const char* k) { return kw.contains(k) ? text_arg(kw[k], k) : std::string(); };
  const auto number = [&](const char* k) { return kw.contains(k) ? value_in(kw[k], ratio, k) : 0.0; };
  CurveConfig config{text("chip"), text("model"), text("precision"), text("framework"), number("input_length"),
                     number("output_length"), text("optimizations")};
  const auto sequence = [&](const char* k) {
    const py::object values = kw[k];
    if (!py::isinstance<py::sequence>(values) || py::isinstance<py::str>(values))
      throw py::type_error(std::string(k) + " expects a sequence with one value per point, got " +
                           std::string(py::str(py::type::of(values).attr("__name__"))));
    return values.cast<py::sequence>();
  };
  const py::sequence interactivity = sequence("interactivity_tokens_per_s_per_user");
  const py::sequence throughput = sequence("tokens_per_s_per_gpu");
  if (py::len(interactivity) != py::len(throughput))
    throw py::value_error("interactivity_tokens_per_s_per_user and tokens_per_s_per_gpu must have one value per point, got " +
                          std::to_string(py::len(interactivity)) + " and " + std::to_string(py::len(throughput)));
  const auto optional_column = [&](const char* k) -> py::object {
    if (!kw.contains(k) || kw[k].is_none()) return py::none();
    py::object values = kw[k];
    if (py::len(values) != py::len(interactivity))
      throw py::value_error(std::string(k) + " must have one value per point (" + std::to_string(py::len(interactivity)) +
                            "), got " + std::to_string(py::len(values)));
    return values;
  };
  const py::object input = optional_column("input_tokens_per_s_per_gpu"), output = optional_column("output_tokens_per_s_per_gpu"),
                   power = optional_column("power_w_per_gpu"), ttft = optional_column("ttft_median_ms"),
                   ttft99 = optional_column("ttft_p99_ms");
  std::vector<CurvePoint> points;
  for (std::size_t i = 0; i < py::len(interactivity); ++i)
    points.push_back({quantity_arg(interactivity[i], tokens_per_s_per_user, "interactivity_tokens_per_s_per_user[" + std::to_string(i) + "]"),
                      quantity_arg(throughput[i], tokens_per_s_per_gpu, "tokens_per_s_per_gpu[" + std::to_string(i) + "]"),
                      optional_cell(input, i, tokens_per_s_per_gpu, "input_tokens_per_s_per_gpu"),
                      optional_cell(output, i, tokens_per_s_per_gpu, "output_tokens_per_s_per_gpu"),
                      optional_cell(power, i, w_per_gpu, "power_w_per_gpu"),
                      optional_cell(ttft, i, milliseconds, "ttft_median_ms"),
                      optional_cell(ttft99, i, milliseconds, "ttft_p99_ms")});
  return ThroughputCurve(std::move(config), std::move(points));
}

py::object points_frame(const std::vector<CurvePoint>& points) {
  return py::module_::import("pandas").attr("DataFrame")(points_columns(points));
}

template <class Q>
py::object optional_in(const std::optional<Q>& q, const DisplayUnit<Q>& unit) {
  return q ? py::cast(in(*q, unit)) : py::none();
}

}  // namespace

void register_chips(py::module_& m) {
  py::class_<ThroughputCurve> curve(m, "ThroughputCurve",
                                    "Tokens/s per GPU against tokens/s per user for one serving configuration; columns "
                                    "are sequences with one value per measured point.");
  curve.def(py::init([](const py::kwargs& kw) { return curve_from(kw); }))
      .def_property_readonly("label", [](const ThroughputCurve& c) { return c.config().label(); })
      .def("points", [](const ThroughputCurve& c) { return points_frame(c.points()); }, "Every measured point.")
      .def("frontier", [](const ThroughputCurve& c) { return points_frame(c.frontier()); },
           "The Pareto frontier: interactivity rising, throughput falling; dominated and duplicate points left out.")
      .def("throughput_at", [](const ThroughputCurve& c, py::object x, bool clamp) {
            return in(c.throughput_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"), extrapolation(clamp)),
                      tokens_per_s_per_gpu);
          }, py::arg("interactivity_tokens_per_s_per_user"), py::kw_only(), py::arg("clamp") = false,
          "Tokens/s per GPU at an interactivity, linear along the frontier; outside the measured range a ValueError "
          "unless clamp=True (the nearest measurement).")
      .def("input_throughput_at", [](const ThroughputCurve& c, py::object x, bool clamp) {
            return optional_in(c.input_throughput_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"),
                                                     extrapolation(clamp)), tokens_per_s_per_gpu);
          }, py::arg("interactivity_tokens_per_s_per_user"), py::kw_only(), py::arg("clamp") = false)
      .def("output_throughput_at", [](const ThroughputCurve& c, py::object x, bool clamp) {
            return optional_in(c.output_throughput_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"),
                                                      extrapolation(clamp)), tokens_per_s_per_gpu);
          }, py::arg("interactivity_tokens_per_s_per_user"), py::kw_only(), py::arg("clamp") = false)
      .def("cost_usd_per_mtok_at", [](const ThroughputCurve& c, py::object x, py::object price, bool clamp) {
            return in(c.cost_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"),
                                quantity_arg(price, usd_per_gpu_hour, "price_usd_per_gpu_hour"), extrapolation(clamp)),
                      usd_per_mtok);
          }, py::arg("interactivity_tokens_per_s_per_user"), py::arg("price_usd_per_gpu_hour"), py::kw_only(),
          py::arg("clamp") = false, "What a token costs at an interactivity for whoever pays this price per GPU-hour.")
      .def("joules_per_token_at", [](const ThroughputCurve& c, py::object x, bool clamp) {
            return optional_in(c.energy_per_token_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"),
                                                     extrapolation(clamp)), joules_per_token);
          }, py::arg("interactivity_tokens_per_s_per_user"), py::kw_only(), py::arg("clamp") = false,
          "Energy per token from the measured power (None without power).")
      .def("mtok_per_mw_year_at", [](const ThroughputCurve& c, py::object x, bool clamp) -> py::object {
            const auto e = c.energy_per_token_at(quantity_arg(x, tokens_per_s_per_user, "interactivity_tokens_per_s_per_user"),
                                                 extrapolation(clamp));
            if (!e) return py::none();
            return py::cast(in(1.0 / *e, mtok_per_mw_year));
          }, py::arg("interactivity_tokens_per_s_per_user"), py::kw_only(), py::arg("clamp") = false,
          "Tokens per MW-year of GPU power from the measured power (None without power).")
      .def("inputs", &curve_state)
      .def("__repr__", [](const ThroughputCurve& c) {
        std::string out;
        for (const auto& [key, value] : curve_state(c))
          append_item(out, std::string(py::str(key)) + "=" + std::string(py::repr(value)));
        return "ThroughputCurve(" + out + ")";
      });
  for (const char* key : {"chip", "model", "precision", "framework", "input_length", "output_length", "optimizations"})
    curve.def_property_readonly(key, [key](const ThroughputCurve& c) { return py::object(curve_state(c)[key]); });
  add_value_semantics(curve, &curve_state, [](const py::dict& d) { return curve_from(d); });

  m.def("read_inferencex", [](const std::string& path) { return read_inferencex(path); }, py::arg("path"),
        "Throughput curves from InferenceX aggregated results (JSON), one per configuration.");
  m.def("read_throughput_csv", [](const std::string& path) { return read_throughput_csv(path); }, py::arg("path"),
        "Throughput curves from a CSV of measured points, one per configuration.");

  py::class_<Chip> chip(m, "Chip", "A chip's TCO per GPU-hour and, where known, its all-in power per GPU.");
  chip.def_readonly("name", &Chip::name)
      .def_property_readonly("tco_usd_per_gpu_hour", [](const Chip& c) { return in(c.tco, usd_per_gpu_hour); })
      .def_property_readonly("kw_per_gpu", [](const Chip& c) { return optional_in(c.power, kw_per_gpu); })
      .def_readonly("source", &Chip::source)
      .def_readonly("date", &Chip::date)
      .def("__repr__", [](const Chip& c) {
        return "<Chip " + c.name + ": " + float_repr(in(c.tco, usd_per_gpu_hour)) + " USD/GPU-hour>";
      });
  not_picklable(chip, "pickle the catalog's file path, or its table()");
  chip.def("__eq__", [](const Chip& a, py::object b) -> py::object {
        if (!py::isinstance<Chip>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<const Chip&>());
      })
      .def("__hash__", [](const Chip& c) { return py::hash(py::make_tuple(c.name, in(c.tco, usd_per_gpu_hour), c.source, c.date)); });

  py::class_<ChipCatalog> catalog(m, "ChipCatalog", "Chips with their TCO per GPU-hour, source and date.");
  not_picklable(catalog, "pickle the catalog's file path, or its table()");
  catalog.def_property_readonly("chips", &ChipCatalog::chips)
      .def("find", &ChipCatalog::find, py::arg("name"))
      .def("__getitem__", &ChipCatalog::find, py::arg("name"))
      .def("__len__", [](const ChipCatalog& c) { return c.chips().size(); })
      .def("__iter__", [](py::object self) { return py::iter(self.attr("chips")); })
      .def("cost_per_token_ratio", &ChipCatalog::cost_per_token_ratio, py::arg("a"), py::arg("b"), py::arg("throughput_ratio"),
           "Cost per token of chip a relative to chip b: (TCO_a / TCO_b) / throughput_ratio.")
      .def("table", [](const ChipCatalog& c) {
        py::list rows;
        for (const Chip& chip : c.chips()) {
          py::dict row;
          row["chip"] = chip.name;
          row["tco_usd_per_gpu_hour"] = in(chip.tco, usd_per_gpu_hour);
          row["kw_per_gpu"] = optional_in(chip.power, kw_per_gpu);
          row["source"] = chip.source;
          row["date"] = chip.date;
          rows.append(row);
        }
        return py::module_::import("pandas").attr("DataFrame")(rows);
      });
  m.def("read_chip_catalog", [](const std::string& path) { return read_chip_catalog(path); }, py::arg("path"));
  m.def("cost_per_token_ratio", py::overload_cast<double, double>(&cost_per_token_ratio), py::arg("tco_ratio"),
        py::arg("throughput_ratio"),
        "Cost per token of A relative to B = (TCO_A / TCO_B) / (throughput_A / throughput_B).");

  bind_layer<PrefillDecode>(m, "Input and output throughput per deployed GPU and the prefill share of GPU time → "
                               "input, cached-input and output cost per Mtok.")
      .def("serving_cost", [](const PrefillDecode& p, py::object price) {
            return p.serving_cost(quantity_arg(price, usd_per_gpu_hour, "price_usd_per_gpu_hour"));
          }, py::arg("price_usd_per_gpu_hour"));
}

}  // namespace fabtoken::python
