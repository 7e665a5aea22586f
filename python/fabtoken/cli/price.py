"""fabtoken price MODEL: a workload's bill on a price card, by token class."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .. import prices
from .._core import PriceCatalog, Workload, format_table, format_value
from ._shared import add_format, records


def register(commands: Any) -> None:
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
    add_format(price)
    price.set_defaults(run=run)


def catalog_of(args: argparse.Namespace) -> PriceCatalog:
    if args.catalog:
        return prices.read_csv(args.catalog, strict=args.strict)
    if args.litellm:
        return prices.read_litellm(args.litellm, strict=args.strict)
    return prices.catalog()


def run(args: argparse.Namespace) -> str:
    card = catalog_of(args).find(args.model)
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
    if args.format == "json":
        totals = {"usd_per_request": bill.usd_per_request, "usd_per_task": bill.usd_per_task,
                  "usd_per_month": bill.usd_per_month, "blended_usd_per_mtok": bill.blended_usd_per_mtok,
                  "usd_per_output_mtok": bill.usd_per_output_mtok, "long_context": bill.long_context}
        return json.dumps({"card": card.inputs(), "workload": workload.inputs(), "bill": records(table),
                           **totals}, indent=2)
    rows = [[str(r["token_class"]), format_value(r["tokens_per_request"]), format_value(r["usd_per_mtok"]),
             format_value(r["usd_per_request"]), f"{100 * r['share_of_bill']:.1f}%"] for r in table.to_dict("records")]
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
