"""fabtoken value-capture: who keeps what of the user's payment, layer by layer."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .. import presets, value_chain
from .._core import ValueCapture, format_table, format_value
from ._shared import add_format, records

_UNITS = {"user_month": "USD per user-month", "mtok": "USD per Mtok", "dollar": "share of the user's dollar"}
_PATHS = {"3p": "3P app (buys tokens at the API price)", "1p": "1P app (the lab's own, pays compute cost)"}


def register(commands: Any) -> None:
    capture = commands.add_parser("value-capture", help="the user's payment split over every layer of the chain")
    source = capture.add_mutually_exclusive_group()
    source.add_argument("--preset", default=presets.DEFAULT, help=f"a built-in preset (default {presets.DEFAULT})")
    source.add_argument("--file", help="a preset CSV file of your own")
    capture.add_argument("--margins", help="supplier margins file (default: the bundled one)")
    capture.add_argument("--path", choices=["3p", "1p", "both"], default="both")
    capture.add_argument("--per", choices=list(_UNITS), default="user_month")
    add_format(capture)
    capture.set_defaults(run=run)


def run(args: argparse.Namespace) -> str:
    factory = presets.read_token_factory(args.file) if args.file else presets.token_factory(args.preset)
    capture = ValueCapture(factory, value_chain.supplier_margins(args.margins))
    paths = ["3p", "1p"] if args.path == "both" else [args.path]
    tables = {p: capture.table(path=p, per=args.per) for p in paths}
    if args.format == "csv":
        return "".join(t.assign(path=p).to_csv(index=False, header=(i == 0)) for i, (p, t) in enumerate(tables.items()))
    if args.format == "json":
        return json.dumps({p: records(t) for p, t in tables.items()}, indent=2, allow_nan=False)
    parts = [f"Value capture: {args.file or args.preset}; user pays {format_value(capture.user_payment_usd_per_month)} "
             f"USD per month; flows in {_UNITS[args.per]}", ""]
    decimals = 2 if args.per == "user_month" else 3
    for path, table in tables.items():
        columns = [c for c in table.columns if c.startswith(("revenue", "cost", "gross_profit"))]
        cells = []
        for r in table.to_dict("records"):
            is_layer = r["role"] == "layer"
            shown = ["" if not is_layer and c.startswith(("revenue", "gross")) else f"{r[c]:,.{decimals}f}" for c in columns]
            cells.append([str(r["layer"]), *shown, f"{100 * r['share_of_profit']:.1f}%" if is_layer else ""])
        parts += [_PATHS[path], format_table(["Layer", "Revenue", "Cost", "Gross profit", "Share of profit"], cells, 1)]
    return "\n".join(parts)
