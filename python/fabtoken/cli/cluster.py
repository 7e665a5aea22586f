"""fabtoken cluster: a cluster's goodput and monthly bill."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .. import clusters
from .._core import ClusterTco, Goodput, format_table
from ._shared import add_format, missing, parse_assignment, records

# The bill's GPUs and goodput loss come from the goodput (and its hours per month with them).
_FROM_GOODPUT = {"gpus": "set cluster_gpus", "goodput_loss": "it is the goodput's total loss; set its inputs"}


def register(commands: Any) -> None:
    cluster = commands.add_parser("cluster", help="a cluster's goodput and monthly bill")
    source = cluster.add_mutually_exclusive_group()
    source.add_argument("--preset", default=clusters.DEFAULT, help=f"a cluster preset (default {clusters.DEFAULT})")
    source.add_argument("--file", help="a cluster parameter file of your own")
    cluster.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an input (repeatable)")
    cluster.add_argument("--compare", help="another cluster preset to compare the bill with")
    add_format(cluster)
    cluster.set_defaults(run=run)


def cluster_of(args: argparse.Namespace) -> tuple[Goodput, ClusterTco]:
    """The preset or file, with its --set changes (recovery=... as text, the rest numbers)."""
    goodput, tco = clusters.read(args.file) if args.file else clusters.preset(args.preset)
    changes: dict[str, Any] = {}
    for item in args.set:
        if item.partition("=")[0].strip() == "recovery":
            changes["recovery"] = item.partition("=")[2].strip()
        else:
            name, value = parse_assignment(item)
            changes[name] = value
    goodput_changes = {k: v for k, v in changes.items() if k in goodput.inputs()}
    tco_changes = {k: v for k, v in changes.items() if k not in goodput_changes}
    for name in sorted(tco_changes):
        if name in _FROM_GOODPUT:
            raise ValueError(f"--set {name}: the bill's {name} comes from the goodput ({_FROM_GOODPUT[name]})")
    unknown = sorted(k for k in tco_changes if k not in tco.inputs())
    if unknown:
        known = (set(goodput.inputs()) | set(tco.inputs())) - set(_FROM_GOODPUT)
        raise ValueError(f"--set: unknown input {unknown[0]!r}; known inputs: {', '.join(sorted(known))}")
    goodput = goodput.with_(**goodput_changes)
    tco = tco.with_(goodput_loss=goodput.total_loss, gpus=goodput.cluster_gpus, hours_per_month=goodput.hours_per_month,
                    **tco_changes)
    return goodput, tco


def run(args: argparse.Namespace) -> str:
    label = args.file or args.preset
    goodput, tco = cluster_of(args)
    bill = tco.compare(clusters.preset(args.compare)[1]) if args.compare else tco.table()
    if args.format == "csv":
        return bill.to_csv(index=False)
    if args.format == "json":
        stats = {"cluster_mtbf_hours": goodput.cluster_mtbf_hours, "interruptions_per_month": goodput.interruptions_per_month,
                 "downtime_loss": goodput.downtime_loss, "idle_spare_cost": goodput.idle_spare_cost,
                 "total_loss": goodput.total_loss, "monthly_usd": tco.monthly_usd, "contract_total_usd": tco.contract_total_usd}
        return json.dumps({"cluster": label, "goodput": stats, "bill": records(bill)}, indent=2, allow_nan=False)
    goodput_rows = [["Recovery", goodput.recovery], ["Cluster MTBF (h)", f"{goodput.cluster_mtbf_hours:.1f}"],
                    ["Interruptions per month", f"{goodput.interruptions_per_month:.1f}"],
                    ["Downtime loss", f"{100 * goodput.downtime_loss:.2f}%"],
                    ["Idle spare cost", f"{100 * goodput.idle_spare_cost:.2f}%"],
                    ["Total goodput loss", f"{100 * goodput.total_loss:.2f}%"]]
    if args.compare:
        rows = [[str(r["item"]), f"{r['usd_per_month']:,.0f}", f"{r['other_usd_per_month']:,.0f}",
                 "" if missing(r["ratio"]) else f"{r['ratio']:.3f}"] for r in bill.to_dict("records")]
        bill_text = format_table(["Item (USD per month)", label, args.compare, "Ratio"], rows, 1)
    else:
        rows = [[str(r["item"]), f"{r['usd_per_month']:,.0f}"] for r in bill.to_dict("records")]
        rows += [["Monthly", f"{tco.monthly_usd:,.0f}"], [f"{tco.contract_months:g}-month total", f"{tco.contract_total_usd:,.0f}"]]
        bill_text = format_table(["Item (USD per month)", label], rows, 1)
    return f"Cluster: {label}\n\n" + format_table(["Goodput", ""], goodput_rows, 1) + "\n" + bill_text
