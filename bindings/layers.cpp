// The seven layers of the stack.
#include "register.hpp"
#include "value_type.hpp"

#include "fabtoken/layers/api_price.hpp"
#include "fabtoken/layers/app.hpp"
#include "fabtoken/layers/colocation.hpp"
#include "fabtoken/layers/depreciation.hpp"
#include "fabtoken/layers/gpu_rental.hpp"
#include "fabtoken/layers/server.hpp"
#include "fabtoken/layers/throughput.hpp"

namespace fabtoken::python {

void register_layers(py::module_& m) {
  bind_layer<Server>(m, "Server capital: the price of one server and the GPUs it holds.")
      .def_property_readonly("capex_usd_per_gpu", [](const Server& s) { return in(s.capex_per_gpu(), usd_per_gpu); });

  bind_layer<Depreciation>(m, "Straight-line depreciation over a useful life, with an optional residual "
                              "value and an optional annual cost of capital (annuity).")
      .def("capital_charge_usd_per_gpu_hour", [](const Depreciation& d, py::object capex) {
            return in(d.capital_charge(quantity_arg(capex, usd_per_gpu, "capex_usd_per_gpu")), usd_per_gpu_hour);
          }, py::arg("capex_usd_per_gpu"));

  bind_layer<Colocation>(m, "Colocation billed on contracted IT power; electricity on drawn power x PUE.")
      .def_property_readonly("colocation_cost_usd_per_gpu_hour",
                             [](const Colocation& c) { return in(c.colocation_cost(), usd_per_gpu_hour); })
      .def_property_readonly("electricity_cost_usd_per_gpu_hour",
                             [](const Colocation& c) { return in(c.electricity_cost(), usd_per_gpu_hour); })
      .def_property_readonly("operating_cost_usd_per_gpu_hour",
                             [](const Colocation& c) { return in(c.operating_cost(), usd_per_gpu_hour); });

  bind_layer<GpuRental>(m, "GPU-hour economics: the rental price and the share of hours sold.")
      .def_property_readonly("revenue_usd_per_owned_gpu_hour",
                             [](const GpuRental& r) { return in(r.revenue_per_owned_gpu_hour(), usd_per_gpu_hour); })
      .def("gross_profit_usd_per_gpu_hour", [](const GpuRental& r, py::object cost) {
            return in(r.gross_profit(quantity_arg(cost, usd_per_gpu_hour, "cost_usd_per_gpu_hour")), usd_per_gpu_hour);
          }, py::arg("cost_usd_per_gpu_hour"))
      .def("gross_margin", [](const GpuRental& r, py::object cost) {
            return r.gross_margin(quantity_arg(cost, usd_per_gpu_hour, "cost_usd_per_gpu_hour"));
          }, py::arg("cost_usd_per_gpu_hour"));

  bind_layer<Throughput>(m, "Effective inference throughput per GPU.")
      .def_property_readonly("mtok_per_gpu_hour", [](const Throughput& t) { return in(t.tokens_per_gpu_hour(), mtok_per_gpu); })
      .def("cost_usd_per_mtok", [](const Throughput& t, py::object price) {
            return in(t.cost_per_token(quantity_arg(price, usd_per_gpu_hour, "price_usd_per_gpu_hour")), usd_per_mtok);
          }, py::arg("price_usd_per_gpu_hour"));

  bind_layer<ApiPrice>(m, "The blended API price per Mtok a model provider charges.")
      .def("gross_profit_usd_per_mtok", [](const ApiPrice& p, py::object cost) {
            return in(p.gross_profit(quantity_arg(cost, usd_per_mtok, "compute_cost_usd_per_mtok")), usd_per_mtok);
          }, py::arg("compute_cost_usd_per_mtok"))
      .def("gross_margin", [](const ApiPrice& p, py::object cost) {
            return p.gross_margin(quantity_arg(cost, usd_per_mtok, "compute_cost_usd_per_mtok"));
          }, py::arg("compute_cost_usd_per_mtok"));

  py::class_<AppEconomics> app_economics(m, "AppEconomics", "An app's economics per user-month at one token unit cost.");
  not_picklable(app_economics, "pickle the App and call economics() again");
  app_economics.def_property_readonly("token_unit_cost_usd_per_mtok", [](const AppEconomics& e) { return in(e.token_unit_cost, usd_per_mtok); })
      .def_property_readonly("token_cost_usd_per_user_month", [](const AppEconomics& e) { return in(e.token_cost_per_user, usd_per_month); })
      .def_property_readonly("gross_profit_usd_per_user_month", [](const AppEconomics& e) { return in(e.gross_profit_per_user, usd_per_month); })
      .def_readonly("gross_margin", &AppEconomics::gross_margin)
      .def("__repr__", [](const AppEconomics& e) {
        return "AppEconomics(token_unit_cost_usd_per_mtok=" + float_repr(in(e.token_unit_cost, usd_per_mtok)) +
               ", gross_profit_usd_per_user_month=" + float_repr(in(e.gross_profit_per_user, usd_per_month)) +
               ", gross_margin=" + float_repr(e.gross_margin) + ")";
      });

  bind_layer<App>(m, "A subscription app: tokens each user consumes and the revenue per user.")
      .def("economics", [](const App& a, py::object unit_cost) {
            return a.economics(quantity_arg(unit_cost, usd_per_mtok, "token_unit_cost_usd_per_mtok"));
          }, py::arg("token_unit_cost_usd_per_mtok"),
          "Per user-month at this token unit cost: the API price (3P app) or the compute cost (1P app).");
}

}  // namespace fabtoken::python
