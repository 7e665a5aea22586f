#include "fabtoken/token_factory.hpp"

#include "fabtoken/errors.hpp"
#include "fabtoken/fields.hpp"

#include <cmath>
#include <string>

namespace fabtoken {
namespace {

// Visits each layer's part of the stack's inputs (as a pointer to member) with its fields and the
// stack layer it belongs to.
template <class Visit>
void for_each_part(Visit&& visit) {
  using I = TokenFactory::Inputs;
  visit("Chip", &I::server, Server::fields);
  visit("IaaS", &I::depreciation, Depreciation::fields);
  visit("IaaS", &I::colocation, Colocation::fields);
  visit("IaaS", &I::rental, GpuRental::fields);
  visit("PaaS", &I::throughput, Throughput::fields);
  visit("PaaS", &I::api_price, ApiPrice::fields);
  visit("Application", &I::app, App::fields);
}

[[noreturn]] void unknown_parameter(std::string_view name) {
  throw InvalidInput(name, "unknown token factory parameter '" + std::string(name) +
                               "'; expected one of: " + TokenFactory::parameter_names());
}

}  // namespace

TokenFactory::Inputs TokenFactory::inputs() const {
  return {server_.inputs(),     depreciation_.inputs(), colocation_.inputs(), rental_.inputs(),
          throughput_.inputs(), api_price_.inputs(),    app_.inputs()};
}

StackEconomics TokenFactory::evaluate() const {
  const StackEconomics e =
      stack_economics(ownership_cost(server_.inputs(), depreciation_.capital_recovery_rate(), colocation_.inputs()),
                      rental_.inputs(), throughput_.inputs(), api_price_.inputs(), app_.inputs());
  // Inputs that pass their checks can still be extreme enough (a throughput of 1e-320 tokens/s)
  // to overflow a result; refuse them rather than return inf or NaN.
  const auto finite = [](std::string_view result, double value) {
    FABTOKEN_REQUIRE(std::isfinite(value), result,
                     "the inputs are too extreme to compute " << result << " (it comes out " << exact(value)
                                                               << "); check for values near 0 or beyond 1e300");
  };
  finite("depreciation", in(e.depreciation, usd_per_gpu_hour));
  finite("total cost", in(e.total_cost, usd_per_gpu_hour));
  finite("cloud gross margin", e.cloud_gross_margin);
  finite("compute cost", in(e.compute_cost, usd_per_mtok));
  finite("model gross margin", e.model_gross_margin);
  for (const AppEconomics* app : {&e.third_party_app, &e.first_party_app}) {
    finite("app token cost", in(app->token_cost_per_user, usd_per_month));
    finite("app gross margin", app->gross_margin);
  }
  return e;
}

std::vector<StackRow> TokenFactory::rows() const {
  const StackEconomics e = evaluate();
  const Inputs i = inputs();
  return {
      {"Chip", "Total server capital cost", &usd, in(i.server.price_per_server, usd), true},
      {"Chip", "GPUs per server", &gpus, in(i.server.gpus_per_server, gpus), true},
      {"Chip", "Capital cost per GPU", &usd_per_gpu, in(e.capex_per_gpu, usd_per_gpu), false},
      {"IaaS", "Useful life", &years, in(i.depreciation.useful_life, years), true},
      {"IaaS", "Residual value", &percent, in(i.depreciation.residual_value, percent), true},
      {"IaaS", "Cost of capital", &percent, in(i.depreciation.cost_of_capital, percent), true},
      {"IaaS", "Depreciation expense", &usd_per_gpu_hour, in(e.depreciation, usd_per_gpu_hour), false},
      {"IaaS", "Power per GPU, all-in", &kw_per_gpu, in(i.colocation.it_power, kw_per_gpu), true},
      {"IaaS", "Power usage effectiveness", &ratio, i.colocation.pue, true},
      {"IaaS", "Average load factor", &percent, in(i.colocation.load_factor, percent), true},
      {"IaaS", "Colocation cost", &usd_per_kw_month, in(i.colocation.colocation, usd_per_kw_month), true},
      {"IaaS", "Electricity cost", &usd_per_kwh, in(i.colocation.electricity, usd_per_kwh), true},
      {"IaaS", "Operating cost", &usd_per_gpu_hour, in(e.operating_cost, usd_per_gpu_hour), false},
      {"IaaS", "Total variable cost", &usd_per_gpu_hour, in(e.total_cost, usd_per_gpu_hour), false},
      {"IaaS", "Revenue (rental price)", &usd_per_gpu_hour, in(i.rental.rental_price, usd_per_gpu_hour), true},
      {"IaaS", "Utilization", &percent, in(i.rental.utilization, percent), true},
      {"IaaS", "Neocloud gross margin", &percent, in(e.cloud_gross_margin, percent), false},
      {"PaaS", "Effective inference throughput", &tokens_per_s_per_gpu,
       in(i.throughput.tokens_per_second, tokens_per_s_per_gpu), true},
      {"PaaS", "Inference compute cost", &usd_per_mtok, in(e.compute_cost, usd_per_mtok), false},
      {"PaaS", "Inference API blended price", &usd_per_mtok, in(i.api_price.blended_price, usd_per_mtok), true},
      {"PaaS", "Model gross margin", &percent, in(e.model_gross_margin, percent), false},
      {"Application", "Tokens per user per month", &tokens_per_month, in(i.app.tokens_per_user, tokens_per_month), true},
      {"Application", "3P token unit cost", &usd_per_mtok, in(e.third_party_app.token_unit_cost, usd_per_mtok), false},
      {"Application", "Average revenue per user", &usd_per_month, in(i.app.revenue_per_user, usd_per_month), true},
      {"Application", "3P gross profit per user", &usd_per_month,
       in(e.third_party_app.gross_profit_per_user, usd_per_month), false},
      {"Application", "3P application gross margin", &percent, in(e.third_party_app.gross_margin, percent), false},
      {"Application", "1P token unit cost", &usd_per_mtok, in(e.first_party_app.token_unit_cost, usd_per_mtok), false},
      {"Application", "1P gross profit per user", &usd_per_month,
       in(e.first_party_app.gross_profit_per_user, usd_per_month), false},
      {"Application", "1P application gross margin", &percent, in(e.first_party_app.gross_margin, percent), false},
  };
}

const std::vector<StackParameter>& TokenFactory::parameters() {
  static const std::vector<StackParameter> all = [] {
    std::vector<StackParameter> out;
    for_each_part([&](std::string_view layer, auto, const auto& fields) {
      for (const auto& f : fields) out.push_back({f.name, f.label, layer, f.unit, f.domain});
    });
    return out;
  }();
  return all;
}

std::function<void(TokenFactory::Inputs&, double)> input_setter(std::string_view name) {
  std::function<void(TokenFactory::Inputs&, double)> setter;
  for_each_part([&](std::string_view, auto part, const auto& fields) {
    if (const auto* f = find_field(fields, name))
      setter = [part, f](TokenFactory::Inputs& inputs, double value) { f->set(inputs.*part, value); };
  });
  if (!setter) unknown_parameter(name);
  return setter;
}

const StackParameter* TokenFactory::find_parameter(std::string_view name) {
  for (const auto& p : parameters())
    if (p.name == name) return &p;
  return nullptr;
}

std::string TokenFactory::parameter_names() {
  std::string names;
  for (const auto& p : parameters()) append_item(names, p.name);
  return names;
}

void set_input(TokenFactory::Inputs& inputs, std::string_view name, double value) { input_setter(name)(inputs, value); }

double TokenFactory::value(std::string_view name) const {
  const Inputs all = inputs();
  double result = 0.0;
  bool found = false;
  for_each_part([&](std::string_view, auto part, const auto& fields) {
    if (const auto* f = find_field(fields, name)) {
      result = f->get(all.*part);
      found = true;
    }
  });
  if (!found) unknown_parameter(name);
  return result;
}

TokenFactory TokenFactory::with(std::string_view name, double value) const {
  Inputs changed = inputs();
  set_input(changed, name, value);
  return TokenFactory(changed);
}

}  // namespace fabtoken
