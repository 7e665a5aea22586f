// Bill of materials: a server priced bottom-up from its components and their suppliers' margins.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/layers/server.hpp"
#include "fabtoken/units.hpp"

#include <string>
#include <utility>
#include <vector>

namespace fabtoken {

namespace relations {
// A supplier that keeps gross margin m on a part costing c sells it at c / (1 - m).
constexpr Usd price_at_gross_margin(Usd cost, Fraction gross_margin) {
  return cost / (1.0 - gross_margin);
}
}  // namespace relations

struct Component {
  std::string name;
  double count;                   // how many of this part one server holds
  Usd unit_cost;                  // the supplier's cost for one part
  Fraction supplier_gross_margin; // in [0, 1)

  Component(std::string name_, double count_, Usd unit_cost_, Fraction margin)
      : name(std::move(name_)), count(count_), unit_cost(unit_cost_), supplier_gross_margin(margin) {
    FABTOKEN_REQUIRE(!name.empty(), "name", "a component's name must not be empty");
    const std::string prefix = "component '" + name + "': ";
    FABTOKEN_REQUIRE(std::isfinite(count) && count > 0.0, "count",
                     prefix << "count must be a positive finite number, got " << exact(count));
    require_non_negative(prefix + "unit_cost", unit_cost, usd);
    FABTOKEN_REQUIRE(std::isfinite(supplier_gross_margin) && supplier_gross_margin >= 0.0 &&
                         supplier_gross_margin < 1.0,
                     "supplier_gross_margin",
                     prefix << "supplier_gross_margin must be in [0, 1), got " << exact(supplier_gross_margin));
  }

  Usd cost() const { return count * unit_cost; }
  Usd price() const { return relations::price_at_gross_margin(cost(), supplier_gross_margin); }
  Usd supplier_gross_profit() const { return price() - cost(); }
  bool operator==(const Component&) const = default;
};

class BillOfMaterials {
 public:
  explicit BillOfMaterials(std::vector<Component> components) : components_(std::move(components)) {
    FABTOKEN_REQUIRE(!components_.empty(), "components", "a bill of materials needs at least one component");
  }

  const std::vector<Component>& components() const { return components_; }
  Usd cost() const { return sum(&Component::cost); }
  // The system price: what the server's buyer pays, every supplier's margin included.
  Usd system_price() const { return sum(&Component::price); }
  Usd supplier_gross_profit() const { return sum(&Component::supplier_gross_profit); }
  // A server priced at this bill's system price.
  Server server(Gpus gpus_per_server) const { return Server({system_price(), gpus_per_server}); }
  bool operator==(const BillOfMaterials&) const = default;

 private:
  Usd sum(Usd (Component::*part)() const) const {
    Usd total{};
    for (const auto& c : components_) total += (c.*part)();
    return total;
  }
  std::vector<Component> components_;
};

}  // namespace fabtoken
