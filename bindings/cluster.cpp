// Cluster goodput, cluster TCO, and cluster presets.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/cluster/cluster.hpp"

#include <pybind11/stl.h>

namespace fabtoken::python {

namespace {

py::dict goodput_state(const Goodput& g) {
  py::dict d = fields_dict(Goodput::fields, g.inputs());
  d["recovery"] = std::string(name(g.inputs().recovery));
  return d;
}

Goodput goodput_from(Goodput::Inputs inputs, py::dict kwargs, bool all_required) {
  if (kwargs.contains("recovery")) {
    inputs.recovery = recovery_named(text_arg(kwargs["recovery"], "recovery"));
    kwargs = kwargs.attr("copy")();  // the caller's dict is left as it was
    PyDict_DelItemString(kwargs.ptr(), "recovery");
  } else if (all_required) {
    throw py::type_error("Goodput() missing keyword argument 'recovery' (fault_tolerant, hot_spare_restart or cold_spare_restart)");
  }
  set_from_kwargs(Goodput::fields, inputs, py::kwargs(kwargs), Goodput::type_name, all_required);
  return Goodput(inputs);
}

py::object tco_table(const ClusterTco& t) {
  py::list rows;
  for (const auto& line : t.lines()) {
    py::dict row;
    row["item"] = std::string(line.item);
    row["usd_per_month"] = in(line.per_month, usd);
    rows.append(row);
  }
  return py::module_::import("pandas").attr("DataFrame")(rows);
}

}  // namespace

void register_cluster(py::module_& m) {
  static const std::string goodput_doc =
      signature_doc(Goodput::type_name, Goodput::fields,
                    "Cluster goodput: the share of GPU time lost to failures, idle spares and overheads. Also takes "
                    "recovery = 'fault_tolerant', 'hot_spare_restart' or 'cold_spare_restart'.");
  py::class_<Goodput> goodput(m, "Goodput", goodput_doc.c_str());
  goodput.def(py::init([](const py::kwargs& kw) { return goodput_from({}, kw, true); }))
      .def("with_", [](const Goodput& g, const py::kwargs& kw) { return goodput_from(g.inputs(), kw, false); })
      .def("inputs", &goodput_state)
      .def_property_readonly("recovery", [](const Goodput& g) { return std::string(name(g.inputs().recovery)); })
      .def_property_readonly("cluster_mtbf_hours", [](const Goodput& g) { return in(g.cluster_mtbf(), hours); })
      .def_property_readonly("interruptions_per_month", &Goodput::interruptions_per_month)
      .def_property_readonly("job_stall_hours", [](const Goodput& g) { return in(g.job_stall(), hours); })
      .def_property_readonly("lost_gpu_hours_per_interruption", [](const Goodput& g) { return in(g.lost_per_interruption(), gpu_hours); })
      .def_property_readonly("downtime_loss", &Goodput::downtime_loss)
      .def_property_readonly("idle_spare_cost", &Goodput::idle_spare_cost)
      .def_property_readonly("total_loss", &Goodput::total_loss)
      .def("effective_tokens_per_s_per_gpu", [](const Goodput& g, py::object raw) {
            return in(g.effective(quantity_arg(raw, tokens_per_s_per_gpu, "tokens_per_s_per_gpu")), tokens_per_s_per_gpu);
          }, py::arg("tokens_per_s_per_gpu"), "Raw throughput x (1 - total loss).")
      .def("__repr__", [](const Goodput& g) {
        return "Goodput(" + fields_repr(Goodput::fields, g.inputs()) + ", recovery='" + std::string(name(g.inputs().recovery)) + "')";
      });
  for (const auto& f : Goodput::fields)
    goodput.def_property_readonly(std::string(f.name).c_str(), [f](const Goodput& g) { return f.get(g.inputs()); });
  add_value_semantics(goodput, &goodput_state, [](const py::dict& d) { return goodput_from({}, d, true); });

  bind_layer<ClusterTco>(m, "A GPU cluster's monthly bill (per billing month of hours_per_month hours) and contract total.")
      .def("table", &tco_table, "One row per line of the monthly bill, setup spread over the contract.")
      .def_property_readonly("monthly_usd", [](const ClusterTco& t) { return in(t.monthly(), usd); })
      .def_property_readonly("contract_total_usd", [](const ClusterTco& t) { return in(t.contract_total(), usd); })
      .def("compare", [](const ClusterTco& a, const ClusterTco& b) {
            py::list rows;
            const auto lines_a = a.lines(), lines_b = b.lines();
            const auto add = [&](const std::string& item, Usd x, Usd y) {
              py::dict row;
              row["item"] = item;
              row["usd_per_month"] = in(x, usd);
              row["other_usd_per_month"] = in(y, usd);
              row["ratio"] = y > Usd{} ? py::cast(Fraction(x / y)) : py::none();
              rows.append(row);
            };
            for (std::size_t i = 0; i < lines_a.size(); ++i) add(std::string(lines_a[i].item), lines_a[i].per_month, lines_b[i].per_month);
            add("Monthly", a.monthly(), b.monthly());
            add("Contract total", a.contract_total(), b.contract_total());
            py::object frame = py::module_::import("pandas").attr("DataFrame")(rows);
            frame["ratio"] = frame["ratio"].attr("astype")("Float64");  // undefined ratios are missing (<NA>), not NaN
            return frame;
          }, py::arg("other"), "Line by line against another cluster, with the ratio (missing, <NA>, where the other is 0).");

  m.def("_read_cluster", [](const std::string& path) {
    const ClusterPreset preset = read_cluster(path);
    return py::make_tuple(preset.goodput, preset.tco, provenance_rows(preset.provenance));
  }, py::arg("path"));
}

}  // namespace fabtoken::python
