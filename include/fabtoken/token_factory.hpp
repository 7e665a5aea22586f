// The token factory: the whole stack from a server's capital cost to an app's gross margin.
#pragma once

#include "fabtoken/layers/api_price.hpp"
#include "fabtoken/layers/app.hpp"
#include "fabtoken/layers/colocation.hpp"
#include "fabtoken/layers/depreciation.hpp"
#include "fabtoken/layers/gpu_rental.hpp"
#include "fabtoken/layers/server.hpp"
#include "fabtoken/layers/throughput.hpp"
#include "fabtoken/units.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fabtoken {

// Every result of the stack, typed. The model provider rents GPUs at the rental price, so its
// compute cost per token is the rental price over throughput; a 1P app pays that compute cost.
struct StackEconomics {
  UsdPerGpu capex_per_gpu;
  UsdPerGpuTime depreciation;
  UsdPerGpuTime colocation_cost;
  UsdPerGpuTime electricity_cost;
  UsdPerGpuTime operating_cost;
  UsdPerGpuTime total_cost;           // depreciation + operating cost, per GPU-hour owned
  UsdPerGpuTime cloud_revenue;        // rental price x utilization, per GPU-hour owned
  UsdPerGpuTime cloud_gross_profit;
  Fraction cloud_gross_margin;
  TokensPerGpu tokens_per_gpu_hour;
  UsdPerToken compute_cost;
  UsdPerToken model_gross_profit;
  Fraction model_gross_margin;
  AppEconomics third_party_app;
  AppEconomics first_party_app;
};

// One input of the stack, as files, the CLI and Python name it.
struct StackParameter {
  std::string_view name;
  std::string_view label;
  std::string_view layer;  // "Chip", "IaaS", "PaaS", "Application"
  const UnitInfo* unit;
  Domain domain;  // the values it accepts, in its unit
};

// One row of the stack table, in display units.
struct StackRow {
  std::string_view layer;
  std::string_view item;
  const UnitInfo* unit;
  double value;
  bool is_input;
};

// What owning and running one GPU costs, per GPU-hour owned.
struct OwnershipCost {
  UsdPerGpu capex_per_gpu;
  UsdPerGpuTime depreciation;
  UsdPerGpuTime colocation_cost;
  UsdPerGpuTime electricity_cost;
  UsdPerGpuTime operating_cost;
  UsdPerGpuTime total_cost;
};

// The stack's relations from inputs to results, unvalidated, in two steps: TokenFactory::evaluate()
// runs them on validated layers, the batch kernel on columns checked against the same domains (and
// the first step once, when none of its inputs varies). The capital recovery rate comes in
// precomputed: it is costly (expm1, log1p) and rarely varies in a sweep.
inline OwnershipCost ownership_cost(const Server::Inputs& server, PerTime capital_recovery,
                                    const Colocation::Inputs& colocation) {
  OwnershipCost c{};
  c.capex_per_gpu = relations::capex_per_gpu(server.price_per_server, server.gpus_per_server);
  c.depreciation = relations::capital_charge(c.capex_per_gpu, capital_recovery);
  c.colocation_cost = relations::colocation_cost(colocation.colocation, colocation.it_power);
  c.electricity_cost =
      relations::electricity_cost(colocation.electricity, colocation.it_power, colocation.load_factor, colocation.pue);
  c.operating_cost = c.colocation_cost + c.electricity_cost;
  c.total_cost = c.depreciation + c.operating_cost;
  return c;
}

inline StackEconomics stack_economics(const OwnershipCost& cost, const GpuRental::Inputs& rental,
                                      const Throughput::Inputs& throughput, const ApiPrice::Inputs& api_price,
                                      const App::Inputs& app) {
  StackEconomics e{};
  e.capex_per_gpu = cost.capex_per_gpu;
  e.depreciation = cost.depreciation;
  e.colocation_cost = cost.colocation_cost;
  e.electricity_cost = cost.electricity_cost;
  e.operating_cost = cost.operating_cost;
  e.total_cost = cost.total_cost;
  e.cloud_revenue = relations::revenue_per_owned_gpu_time(rental.rental_price, rental.utilization);
  e.cloud_gross_profit = e.cloud_revenue - e.total_cost;
  e.cloud_gross_margin = relations::gross_margin(e.cloud_revenue, e.total_cost);
  e.tokens_per_gpu_hour = throughput.tokens_per_second * hours(1.0);
  e.compute_cost = relations::cost_per_token(rental.rental_price, throughput.tokens_per_second);
  e.model_gross_profit = api_price.blended_price - e.compute_cost;
  e.model_gross_margin = relations::gross_margin(api_price.blended_price, e.compute_cost);
  e.third_party_app = relations::app_economics(app, api_price.blended_price);
  e.first_party_app = relations::app_economics(app, e.compute_cost);
  return e;
}

class TokenFactory {
 public:
  struct Inputs {
    Server::Inputs server;
    Depreciation::Inputs depreciation;
    Colocation::Inputs colocation;
    GpuRental::Inputs rental;
    Throughput::Inputs throughput;
    ApiPrice::Inputs api_price;
    App::Inputs app;
    bool operator==(const Inputs&) const = default;
  };

  TokenFactory(Server server, Depreciation depreciation, Colocation colocation, GpuRental rental,
               Throughput throughput, ApiPrice api_price, App app)
      : server_(server), depreciation_(depreciation), colocation_(colocation), rental_(rental),
        throughput_(throughput), api_price_(api_price), app_(app) {}
  explicit TokenFactory(const Inputs& inputs)
      : TokenFactory(Server(inputs.server), Depreciation(inputs.depreciation),
                     Colocation(inputs.colocation), GpuRental(inputs.rental),
                     Throughput(inputs.throughput), ApiPrice(inputs.api_price), App(inputs.app)) {}

  const Server& server() const { return server_; }
  const Depreciation& depreciation() const { return depreciation_; }
  const Colocation& colocation() const { return colocation_; }
  const GpuRental& rental() const { return rental_; }
  const Throughput& throughput() const { return throughput_; }
  const ApiPrice& api_price() const { return api_price_; }
  const App& app() const { return app_; }
  Inputs inputs() const;

  StackEconomics evaluate() const;
  std::vector<StackRow> rows() const;

  // Inputs by name, in their display units (see parameters()).
  static const std::vector<StackParameter>& parameters();
  static const StackParameter* find_parameter(std::string_view name);  // nullptr when there is none
  static std::string parameter_names();                                // "usd_per_server, gpus_per_server, ..."
  double value(std::string_view name) const;
  TokenFactory with(std::string_view name, double value) const;

  bool operator==(const TokenFactory&) const = default;

 private:
  Server server_;
  Depreciation depreciation_;
  Colocation colocation_;
  GpuRental rental_;
  Throughput throughput_;
  ApiPrice api_price_;
  App app_;
};

// Sets one input by name on an unvalidated Inputs; throws InvalidInput for an unknown name.
void set_input(TokenFactory::Inputs& inputs, std::string_view name, double value);

// The setter of one input, resolved once by name (for loops over many scenarios).
std::function<void(TokenFactory::Inputs&, double)> input_setter(std::string_view name);

}  // namespace fabtoken
