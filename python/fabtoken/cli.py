"""The command line.

    fabtoken report                      the token-factory stack of a preset
    fabtoken report --preset h200-deepseek-r1 --set rental_usd_per_gpu_hour=2.10 --format csv
    fabtoken report --file my_stack.csv --format json
    fabtoken presets                     the built-in presets
    fabtoken price claude-opus-4.5 --input-tokens 100000 --input-output-ratio 300 --cache-hit-rate 0.9
                                         a workload's bill on a price card, by token class
    fabtoken deal                        both sides of a marketplace deal against lab revenue per MW
    fabtoken deal --revenue-share 0.2 --hurdle 30:0.15 --iaas-rental 2.0
    fabtoken value-capture --per dollar  who keeps what of the user's payment, layer by layer
    fabtoken chips --throughput 8000     the chip catalog, and cost per Mtok at a throughput
    fabtoken chips --results results.json --interactivity 50
    fabtoken cluster --preset gb300-silver --compare gb300-gold
    fabtoken arr anthropic-quarterly      an ARR build: growth, segment mix, recognized revenue
    fabtoken arr my_arr.csv --convention linear_within_quarter --arr-per-mw 42
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from . import arr, chips, clusters, prices, presets, value_chain
from ._core import (
    IaasDeal,
    MarketplaceDeal,
    PriceCatalog,
    RevenueShareHurdle,
    TokenFactory,
    ValueCapture,
    Workload,
    format_table,
    format_value,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"fabtoken: error: {message}\n")


def _parse_assignment(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"--set expects name=value, got {text!r}")
    try:
        return name.strip(), float(value)
    except ValueError:
        raise ValueError(f"--set {name.strip()}: value must be a number, got {value!r}") from None


def _factory(args: argparse.Namespace) -> tuple[str, TokenFactory]:
    if args.file:
        label, factory = args.file, presets.read_token_factory(args.file)
    else:
        label, factory = args.preset, presets.token_factory(args.preset)
    changes = dict(_parse_assignment(item) for item in args.set)
    if changes:
        known = set(TokenFactory.parameters()["name"])
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"--set: unknown input {unknown[0]!r}; known inputs: {', '.join(sorted(known))}")
        factory = factory.with_(**changes)
    return label, factory


def _report(args: argparse.Namespace) -> str:
    label, factory = _factory(args)
    if args.format == "table":
        return f"Token factory: {label}\n\n{factory.report()}"
    table = factory.table()
    if args.format == "csv":
        return table.to_csv(index=False)
    return json.dumps({"preset": label, "inputs": factory.inputs(), "rows": table.to_dict("records")}, indent=2)


def _catalog(args: argparse.Namespace) -> PriceCatalog:
    if args.catalog:
        return prices.read_csv(args.catalog, strict=args.strict)
    if args.litellm:
        return prices.read_litellm(args.litellm, strict=args.strict)
    return prices.catalog()


def _price(args: argparse.Namespace) -> str:
    card = _catalog(args).find(args.model)
    if (args.output_tokens is None) == (args.input_output_ratio is None):
        raise ValueError("give exactly one of --output-tokens and --input-output-ratio")
    if args.output_tokens is not None and args.output_tokens <= 0:
        raise ValueError(f"--output-tokens must be positive, got {args.output_tokens}")
    ratio = args.input_output_ratio if args.input_output_ratio is not None else args.input_tokens / args.output_tokens
    workload = Workload.from_ratios(
        input_tokens_per_request=args.input_tokens, input_output_ratio=ratio, cache_hit_rate=args.cache_hit_rate,
        cache_write_share=args.cache_write_share, cache_write_ttl=args.cache_write_ttl,
        requests_per_task=args.requests_per_task, tasks_per_month=args.tasks_per_month,
        batch=args.batch, priority=args.priority)
    bill = card.bill(workload)
    table = bill.table()
    if args.format == "csv":
        return table.to_csv(index=False)
    totals = {"usd_per_request": bill.usd_per_request, "usd_per_task": bill.usd_per_task,
              "usd_per_month": bill.usd_per_month, "blended_usd_per_mtok": bill.blended_usd_per_mtok,
              "usd_per_output_mtok": bill.usd_per_output_mtok, "long_context": bill.long_context}
    if args.format == "json":
        return json.dumps({"card": card.inputs(), "workload": workload.inputs(), "bill": table.to_dict("records"),
                           **totals}, indent=2)
    rows = [[r.token_class, format_value(r.tokens_per_request), format_value(r.usd_per_mtok),
             format_value(r.usd_per_request), f"{100 * r.share_of_bill:.1f}%"] for r in table.itertuples()]
    lines = [
        f"{card.model} ({card.provider or 'provider not given'}); source: {card.source or 'not given'}",
        f"{'long-context prices' if bill.long_context else 'standard prices'}"
        + (", batch" if args.batch else "") + (", priority" if args.priority else ""),
        "",
        format_table(["Token class", "Tokens/request", "USD/Mtok", "USD/request", "Share"], rows, 1),
        f"Bill per request  {format_value(bill.usd_per_request)} USD",
        f"Bill per task     {format_value(bill.usd_per_task)} USD ({format_value(args.requests_per_task)} requests)",
        f"Bill per month    {format_value(bill.usd_per_month)} USD ({format_value(args.tasks_per_month)} tasks)",
        f"Blended price     {format_value(bill.blended_usd_per_mtok)} USD/Mtok over all tokens",
    ]
    if bill.usd_per_output_mtok is not None:
        lines.append(f"                  {format_value(bill.usd_per_output_mtok)} USD per output Mtok")
    return "\n".join(lines) + "\n"


def _hurdle(text: str) -> RevenueShareHurdle:
    threshold, sep, share = text.partition(":")
    try:
        return RevenueShareHurdle(threshold_musd_per_mw_year=float(threshold), share=float(share))
    except ValueError as error:
        if not sep:
            raise ValueError(f"--hurdle expects THRESHOLD:SHARE (e.g. 30:0.15), got {text!r}") from None
        raise ValueError(f"--hurdle {text!r}: {error}") from None


def _numbers(text: str, option: str) -> list[float]:
    try:
        numbers = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise ValueError(f"{option} expects numbers separated by commas, got {text!r}") from None
    if not numbers:
        raise ValueError(f"{option} expects at least one number, got {text!r}")
    return numbers


_CLOUD_ROWS = [("Cloud net revenue per MW", "cloud_net_revenue_musd_per_mw_year", "USD M"),
               ("Cloud EBIT per MW", "cloud_ebit_musd_per_mw_year", "USD M"),
               ("Cloud EBIT margin", "cloud_ebit_margin", "%")]
_LAB_ROWS = [("Lab gross margin per MW", "lab_gross_margin_musd_per_mw_year", "USD M"),
             ("Lab gross margin", "lab_gross_margin", "%")]
_BOOKED_ROWS = [("Lab revenue recognized (gross)", "lab_revenue_recognized_musd_per_year", "USD M/year"),
                ("Cloud revenue recognized (net)", "cloud_revenue_recognized_musd_per_year", "USD M/year")]


def _percent(share: float) -> str:
    """A share as a whole percentage, ties rounded half up as published tables do (12.5% -> 13%)."""
    return f"{math.floor(100 * share + 0.5 + 1e-9):.0f}%"


def _deal(args: argparse.Namespace) -> str:
    deal = MarketplaceDeal(revenue_share=args.revenue_share, iaas_fee_musd_per_mw_year=args.iaas_fee,
                           cloud_opex_musd_per_mw_year=args.cloud_opex, compute_mw=args.compute_mw,
                           hurdles=[_hurdle(h) for h in args.hurdle])
    revenues = _numbers(args.revenues, "--revenues")
    table = deal.sensitivity(revenues)
    iaas = None
    if args.iaas_rental is not None:
        iaas = IaasDeal(rental_usd_per_gpu_hour=args.iaas_rental, kw_per_gpu=args.kw_per_gpu,
                        cloud_opex_musd_per_mw_year=args.cloud_opex, term_years=args.term_years,
                        compute_mw=args.compute_mw)
    if args.format == "csv":
        if iaas is not None:
            table = table.assign(iaas_cloud_ebit_musd_per_mw_year=iaas.cloud_ebit_musd_per_mw_year,
                                 breakeven_lab_revenue_musd_per_mw_year=deal.breakeven_against(iaas))
        return table.to_csv(index=False)
    if args.format == "json":
        out: dict[str, object] = {
            "terms": {k: v for k, v in deal.inputs().items() if k != "hurdles"},
            "hurdles": [{"threshold_musd_per_mw_year": h.threshold_musd_per_mw_year, "share": h.share}
                        for h in deal.hurdles],
            "sensitivity": table.to_dict("records"),
        }
        if iaas is not None:
            out["iaas"] = {"cloud_ebit_musd_per_mw_year": iaas.cloud_ebit_musd_per_mw_year,
                           "breakeven_lab_revenue_musd_per_mw_year": deal.breakeven_against(iaas)}
        return json.dumps(out, indent=2)

    def section(title: str, rows: list[tuple[str, str, str]]) -> str:
        cells = [[label, unit] + [_percent(v) if unit == "%" else f"{v:,.2f}" for v in table[column]]
                 for label, column, unit in rows]
        header = [title, "Unit"] + [format_value(r) for r in revenues]
        return format_table(header, cells, 2)

    terms = (f"Revenue share {100 * args.revenue_share:g}%, IaaS fee {args.iaas_fee:g} and cloud opex "
             f"{args.cloud_opex:g} USD M per MW-year, {args.compute_mw:g} MW"
             + "".join(f"; {100 * h.share:g}% above {h.threshold_musd_per_mw_year:g}" for h in deal.hurdles))
    parts = [terms, "", section("Lab gross revenue per MW (USD M)", _CLOUD_ROWS),
             section("Lab gross revenue per MW (USD M)", _LAB_ROWS),
             section(f"Booked over {args.compute_mw:g} MW", _BOOKED_ROWS)]
    if iaas is not None:
        breakeven = deal.breakeven_against(iaas)
        parts.append(f"IaaS deal at {args.iaas_rental:g} USD/hr/GPU: cloud EBIT "
                     f"{format_value(iaas.cloud_ebit_musd_per_mw_year)} USD M per MW-year "
                     f"({100 * iaas.cloud_ebit_margin:.0f}% margin); the marketplace deal earns the cloud as much at "
                     + (f"{format_value(breakeven)} USD M of lab revenue per MW-year" if breakeven is not None
                        else "no lab revenue"))
    return "\n".join(parts) + "\n"


def _value_capture(args: argparse.Namespace) -> str:
    factory = presets.read_token_factory(args.file) if args.file else presets.token_factory(args.preset)
    capture = ValueCapture(factory, value_chain.supplier_margins(args.margins))
    paths = ["3p", "1p"] if args.path == "both" else [args.path]
    tables = {p: capture.table(path=p, per=args.per) for p in paths}
    if args.format == "csv":
        return "".join(t.assign(path=p).to_csv(index=False, header=(i == 0)) for i, (p, t) in enumerate(tables.items()))
    if args.format == "json":
        return json.dumps({p: t.to_dict("records") for p, t in tables.items()}, indent=2)
    unit = {"user_month": "USD per user-month", "mtok": "USD per Mtok", "dollar": "share of the user's dollar"}[args.per]
    parts = [f"Value capture: {args.file or args.preset}; user pays {format_value(capture.user_payment_usd_per_month)} "
             f"USD per month; flows in {unit}", ""]
    for path, table in tables.items():
        columns = [c for c in table.columns if c.startswith(("revenue", "cost", "gross_profit"))]
        decimals = 2 if args.per == "user_month" else 3
        cells = [[r["layer"]] + ["" if r["role"] != "layer" and c.startswith(("revenue", "gross")) else f"{r[c]:,.{decimals}f}"
                                 for c in columns] + ["" if r["role"] != "layer" else f"{100 * r['share_of_profit']:.1f}%"]
                 for r in table.to_dict("records")]
        title = "3P app (buys tokens at the API price)" if path == "3p" else "1P app (the lab's own, pays compute cost)"
        parts += [title, format_table(["Layer", "Revenue", "Cost", "Gross profit", "Share of profit"], cells, 1)]
    return "\n".join(parts)


def _chips(args: argparse.Namespace) -> str:
    catalog = chips.read_catalog(args.catalog) if args.catalog else chips.catalog()
    if args.results:
        return _chip_curves(args, catalog)
    table = chips.cost_table(catalog, args.throughput) if args.throughput is not None else catalog.table()
    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        return json.dumps(table.to_dict("records"), indent=2)
    header = ["Chip", "TCO USD/GPU-hour"] + (["USD/Mtok"] if args.throughput is not None else []) + ["Source", "Date"]
    rows = [[r["chip"], f"{r['tco_usd_per_gpu_hour']:.3f}"]
            + ([f"{r['cost_usd_per_mtok']:.4f}"] if args.throughput is not None else []) + [r["source"], r["date"]]
            for r in table.to_dict("records")]
    title = f"Chips; cost per Mtok at {format_value(args.throughput)} tokens/s/GPU" if args.throughput is not None else "Chips"
    return title + "\n\n" + format_table(header, rows, 1)


def _chip_curves(args: argparse.Namespace, catalog: object) -> str:
    if args.interactivity is None:
        raise ValueError("--results needs --interactivity (tokens/s/user) to read each curve at")
    curves = chips.read_inferencex(args.results) if args.results.lower().endswith(".json") else chips.read_csv(args.results)
    by_name = {c.name.lower(): c for c in catalog}  # type: ignore[attr-defined]
    records = []
    for curve in curves:
        chip = by_name.get(curve.chip.lower())
        throughput = curve.throughput_at(args.interactivity, clamp=args.clamp)
        records.append({"curve": curve.label, "tokens_per_s_per_gpu": throughput,
                        "tco_usd_per_gpu_hour": chip.tco_usd_per_gpu_hour if chip else None,
                        "cost_usd_per_mtok": curve.cost_usd_per_mtok_at(args.interactivity, chip.tco_usd_per_gpu_hour,
                                                                        clamp=args.clamp) if chip else None})
    if args.format == "json":
        return json.dumps(records, indent=2)
    if args.format == "csv":
        import pandas as pd

        return pd.DataFrame(records).to_csv(index=False)
    rows = [[r["curve"], format_value(r["tokens_per_s_per_gpu"]),
             "not in catalog" if r["cost_usd_per_mtok"] is None else f"{r['cost_usd_per_mtok']:.4f}"] for r in records]
    return (f"At {format_value(args.interactivity)} tokens/s/user\n\n"
            + format_table(["Configuration", "Tokens/s/GPU", "USD/Mtok at TCO"], rows, 1))


def _cluster(args: argparse.Namespace) -> str:
    import pandas as pd

    label = args.file or args.preset
    goodput, tco = clusters.read(args.file) if args.file else clusters.preset(args.preset)
    recovery = [item.partition("=")[2] for item in args.set if item.partition("=")[0].strip() == "recovery"]
    changes: dict[str, object] = dict(_parse_assignment(item) for item in args.set
                                      if item.partition("=")[0].strip() != "recovery")
    if recovery:
        changes["recovery"] = recovery[-1].strip()
    goodput_changes = {k: v for k, v in changes.items() if k in goodput.inputs()}
    tco_changes = {k: v for k, v in changes.items() if k not in goodput_changes}
    # The bill's GPUs and goodput loss come from the goodput (its hours_per_month is the goodput's too).
    derived = {"gpus": "set cluster_gpus", "goodput_loss": "it is the goodput's total loss; set its inputs"}
    for name in sorted(tco_changes):
        if name in derived:
            raise ValueError(f"--set {name}: the bill's {name} comes from the goodput ({derived[name]})")
    unknown = sorted(k for k in tco_changes if k not in tco.inputs())
    if unknown:
        known = (set(goodput.inputs()) | set(tco.inputs())) - set(derived)
        raise ValueError(f"--set: unknown input {unknown[0]!r}; known inputs: {', '.join(sorted(known))}")
    goodput = goodput.with_(**goodput_changes)
    tco = tco.with_(goodput_loss=goodput.total_loss, gpus=goodput.cluster_gpus, hours_per_month=goodput.hours_per_month,
                    **tco_changes)
    if args.format in ("csv", "json"):
        bill = tco.compare(clusters.preset(args.compare)[1]) if args.compare else tco.table()
        if args.format == "csv":
            return bill.to_csv(index=False)
        stats = {"cluster_mtbf_hours": goodput.cluster_mtbf_hours, "interruptions_per_month": goodput.interruptions_per_month,
                 "downtime_loss": goodput.downtime_loss, "idle_spare_cost": goodput.idle_spare_cost,
                 "total_loss": goodput.total_loss, "monthly_usd": tco.monthly_usd, "contract_total_usd": tco.contract_total_usd}
        return json.dumps({"cluster": label, "goodput": stats, "bill": bill.to_dict("records")}, indent=2)
    stats = [["Recovery", goodput.recovery], ["Cluster MTBF (h)", f"{goodput.cluster_mtbf_hours:.1f}"],
             ["Interruptions per month", f"{goodput.interruptions_per_month:.1f}"],
             ["Downtime loss", f"{100 * goodput.downtime_loss:.2f}%"], ["Idle spare cost", f"{100 * goodput.idle_spare_cost:.2f}%"],
             ["Total goodput loss", f"{100 * goodput.total_loss:.2f}%"]]
    if args.compare:
        rows = [[r["item"], f"{r['usd_per_month']:,.0f}", f"{r['other_usd_per_month']:,.0f}",
                 "" if pd.isna(r["ratio"]) else f"{r['ratio']:.3f}"] for r in tco.compare(clusters.preset(args.compare)[1]).to_dict("records")]
        bill = format_table(["Item (USD per month)", label, args.compare, "Ratio"], rows, 1)
    else:
        rows = [[r["item"], f"{r['usd_per_month']:,.0f}"] for r in tco.table().to_dict("records")]
        rows += [["Monthly", f"{tco.monthly_usd:,.0f}"], [f"{tco.contract_months:g}-month total", f"{tco.contract_total_usd:,.0f}"]]
        bill = format_table(["Item (USD per month)", label], rows, 1)
    return f"Cluster: {label}\n\n" + format_table(["Goodput", ""], stats, 1) + "\n" + bill


def _arr(args: argparse.Namespace) -> str:
    if args.series not in arr.names() and not Path(args.series).exists():
        raise ValueError(f"{args.series!r} is neither a built-in ARR series ({', '.join(arr.names())}) nor a file")
    series = arr.preset(args.series) if args.series in arr.names() else arr.read_csv(args.series)
    convention = args.convention or ("linear_within_quarter" if series.frequency == "quarterly" else "monthly_run_rate")
    table, revenue = series.table(), series.revenue(convention)
    compute = None
    if args.arr_per_mw is not None:
        compute = series.compute_linkage(convention, arr_per_mw_musd_per_mw_year=args.arr_per_mw,
                                         gross_margin=args.gross_margin, token_price_usd_per_mtok=args.token_price)
    import pandas as pd

    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        def records(frame: pd.DataFrame) -> list[dict[str, object]]:
            # A missing value (no growth without a base) is NaN in the frame and null in JSON: json.dumps
            # would write NaN, which is not JSON.
            return [{str(k): None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
                    for r in frame.to_dict("records")]

        out = {"series": args.series, "convention": convention, "arr": records(table), "revenue": records(revenue),
               "annual_revenue": records(series.annual_revenue(convention))}
        if compute is not None:
            out["compute"] = records(compute)
        return json.dumps(out, indent=2, allow_nan=False)

    def pct(v: object) -> str:
        return "" if pd.isna(v) else f"{100 * float(v):,.0f}%"  # type: ignore[arg-type]

    growth = "arr_growth_qoq" if "arr_growth_qoq" in table else "arr_growth_mom"
    share_columns = [c for c in table.columns if c.endswith("_share")]
    header = ["Period", "ARR", "Net new", "q/q", "y/y"] + [c.removesuffix("_share").replace("_", " ") for c in share_columns]
    rows = [[r["period"], f"{r['arr_musd']:,.0f}", "" if pd.isna(r["net_new_arr_musd"]) else f"{r['net_new_arr_musd']:,.0f}",
             pct(r[growth]), pct(r["arr_growth_yoy"])] + [pct(r[c]) for c in share_columns]
            for r in table.to_dict("records")]
    parts = [f"ARR build: {args.series} (USD M)", "", format_table(header, rows, 1),
             f"Recognized revenue, {convention.replace('_', ' ')} (USD M)",
             format_table(["Quarter", "Revenue", "q/q", "y/y"],
                          [[r["quarter"], f"{r['revenue_musd']:,.1f}", pct(r["revenue_growth_qoq"]), pct(r["revenue_growth_yoy"])]
                           for r in revenue.to_dict("records")], 1)]
    annual = series.annual_revenue(convention)
    if len(annual):
        parts.append(format_table(["Year", "Revenue"], [[str(r["year"]), f"{r['revenue_musd']:,.1f}"] for r in annual.to_dict("records")], 1))
    if compute is not None:
        parts.append(format_table(["Quarter", "MW", "Inference cost", "Gross profit", "Mtok served"],
                                  [[r["quarter"], f"{r['compute_mw']:,.0f}", f"{r['inference_cost_musd']:,.1f}",
                                    f"{r['gross_profit_musd']:,.1f}", f"{r['mtok_served']:,.0f}"] for r in compute.to_dict("records")], 1))
    return "\n".join(parts)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fabtoken", description="The economics of AI, from the fab to the token to the app.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    report = commands.add_parser("report", help="print the token-factory stack of a preset")
    source = report.add_mutually_exclusive_group()
    source.add_argument("--preset", default=presets.DEFAULT, help=f"a built-in preset (default {presets.DEFAULT})")
    source.add_argument("--file", help="a preset CSV file of your own")
    report.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override an input, in the unit its name carries (repeatable)")
    report.add_argument("--format", choices=["table", "csv", "json"], default="table")
    report.set_defaults(run=_report)

    price = commands.add_parser("price", help="a workload's bill on a model's price card")
    price.add_argument("model", help="a model of the catalog (see --catalog, --litellm)")
    catalog = price.add_mutually_exclusive_group()
    catalog.add_argument("--catalog", help="price cards from a CSV file in USD/Mtok (default: the bundled catalog)")
    catalog.add_argument("--litellm", help="price cards from LiteLLM's model_prices_and_context_window.json")
    price.add_argument("--strict", action="store_true", help="fail on any malformed entry of the catalog file")
    price.add_argument("--input-tokens", type=float, required=True, help="input tokens per request, cached or not")
    price.add_argument("--output-tokens", type=float, help="output tokens per request")
    price.add_argument("--input-output-ratio", type=float, help="input tokens per output token")
    price.add_argument("--cache-hit-rate", type=float, default=0.0, help="share of input read from the cache")
    price.add_argument("--cache-write-share", type=float, default=0.0, help="share of input written to the cache")
    price.add_argument("--cache-write-ttl", choices=["5m", "1h"], default="5m")
    price.add_argument("--requests-per-task", type=float, default=1.0)
    price.add_argument("--tasks-per-month", type=float, default=1.0)
    price.add_argument("--batch", action="store_true", help="bought through the batch API")
    price.add_argument("--priority", action="store_true", help="bought at priority (fast mode)")
    price.add_argument("--format", choices=["table", "csv", "json"], default="table")
    price.set_defaults(run=_price)

    deal = commands.add_parser("deal", help="both sides of a marketplace deal against lab revenue per MW")
    deal.add_argument("--revenue-share", type=float, default=0.25, help="cloud's share of lab revenue (default 0.25)")
    deal.add_argument("--iaas-fee", type=float, default=7.5, help="USD M per MW-year paid by the lab (default 7.5)")
    deal.add_argument("--cloud-opex", type=float, default=6.5, help="cloud's USD M per MW-year (default 6.5)")
    deal.add_argument("--compute-mw", type=float, default=1.0, help="MW of compute under the deal (default 1)")
    deal.add_argument("--hurdle", action="append", default=[], metavar="THRESHOLD:SHARE",
                      help="above THRESHOLD USD M per MW-year, the revenue beyond it is shared at SHARE (repeatable)")
    deal.add_argument("--revenues", default="10,15,20,25,30,35,40", help="lab revenues per MW-year, USD M")
    deal.add_argument("--iaas-rental", type=float, help="compare with an IaaS deal at this USD/hr/GPU")
    deal.add_argument("--kw-per-gpu", type=float, default=1.35, help="all-in kW per GPU for the IaaS deal")
    deal.add_argument("--term-years", type=float, default=5.0, help="IaaS contract term")
    deal.add_argument("--format", choices=["table", "csv", "json"], default="table")
    deal.set_defaults(run=_deal)

    capture = commands.add_parser("value-capture", help="the user's payment split over every layer of the chain")
    capture_source = capture.add_mutually_exclusive_group()
    capture_source.add_argument("--preset", default=presets.DEFAULT, help=f"a built-in preset (default {presets.DEFAULT})")
    capture_source.add_argument("--file", help="a preset CSV file of your own")
    capture.add_argument("--margins", help="supplier margins file (default: the bundled one)")
    capture.add_argument("--path", choices=["3p", "1p", "both"], default="both")
    capture.add_argument("--per", choices=["user_month", "mtok", "dollar"], default="user_month")
    capture.add_argument("--format", choices=["table", "csv", "json"], default="table")
    capture.set_defaults(run=_value_capture)

    chip = commands.add_parser("chips", help="the chip catalog and cost per Mtok")
    chip.add_argument("--catalog", help="a chip catalog CSV of your own (default: figures.md s5)")
    chip.add_argument("--throughput", type=float, help="tokens/s per GPU to price every chip at")
    chip.add_argument("--results", help="benchmark results (.json InferenceX, or .csv) to read curves from")
    chip.add_argument("--interactivity", type=float, help="tokens/s/user to read each curve at")
    chip.add_argument("--clamp", action="store_true", help="outside a curve's range, use its nearest measurement")
    chip.add_argument("--format", choices=["table", "csv", "json"], default="table")
    chip.set_defaults(run=_chips)

    cluster = commands.add_parser("cluster", help="a cluster's goodput and monthly bill")
    cluster_source = cluster.add_mutually_exclusive_group()
    cluster_source.add_argument("--preset", default=clusters.DEFAULT, help=f"a cluster preset (default {clusters.DEFAULT})")
    cluster_source.add_argument("--file", help="a cluster parameter file of your own")
    cluster.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an input (repeatable)")
    cluster.add_argument("--compare", help="another cluster preset to compare the bill with")
    cluster.add_argument("--format", choices=["table", "csv", "json"], default="table")
    cluster.set_defaults(run=_cluster)

    arr_build = commands.add_parser("arr", help="an ARR build: growth, segment mix, recognized revenue, compute")
    arr_build.add_argument("series", help=f"a CSV of periods and ARR in USD M, or a built-in series ({', '.join(arr.names())})")
    arr_build.add_argument("--convention", choices=list(arr.CONVENTIONS),
                           help="how ARR becomes revenue (default: linear for quarters, monthly run rate for months)")
    arr_build.add_argument("--arr-per-mw", type=float, help="USD M of ARR per MW of compute, to show the compute behind it")
    arr_build.add_argument("--gross-margin", type=float, default=0.6, help="inference gross margin (with --arr-per-mw)")
    arr_build.add_argument("--token-price", type=float, default=10.0, help="USD per Mtok (with --arr-per-mw)")
    arr_build.add_argument("--format", choices=["table", "csv", "json"], default="table")
    arr_build.set_defaults(run=_arr)

    listing = commands.add_parser("presets", help="list the built-in presets")
    listing.set_defaults(run=lambda _: "\n".join(presets.names()))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (2 for any bad input, usage errors included)."""
    try:
        args = _build_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on usage errors and after --help
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        output = args.run(args)
    except (ValueError, TypeError, OSError) as error:
        print(f"fabtoken: error: {error}", file=sys.stderr)
        return 2
    print(output, end="" if output.endswith("\n") else "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
