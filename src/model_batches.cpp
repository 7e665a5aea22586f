#include "fabtoken/batch/model_batches.hpp"

#include "fabtoken/batch/each_scenario.hpp"
#include "fabtoken/batch/token_factory_batch.hpp"
#include "fabtoken/fields.hpp"
#include "fabtoken/pricing/bill.hpp"

#include <algorithm>
#include <string>

namespace fabtoken {
namespace {

[[noreturn]] void unknown_input(std::string_view model, std::string_view name, const BatchInputs& known) {
  std::string names;
  for (const auto& [n, value] : known) append_item(names, n);
  throw InvalidInput(name, "unknown " + std::string(model) + " input '" + std::string(name) + "'; expected one of: " + names);
}

template <class Inputs, class Fields>
BatchInputs field_values(const Inputs& inputs, const Fields& fields) {
  BatchInputs values;
  for (const auto& f : fields) values.emplace_back(f.name, f.get(inputs));
  return values;
}

// The setter of a layer's field, on a state that is the layer's Inputs.
template <class Layer>
StateSetter<typename Layer::Inputs> layer_setter(const Layer& base, std::string_view name) {
  const auto* f = find_field(Layer::fields, name);
  if (f == nullptr) unknown_input(Layer::type_name, name, field_values(base.inputs(), Layer::fields));
  return [f](typename Layer::Inputs& inputs, double value) { f->set(inputs, value); };
}

// ---- MarketplaceDeal: its terms and the lab's revenue per MW-year --------------------------------
struct DealScenario {
  MarketplaceDeal::Inputs deal;
  CapacityRate lab_revenue;
};

using DealField = std::pair<std::string_view, void (*)(DealScenario&, double)>;
constexpr std::array<DealField, 5> deal_fields{{
    {"lab_revenue_musd_per_mw_year", [](DealScenario& s, double x) { s.lab_revenue = musd_per_mw_year(x); }},
    {"revenue_share", [](DealScenario& s, double x) { s.deal.revenue_share = x; }},
    {"iaas_fee_musd_per_mw_year", [](DealScenario& s, double x) { s.deal.iaas_fee = musd_per_mw_year(x); }},
    {"cloud_opex_musd_per_mw_year", [](DealScenario& s, double x) { s.deal.cloud_opex = musd_per_mw_year(x); }},
    {"compute_mw", [](DealScenario& s, double x) { s.deal.compute = mw(x); }},
}};

// ---- ValueCapture: the token factory's inputs and the suppliers' margins ------------------------
struct ChainScenario {
  TokenFactory::Inputs factory;
  SupplierMargins::Inputs margins;
};

// ---- A workload on a price card -----------------------------------------------------------------
struct PricedScenario {
  PriceCard::Inputs card;
  Workload::Inputs workload;
};

using PricedField = std::pair<std::string_view, void (*)(PricedScenario&, double)>;
template <TokenClass C>
void set_tokens(PricedScenario& s, double x) { s.workload.per_request[C] = tokens(x); }
constexpr std::array<PricedField, 14> priced_fields{{
    {"input_usd_per_mtok", [](PricedScenario& s, double x) { s.card.input = usd_per_mtok(x); }},
    {"output_usd_per_mtok", [](PricedScenario& s, double x) { s.card.output = usd_per_mtok(x); }},
    {"cache_read_usd_per_mtok", [](PricedScenario& s, double x) { s.card.cache_read = usd_per_mtok(x); }},
    {"cache_write_5m_usd_per_mtok", [](PricedScenario& s, double x) { s.card.cache_write_5m = usd_per_mtok(x); }},
    {"cache_write_1h_usd_per_mtok", [](PricedScenario& s, double x) { s.card.cache_write_1h = usd_per_mtok(x); }},
    {"batch_discount", [](PricedScenario& s, double x) { s.card.batch_discount = x; }},
    {"priority_multiplier", [](PricedScenario& s, double x) { s.card.priority_multiplier = x; }},
    {"uncached_input_tokens", set_tokens<TokenClass::input>},
    {"cache_read_tokens", set_tokens<TokenClass::cache_read>},
    {"cache_write_5m_tokens", set_tokens<TokenClass::cache_write_5m>},
    {"cache_write_1h_tokens", set_tokens<TokenClass::cache_write_1h>},
    {"output_tokens", set_tokens<TokenClass::output>},
    {"requests_per_task", [](PricedScenario& s, double x) { s.workload.requests_per_task = x; }},
    {"tasks_per_month", [](PricedScenario& s, double x) { s.workload.tasks_per_month = x; }},
}};

template <class State, class Table>
StateSetter<State> table_setter(const Table& table, std::string_view model, std::string_view name,
                                const BatchInputs& known) {
  for (const auto& [n, set] : table)
    if (n == name) return set;
  unknown_input(model, name, known);
}

}  // namespace

BatchInputs BatchModel<Goodput>::inputs(const Goodput& goodput) { return field_values(goodput.inputs(), Goodput::fields); }

void BatchModel<Goodput>::evaluate(const Goodput& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                                   BatchOutputs out, unsigned threads) {
  evaluate_each(base.inputs(), columns, scenarios, out, outputs, threads,
                [&](std::string_view name) { return layer_setter(base, name); },
                [](const Goodput::Inputs& state) {
                  const Goodput g(state);
                  return std::array{g.total_loss(), g.downtime_loss(), g.idle_spare_cost(), g.interruptions_per_month(),
                                    in(g.cluster_mtbf(), hours)};
                });
}

BatchInputs BatchModel<IaasDeal>::inputs(const IaasDeal& deal) { return field_values(deal.inputs(), IaasDeal::fields); }

void BatchModel<IaasDeal>::evaluate(const IaasDeal& base, std::span<const BatchColumn> columns, std::size_t scenarios,
                                    BatchOutputs out, unsigned threads) {
  evaluate_each(base.inputs(), columns, scenarios, out, outputs, threads,
                [&](std::string_view name) { return layer_setter(base, name); },
                [](const IaasDeal::Inputs& state) {
                  const IaasDeal d(state);
                  return std::array{in(d.cloud_revenue_per_mw(), musd_per_mw_year),
                                    in(d.cloud_ebit_per_mw(), musd_per_mw_year), d.cloud_ebit_margin(),
                                    in(d.contract_value(), musd)};
                });
}

BatchInputs BatchModel<MarketplaceDeal>::inputs(const MarketplaceDeal& deal) {
  // No lab revenue: the deal has none of its own, so every batch gives it.
  const auto& i = deal.inputs();
  return {{"revenue_share", i.revenue_share},
          {"iaas_fee_musd_per_mw_year", in(i.iaas_fee, musd_per_mw_year)},
          {"cloud_opex_musd_per_mw_year", in(i.cloud_opex, musd_per_mw_year)},
          {"compute_mw", in(i.compute, mw)}};
}

void BatchModel<MarketplaceDeal>::evaluate(const MarketplaceDeal& base, std::span<const BatchColumn> columns,
                                           std::size_t scenarios, BatchOutputs out, unsigned threads) {
  const bool has_revenue = std::any_of(columns.begin(), columns.end(),
                                       [](const BatchColumn& c) { return c.name == "lab_revenue_musd_per_mw_year"; });
  FABTOKEN_REQUIRE(has_revenue, "lab_revenue_musd_per_mw_year",
                   "a marketplace deal's batch needs lab_revenue_musd_per_mw_year (one value or one per scenario)");
  BatchInputs known = inputs(base);
  known.emplace_back("lab_revenue_musd_per_mw_year", 0.0);
  evaluate_each(DealScenario{base.inputs(), {}}, columns, scenarios, out, outputs, threads,
                [&](std::string_view name) { return table_setter<DealScenario>(deal_fields, "MarketplaceDeal", name, known); },
                [](DealScenario& state) {
                  MarketplaceDeal deal(std::move(state.deal));  // moved in and back: the hurdles are not copied
                  const DealEconomics e = deal.at(state.lab_revenue);
                  state.deal = std::move(deal).inputs();
                  return std::array{in(e.cloud_revenue_share, musd_per_mw_year), in(e.cloud_net_revenue, musd_per_mw_year),
                                    in(e.cloud_ebit, musd_per_mw_year), e.cloud_ebit_margin,
                                    in(e.lab_gross_margin, musd_per_mw_year), e.lab_gross_margin_share};
                });
}

BatchInputs BatchModel<ValueCapture>::inputs(const ValueCapture& chain) {
  BatchInputs values = BatchModel<TokenFactory>::inputs(chain.factory());
  for (const auto& value : field_values(chain.margins().inputs(), SupplierMargins::fields)) values.push_back(value);
  return values;
}

void BatchModel<ValueCapture>::evaluate(const ValueCapture& base, std::span<const BatchColumn> columns,
                                        std::size_t scenarios, BatchOutputs out, unsigned threads) {
  const BatchInputs known = inputs(base);
  evaluate_each(
      ChainScenario{base.factory().inputs(), base.margins().inputs()}, columns, scenarios, out, outputs, threads,
      [&](std::string_view name) -> StateSetter<ChainScenario> {
        if (TokenFactory::find_parameter(name)) {
          auto set = input_setter(name);
          return [set](ChainScenario& s, double x) { set(s.factory, x); };
        }
        if (const auto* f = find_field(SupplierMargins::fields, name))
          return [f](ChainScenario& s, double x) { f->set(s.margins, x); };
        unknown_input("ValueCapture", name, known);
      },
      [](const ChainScenario& state) {
        const ValueCapture chain(TokenFactory(state.factory), SupplierMargins(state.margins));
        const PoolRows rows = chain.rows(AppPath::third_party);
        std::array<double, outputs.size()> shares{};
        std::size_t layer = 0;
        for (const PoolRow& row : rows) {
          if (row.is_bottom_cost) shares.back() += chain.shown(row.cost, PoolUnit::per_dollar);
          else shares[layer++] = chain.shown(row.gross_profit, PoolUnit::per_dollar);
        }
        return shares;
      });
}

BatchInputs BatchModel<PricedWorkload>::inputs(const PricedWorkload& priced) {
  const auto& card = priced.first.inputs();
  const auto& work = priced.second.inputs();
  BatchInputs values{{"input_usd_per_mtok", in(card.input, usd_per_mtok)}, {"output_usd_per_mtok", in(card.output, usd_per_mtok)}};
  // A cache price the card does not offer is not an input to vary from (setting it offers it).
  if (card.cache_read) values.emplace_back("cache_read_usd_per_mtok", in(*card.cache_read, usd_per_mtok));
  if (card.cache_write_5m) values.emplace_back("cache_write_5m_usd_per_mtok", in(*card.cache_write_5m, usd_per_mtok));
  if (card.cache_write_1h) values.emplace_back("cache_write_1h_usd_per_mtok", in(*card.cache_write_1h, usd_per_mtok));
  values.emplace_back("batch_discount", card.batch_discount);
  values.emplace_back("priority_multiplier", card.priority_multiplier);
  for (TokenClass c : all_token_classes)
    values.emplace_back(priced_fields[7 + static_cast<std::size_t>(c)].first, in(work.per_request[c], tokens));
  values.emplace_back("requests_per_task", work.requests_per_task);
  values.emplace_back("tasks_per_month", work.tasks_per_month);
  return values;
}

void BatchModel<PricedWorkload>::evaluate(const PricedWorkload& base, std::span<const BatchColumn> columns,
                                          std::size_t scenarios, BatchOutputs out, unsigned threads) {
  BatchInputs known;
  for (const auto& [name, set] : priced_fields) known.emplace_back(name, 0.0);
  evaluate_each(PricedScenario{base.first.inputs(), base.second.inputs()}, columns, scenarios, out, outputs, threads,
                [&](std::string_view name) { return table_setter<PricedScenario>(priced_fields, "price card and workload", name, known); },
                [](PricedScenario& state) {
                  PriceCard card(std::move(state.card));  // moved in and back: the card's text is not copied
                  const Bill bill(card, Workload(state.workload));
                  state.card = std::move(card).inputs();
                  return std::array{in(bill.per_request(), usd), in(bill.per_task(), usd), in(bill.per_month(), usd),
                                    in(bill.blended_price(), usd_per_mtok)};
                });
}

}  // namespace fabtoken
