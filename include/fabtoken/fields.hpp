// Field descriptors: each layer input described once (name, table label, unit, accessors), so that
// construction from keywords, files, the CLI, tables, repr and pickling all read the same list.
#pragma once

#include "fabtoken/domain.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/units.hpp"

#include <string>
#include <string_view>

namespace fabtoken {

// Values cross a Field as doubles in the field's display unit: the edge of the typed core.
template <class Inputs>
struct Field {
  std::string_view name;   // keyword and parameter name: "electricity_usd_per_kwh"
  std::string_view label;  // row label in tables: "Electricity cost"
  const UnitInfo* unit;
  double (*get)(const Inputs&);
  void (*set)(Inputs&, double);
  Domain domain;  // the values it accepts, in its display unit
};

namespace fields_detail {
template <class M>
struct member_of;
template <class C, class T>
struct member_of<T C::*> {
  using owner = C;
  using type = T;
};
}  // namespace fields_detail

template <auto Member, const auto& Unit>
constexpr auto field(std::string_view name, std::string_view label, Domain domain = domains::any) {
  using Inputs = typename fields_detail::member_of<decltype(Member)>::owner;
  return Field<Inputs>{name, label, &Unit,
                       [](const Inputs& inputs) { return in(inputs.*Member, Unit); },
                       [](Inputs& inputs, double value) { inputs.*Member = Unit(value); }, domain};
}

// Checks every field of `inputs` against its domain, in order; the first failure throws.
template <class Inputs, class Fields>
void check_domains(const Inputs& inputs, const Fields& fields) {
  for (const auto& f : fields) f.domain.check(f.name, f.get(inputs), f.unit->symbol);
}

// The field of `fields` called `name`, or nullptr.
template <class Fields>
constexpr auto find_field(const Fields& fields, std::string_view name)
    -> const typename Fields::value_type* {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

template <class Fields>
std::string field_names(const Fields& fields) {
  std::string names;
  for (const auto& f : fields) append_item(names, f.name);
  return names;
}

// A copy of `layer` with one input changed; the new layer validates itself.
template <class Layer>
Layer with_input(const Layer& layer, std::string_view name, double value) {
  const auto* f = find_field(Layer::fields, name);
  FABTOKEN_REQUIRE(f != nullptr, name,
                   "unknown parameter '" << name << "' for " << Layer::type_name
                                         << "; expected one of: " << field_names(Layer::fields));
  auto inputs = layer.inputs();
  f->set(inputs, value);
  return Layer(inputs);
}

}  // namespace fabtoken
