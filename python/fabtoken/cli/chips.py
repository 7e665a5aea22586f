"""fabtoken chips: the chip catalog, cost per Mtok at a throughput, and benchmark curves."""

from __future__ import annotations

import argparse
import json
from typing import Any

import pandas as pd

from .. import chips
from .._core import ChipCatalog, format_table, format_value
from ._shared import add_format, records


def register(commands: Any) -> None:
    chip = commands.add_parser("chips", help="the chip catalog and cost per Mtok")
    chip.add_argument("--catalog", help="a chip catalog CSV of your own (default: figures.md s5)")
    chip.add_argument("--throughput", type=float, help="tokens/s per GPU to price every chip at")
    chip.add_argument("--results", help="benchmark results (.json InferenceX, or .csv) to read curves from")
    chip.add_argument("--interactivity", type=float, help="tokens/s/user to read each curve at")
    chip.add_argument("--clamp", action="store_true", help="outside a curve's range, use its nearest measurement")
    add_format(chip)
    chip.set_defaults(run=run)


def run(args: argparse.Namespace) -> str:
    catalog = chips.read_catalog(args.catalog) if args.catalog else chips.catalog()
    if args.results:
        return _curves(args, catalog)
    priced = args.throughput is not None
    table = chips.cost_table(catalog, args.throughput) if priced else catalog.table()
    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        return json.dumps(records(table), indent=2, allow_nan=False)
    header = ["Chip", "TCO USD/GPU-hour", *(["USD/Mtok"] if priced else []), "Source", "Date"]
    rows = [[str(r["chip"]), f"{r['tco_usd_per_gpu_hour']:.3f}", *([f"{r['cost_usd_per_mtok']:.4f}"] if priced else []),
             str(r["source"]), str(r["date"])] for r in table.to_dict("records")]
    title = f"Chips; cost per Mtok at {format_value(args.throughput)} tokens/s/GPU" if priced else "Chips"
    return title + "\n\n" + format_table(header, rows, 1)


def _curves(args: argparse.Namespace, catalog: ChipCatalog) -> str:
    if args.interactivity is None:
        raise ValueError("--results needs --interactivity (tokens/s/user) to read each curve at")
    curves = chips.read_inferencex(args.results) if args.results.lower().endswith(".json") else chips.read_csv(args.results)
    by_name = {c.name.lower(): c for c in catalog}
    rows: list[dict[str, Any]] = []
    for curve in curves:
        chip = by_name.get(curve.chip.lower())
        rows.append({"curve": curve.label,
                     "tokens_per_s_per_gpu": curve.throughput_at(args.interactivity, clamp=args.clamp),
                     "tco_usd_per_gpu_hour": chip.tco_usd_per_gpu_hour if chip else None,
                     "cost_usd_per_mtok": curve.cost_usd_per_mtok_at(args.interactivity, chip.tco_usd_per_gpu_hour,
                                                                     clamp=args.clamp) if chip else None})
    if args.format == "json":
        return json.dumps(rows, indent=2, allow_nan=False)
    if args.format == "csv":
        return pd.DataFrame(rows).to_csv(index=False)
    cells = [[r["curve"], format_value(r["tokens_per_s_per_gpu"]),
              "not in catalog" if r["cost_usd_per_mtok"] is None else f"{r['cost_usd_per_mtok']:.4f}"] for r in rows]
    return (f"At {format_value(args.interactivity)} tokens/s/user\n\n"
            + format_table(["Configuration", "Tokens/s/GPU", "USD/Mtok at TCO"], cells, 1))
