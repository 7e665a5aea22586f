// Price cards, workloads, bills, serving cost, SKU mixes and the value of work.
#include "register.hpp"
#include "fabtoken/errors.hpp"
#include "value_type.hpp"

#include "fabtoken/pricing/bill.hpp"
#include "fabtoken/pricing/serving_cost.hpp"
#include "fabtoken/pricing/sku_mix.hpp"
#include "fabtoken/pricing/value_of_work.hpp"

#include <pybind11/stl.h>

#include <array>

namespace fabtoken::python {

namespace {

// ---- PriceCard: keywords <-> Inputs ---------------------------------------------------------------
struct OptionalPrice {
  const char* keyword;
  std::optional<UsdPerToken> PriceCard::Inputs::*member;
};
constexpr std::array optional_prices{
    OptionalPrice{"cache_read_usd_per_mtok", &PriceCard::Inputs::cache_read},
    OptionalPrice{"cache_write_5m_usd_per_mtok", &PriceCard::Inputs::cache_write_5m},
    OptionalPrice{"cache_write_1h_usd_per_mtok", &PriceCard::Inputs::cache_write_1h},
    OptionalPrice{"long_context_input_usd_per_mtok", &PriceCard::Inputs::long_context_input},
    OptionalPrice{"long_context_output_usd_per_mtok", &PriceCard::Inputs::long_context_output},
};

py::object optional_value(const std::optional<double>& v) { return v ? py::cast(*v) : py::none(); }

py::dict card_state(const PriceCard& card) {
  const auto& c = card.inputs();
  py::dict d;
  d["model"] = c.model;
  d["provider"] = c.provider;
  d["input_usd_per_mtok"] = in(c.input, usd_per_mtok);
  d["output_usd_per_mtok"] = in(c.output, usd_per_mtok);
  for (const auto& p : optional_prices)
    d[p.keyword] = optional_value((c.*p.member) ? std::optional(in(*(c.*p.member), usd_per_mtok)) : std::nullopt);
  d["long_context_threshold_tokens"] =
      optional_value(c.long_context_threshold ? std::optional(in(*c.long_context_threshold, tokens)) : std::nullopt);
  d["batch_discount"] = c.batch_discount;
  d["priority_multiplier"] = c.priority_multiplier;
  d["effective_date"] = c.effective_date;
  d["source"] = c.source;
  return d;
}

// A card from keywords over `base` (all of them for a new card, some for with_()).
PriceCard card_from(PriceCard::Inputs c, const py::dict& kwargs, bool is_new) {
  const py::dict known = card_state(PriceCard({.model = "x"}));
  for (const auto& [key, value] : kwargs)
    if (!known.contains(key))
      throw py::type_error("PriceCard() got an unexpected keyword argument '" + std::string(py::str(key)) + "'");
  if (is_new)
    for (const char* required : {"model", "input_usd_per_mtok", "output_usd_per_mtok"})
      if (!kwargs.contains(required)) throw py::type_error(std::string("PriceCard() missing keyword argument '") + required + "'");
  const auto given = [&](const char* k) { return kwargs.contains(k); };
  const auto text = [&](const char* k, std::string& target) {
    if (given(k)) target = text_arg(kwargs[k], k);
  };
  text("model", c.model);
  text("provider", c.provider);
  text("effective_date", c.effective_date);
  text("source", c.source);
  if (given("input_usd_per_mtok")) c.input = quantity_arg(kwargs["input_usd_per_mtok"], usd_per_mtok, "input_usd_per_mtok");
  if (given("output_usd_per_mtok")) c.output = quantity_arg(kwargs["output_usd_per_mtok"], usd_per_mtok, "output_usd_per_mtok");
  for (const auto& p : optional_prices)
    if (given(p.keyword))
      c.*p.member = kwargs[p.keyword].is_none() ? std::nullopt
                                                : std::optional(quantity_arg(kwargs[p.keyword], usd_per_mtok, p.keyword));
  if (given("long_context_threshold_tokens")) {
    const py::object t = kwargs["long_context_threshold_tokens"];
    c.long_context_threshold = t.is_none() ? std::nullopt : std::optional(quantity_arg(t, tokens, "long_context_threshold_tokens"));
  }
  if (given("batch_discount")) c.batch_discount = value_in(kwargs["batch_discount"], fraction, "batch_discount");
  if (given("priority_multiplier")) c.priority_multiplier = value_in(kwargs["priority_multiplier"], ratio, "priority_multiplier");
  return PriceCard(std::move(c));
}

std::string dict_repr(const std::string& type, const py::dict& state) {
  std::string out;
  for (const auto& [key, value] : state)
    if (!value.is_none() && !(py::isinstance<py::str>(value) && py::len(value) == 0))
      append_item(out, std::string(py::str(key)) + "=" + std::string(py::repr(value)));
  return type + "(" + out + ")";
}

// ---- Workload: keywords <-> Inputs --------------------------------------------------------------
std::string tokens_keyword(TokenClass c) { return std::string(name(c)) + "_tokens"; }

py::dict workload_state(const Workload& w) {
  const auto& i = w.inputs();
  py::dict d;
  for (TokenClass c : all_token_classes) d[py::str(tokens_keyword(c))] = in(i.per_request[c], tokens);
  d["requests_per_task"] = i.requests_per_task;
  d["tasks_per_month"] = i.tasks_per_month;
  d["batch"] = i.options.batch;
  d["priority"] = i.options.priority;
  return d;
}

bool flag(py::handle value, const char* name) {
  if (!PyBool_Check(value.ptr())) throw py::type_error(std::string(name) + " expects True or False, got " + std::string(py::repr(value)));
  return value.cast<bool>();
}

Workload workload_from(Workload::Inputs i, const py::dict& kwargs) {
  for (const auto& [key, value] : kwargs) {
    const std::string k = py::str(key);
    bool known = k == "requests_per_task" || k == "tasks_per_month" || k == "batch" || k == "priority";
    for (TokenClass c : all_token_classes) known = known || k == tokens_keyword(c);
    if (!known) throw py::type_error("Workload() got an unexpected keyword argument '" + k + "'");
  }
  for (TokenClass c : all_token_classes)
    if (kwargs.contains(tokens_keyword(c)))
      i.per_request[c] = quantity_arg(kwargs[py::str(tokens_keyword(c))], tokens, tokens_keyword(c));
  if (kwargs.contains("requests_per_task")) i.requests_per_task = value_in(kwargs["requests_per_task"], ratio, "requests_per_task");
  if (kwargs.contains("tasks_per_month")) i.tasks_per_month = value_in(kwargs["tasks_per_month"], ratio, "tasks_per_month");
  if (kwargs.contains("batch")) i.options.batch = flag(kwargs["batch"], "batch");
  if (kwargs.contains("priority")) i.options.priority = flag(kwargs["priority"], "priority");
  return Workload(i);
}

CacheTtl ttl_from(const std::string& ttl) {
  if (ttl == "5m") return CacheTtl::five_minutes;
  if (ttl == "1h") return CacheTtl::one_hour;
  throw py::value_error("cache_write_ttl must be '5m' or '1h', got '" + ttl + "'");
}

// ---- Results ------------------------------------------------------------------------------------
py::object bill_table(const Bill& b) {
  py::list rows;
  for (TokenClass c : all_token_classes) {
    py::dict row;
    row["token_class"] = std::string(name(c));
    row["tokens_per_request"] = in(b.tokens_per_request(c), tokens);
    row["usd_per_mtok"] = in(b.price(c), usd_per_mtok);
    row["usd_per_request"] = in(b.per_request(c), usd);
    row["share_of_bill"] = b.share(c);
    rows.append(row);
  }
  return py::module_::import("pandas").attr("DataFrame")(rows);
}

}  // namespace

void register_pricing(py::module_& m) {
  py::class_<Bill> bill(m, "Bill", "A workload's bill on a price card: per request, task and month, by token class.");
  bill.def(py::init<const PriceCard&, const Workload&>(), py::arg("card"), py::arg("workload"))
      .def_property_readonly("long_context", &Bill::long_context, "Whether requests bill at long-context prices.")
      .def_property_readonly("usd_per_request", [](const Bill& b) { return in(b.per_request(), usd); })
      .def_property_readonly("usd_per_task", [](const Bill& b) { return in(b.per_task(), usd); })
      .def_property_readonly("usd_per_month", [](const Bill& b) { return in(b.per_month(), usd); })
      .def_property_readonly("blended_usd_per_mtok", [](const Bill& b) { return in(b.blended_price(), usd_per_mtok); },
                             "The whole bill over every token billed.")
      .def_property_readonly("usd_per_output_mtok", [](const Bill& b) -> py::object {
            const auto p = b.price_per_output_token();
            return p ? py::cast(in(*p, usd_per_mtok)) : py::none();
          }, "The whole bill over output tokens alone; None when requests have no output.")
      .def("shares", [](const Bill& b) {
            py::dict d;
            for (TokenClass c : all_token_classes) d[py::str(std::string(name(c)))] = b.share(c);
            return d;
          }, "Each token class's share of the bill.")
      .def("table", &bill_table, "By token class: tokens per request, price, USD per request and share of the bill.")
      .def("economics", [](const Bill& b, const ServingCost& cost) { return workload_economics(b, cost); },
           py::arg("serving_cost"), "The provider's revenue, cost, gross profit and margin per request.")
      .def("_repr_html_", [](const Bill& b) { return bill_table(b).attr("to_html")(py::arg("index") = false); })
      .def("__repr__", [](const Bill& b) {
        return "Bill(usd_per_request=" + float_repr(in(b.per_request(), usd)) +
               ", blended_usd_per_mtok=" + float_repr(in(b.blended_price(), usd_per_mtok)) +
               ", long_context=" + (b.long_context() ? "True" : "False") + ")";
      });
  not_picklable(bill, "pickle the PriceCard and the Workload and bill them again");

  py::class_<PriceCard> card(m, "PriceCard",
                             "What an API charges per Mtok for each token class, with long-context, batch and priority terms.");
  card.def(py::init([](const py::kwargs& kw) { return card_from({}, kw, true); }))
      .def("with_", [](const PriceCard& c, const py::kwargs& kw) { return card_from(c.inputs(), kw, false); },
           "A copy with the given terms changed.")
      .def("bill", [](const PriceCard& c, const Workload& w) { return Bill(c, w); }, py::arg("workload"))
      .def("inputs", &card_state, "The card's terms by keyword.")
      .def("__repr__", [](const PriceCard& c) { return dict_repr("PriceCard", card_state(c)); });
  for (const char* key : {"model", "provider", "input_usd_per_mtok", "output_usd_per_mtok", "cache_read_usd_per_mtok",
                          "cache_write_5m_usd_per_mtok", "cache_write_1h_usd_per_mtok", "long_context_threshold_tokens",
                          "long_context_input_usd_per_mtok", "long_context_output_usd_per_mtok", "batch_discount",
                          "priority_multiplier", "effective_date", "source"})
    card.def_property_readonly(key, [key](const PriceCard& c) { return py::object(card_state(c)[key]); });
  add_value_semantics(card, &card_state, [](const py::dict& state) { return card_from({}, state, true); });

  py::class_<Workload> workload(m, "Workload",
                                "The tokens of each class in one request, requests per task and tasks per month.");
  workload
      .def(py::init([](const py::kwargs& kw) { return workload_from(Workload::Inputs{}, kw); }))
      .def_static("from_ratios",
                  [](py::object input_tokens, py::object input_output_ratio, py::object hit, py::object write, const std::string& ttl,
                     py::object requests, py::object tasks, py::object batch, py::object priority) {
                    const Workload::Ratios r{quantity_arg(input_tokens, tokens, "input_tokens_per_request"),
                                             value_in(input_output_ratio, ratio, "input_output_ratio"),
                                             value_in(hit, fraction, "cache_hit_rate"),
                                             value_in(write, fraction, "cache_write_share"), ttl_from(ttl)};
                    return Workload::from_ratios(r, value_in(requests, ratio, "requests_per_task"),
                                                 value_in(tasks, ratio, "tasks_per_month"),
                                                 {flag(batch, "batch"), flag(priority, "priority")});
                  },
                  py::kw_only(), py::arg("input_tokens_per_request"), py::arg("input_output_ratio"),
                  py::arg("cache_hit_rate") = 0.0, py::arg("cache_write_share") = 0.0, py::arg("cache_write_ttl") = "5m",
                  py::arg("requests_per_task") = 1.0, py::arg("tasks_per_month") = 1.0, py::arg("batch") = false,
                  py::arg("priority") = false,
                  "A workload from ratios: all input tokens per request, input tokens per output token, the share of "
                  "input read from the cache (hit rate) and written to it; the rest is uncached.")
      .def("with_", [](const Workload& w, const py::kwargs& kw) { return workload_from(w.inputs(), kw); })
      .def("inputs", &workload_state)
      .def_property_readonly("input_tokens_per_request", [](const Workload& w) { return in(w.input_per_request(), tokens); })
      .def_property_readonly("total_tokens_per_request", [](const Workload& w) { return in(w.total_per_request(), tokens); })
      .def("__repr__", [](const Workload& w) { return dict_repr("Workload", workload_state(w)); });
  for (TokenClass c : all_token_classes)
    workload.def_property_readonly(tokens_keyword(c).c_str(), [c](const Workload& w) { return in(w.tokens_per_request(c), tokens); });
  for (const char* key : {"requests_per_task", "tasks_per_month", "batch", "priority"})
    workload.def_property_readonly(key, [key](const Workload& w) { return py::object(workload_state(w)[key]); });
  add_value_semantics(workload, &workload_state, [](const py::dict& state) { return workload_from(Workload::Inputs{}, state); });

  py::class_<WorkloadEconomics> economics(m, "WorkloadEconomics", "A provider's economics of one workload, per request.");
  economics.def_property_readonly("revenue_usd", [](const WorkloadEconomics& e) { return in(e.revenue, usd); })
      .def_property_readonly("cost_usd", [](const WorkloadEconomics& e) { return in(e.cost, usd); })
      .def_property_readonly("gross_profit_usd", [](const WorkloadEconomics& e) { return in(e.gross_profit, usd); })
      .def_readonly("gross_margin", &WorkloadEconomics::gross_margin)
      .def("__repr__", [](const WorkloadEconomics& e) {
        return "WorkloadEconomics(revenue_usd=" + float_repr(in(e.revenue, usd)) + ", cost_usd=" + float_repr(in(e.cost, usd)) +
               ", gross_margin=" + float_repr(e.gross_margin) + ")";
      });
  not_picklable(economics, "pickle its inputs and compute it again");

  bind_layer<ServingCost>(m, "Serving cost per Mtok of new input (prefill; cache writes too), cached input and output (decode).")
      .def_static("from_throughput",
                  [](py::object price, py::object input_tps, py::object cached_tps, py::object output_tps) {
                    return ServingCost::from_throughput(
                        quantity_arg(price, usd_per_gpu_hour, "price_usd_per_gpu_hour"),
                        quantity_arg(input_tps, tokens_per_s_per_gpu, "input_tokens_per_s_per_gpu"),
                        quantity_arg(cached_tps, tokens_per_s_per_gpu, "cached_input_tokens_per_s_per_gpu"),
                        quantity_arg(output_tps, tokens_per_s_per_gpu, "output_tokens_per_s_per_gpu"));
                  },
                  py::kw_only(), py::arg("price_usd_per_gpu_hour"), py::arg("input_tokens_per_s_per_gpu"),
                  py::arg("cached_input_tokens_per_s_per_gpu"), py::arg("output_tokens_per_s_per_gpu"),
                  "From a GPU-hour price and the tokens per second a GPU processes of each kind.");

  bind_layer<ValueOfWork>(m, "A task's token cost against the cost of the human hours it replaces.")
      .def_property_readonly("human_cost_usd", [](const ValueOfWork& v) { return in(v.human_cost(), usd); })
      .def_property_readonly("cost_ratio", &ValueOfWork::cost_ratio, "Token cost as a share of the human cost.")
      .def_property_readonly("savings_usd", [](const ValueOfWork& v) { return in(v.savings(), usd); });

  py::class_<Sku> sku(m, "Sku", "One model or tier in a SKU mix, with its share of tokens sold.");
  sku.def(py::init([](std::string name, PriceCard card, Workload workload, ServingCost cost, py::object share) {
             return Sku{std::move(name), std::move(card), std::move(workload), std::move(cost),
                        value_in(share, fraction, "token_share")};
           }),
           py::kw_only(), py::arg("name"), py::arg("card"), py::arg("workload"), py::arg("serving_cost"), py::arg("token_share"))
      .def_readonly("name", &Sku::name)
      .def_readonly("card", &Sku::card)
      .def_readonly("workload", &Sku::workload)
      .def_readonly("serving_cost", &Sku::cost)
      .def_readonly("token_share", &Sku::token_share)
      .def("__repr__", [](const Sku& s) {
        return "Sku(name=" + std::string(py::repr(py::str(s.name))) + ", card=" + std::string(py::repr(py::cast(s.card))) +
               ", workload=" + std::string(py::repr(py::cast(s.workload))) + ", serving_cost=" +
               std::string(py::repr(py::cast(s.cost))) + ", token_share=" + float_repr(s.token_share) + ")";
      });
  const auto sku_state = [](const Sku& s) {
    py::dict d;
    d["name"] = s.name;
    d["card"] = s.card;
    d["workload"] = s.workload;
    d["serving_cost"] = s.cost;
    d["token_share"] = s.token_share;
    return d;
  };
  add_value_semantics(sku, sku_state, [](const py::dict& d) {
    return Sku{d["name"].cast<std::string>(), d["card"].cast<PriceCard>(), d["workload"].cast<Workload>(),
               d["serving_cost"].cast<ServingCost>(), d["token_share"].cast<double>()};
  });

  py::class_<SkuMix> mix(m, "SkuMix", "Token volume over several SKUs: blended average selling price and margin.");
  mix.def(py::init<std::vector<Sku>>(), py::arg("skus"))
      .def_property_readonly("skus", &SkuMix::skus)
      .def_property_readonly("average_selling_price_usd_per_mtok",
                             [](const SkuMix& s) { return in(s.average_selling_price(), usd_per_mtok); })
      .def_property_readonly("average_cost_usd_per_mtok", [](const SkuMix& s) { return in(s.average_cost(), usd_per_mtok); })
      .def_property_readonly("gross_margin", &SkuMix::gross_margin)
      .def("table", [](const SkuMix& s) {
        py::list rows;
        for (std::size_t i = 0; i < s.skus().size(); ++i) {
          py::dict row;
          row["sku"] = s.skus()[i].name;
          row["token_share"] = s.skus()[i].token_share;
          row["price_usd_per_mtok"] = in(s.per_sku()[i].price, usd_per_mtok);
          row["cost_usd_per_mtok"] = in(s.per_sku()[i].cost, usd_per_mtok);
          row["gross_margin"] = s.per_sku()[i].gross_margin;
          rows.append(row);
        }
        return py::module_::import("pandas").attr("DataFrame")(rows);
      }, "One row per SKU: token share, blended price, serving cost and margin per Mtok.")
      .def("__repr__", [](const SkuMix& s) {
        std::string parts;
        for (const auto& k : s.skus()) append_item(parts, std::string(py::repr(py::cast(k))));
        return "SkuMix([" + parts + "])";
      });
  add_value_semantics(mix, [](const SkuMix& s) { py::dict d; d["skus"] = py::cast(s.skus()); return d; },
                      [](const py::dict& d) { return SkuMix(d["skus"].cast<std::vector<Sku>>()); });
}

}  // namespace fabtoken::python
