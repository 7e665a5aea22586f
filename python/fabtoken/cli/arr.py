"""fabtoken arr: an ARR build, its recognized revenue and the compute behind it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .. import arr
from .._core import format_table
from ._shared import add_format, missing, percent_or_blank, records


def register(commands: Any) -> None:
    build = commands.add_parser("arr", help="an ARR build: growth, segment mix, recognized revenue, compute")
    build.add_argument("series", help=f"a CSV of periods and ARR in USD M, or a built-in series ({', '.join(arr.names())})")
    build.add_argument("--convention", choices=list(arr.CONVENTIONS),
                       help="how ARR becomes revenue (default: linear for quarters, monthly run rate for months)")
    build.add_argument("--arr-per-mw", type=float, help="USD M of ARR per MW of compute, to show the compute behind it")
    build.add_argument("--gross-margin", type=float, default=0.6, help="inference gross margin (with --arr-per-mw)")
    build.add_argument("--token-price", type=float, default=10.0, help="USD per Mtok (with --arr-per-mw)")
    add_format(build)
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> str:
    if args.series not in arr.names() and not Path(args.series).exists():
        raise ValueError(f"{args.series!r} is neither a built-in ARR series ({', '.join(arr.names())}) nor a file")
    series = arr.preset(args.series) if args.series in arr.names() else arr.read_csv(args.series)
    convention = args.convention or ("linear_within_quarter" if series.frequency == "quarterly" else "monthly_run_rate")
    table, revenue, annual = series.table(), series.revenue(convention), series.annual_revenue(convention)
    compute = None
    if args.arr_per_mw is not None:
        compute = series.compute_linkage(convention, arr_per_mw_musd_per_mw_year=args.arr_per_mw,
                                         gross_margin=args.gross_margin, token_price_usd_per_mtok=args.token_price)
    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        out: dict[str, Any] = {"series": args.series, "convention": convention, "arr": records(table),
                               "revenue": records(revenue), "annual_revenue": records(annual)}
        if compute is not None:
            out["compute"] = records(compute)
        return json.dumps(out, indent=2, allow_nan=False)

    growth = "arr_growth_qoq" if "arr_growth_qoq" in table else "arr_growth_mom"
    shares = [c for c in table.columns if c.endswith("_share")]
    header = ["Period", "ARR", "Net new", "q/q", "y/y", *(c.removesuffix("_share").replace("_", " ") for c in shares)]
    rows = [[str(r["period"]), f"{r['arr_musd']:,.0f}",
             "" if missing(r["net_new_arr_musd"]) else f"{r['net_new_arr_musd']:,.0f}",
             percent_or_blank(r[growth]), percent_or_blank(r["arr_growth_yoy"]), *(percent_or_blank(r[c]) for c in shares)]
            for r in table.to_dict("records")]
    revenue_rows = [[str(r["quarter"]), f"{r['revenue_musd']:,.1f}", percent_or_blank(r["revenue_growth_qoq"]),
                     percent_or_blank(r["revenue_growth_yoy"])] for r in revenue.to_dict("records")]
    parts = [f"ARR build: {args.series} (USD M)", "", format_table(header, rows, 1),
             f"Recognized revenue, {convention.replace('_', ' ')} (USD M)",
             format_table(["Quarter", "Revenue", "q/q", "y/y"], revenue_rows, 1)]
    if len(annual):
        parts.append(format_table(["Year", "Revenue"], [[str(r["year"]), f"{r['revenue_musd']:,.1f}"]
                                                        for r in annual.to_dict("records")], 1))
    if compute is not None:
        parts.append(format_table(["Quarter", "MW", "Inference cost", "Gross profit", "Mtok served"],
                                  [[str(r["quarter"]), f"{r['compute_mw']:,.0f}", f"{r['inference_cost_musd']:,.1f}",
                                    f"{r['gross_profit_musd']:,.1f}", f"{r['mtok_served']:,.0f}"]
                                   for r in compute.to_dict("records")], 1))
    return "\n".join(parts)
