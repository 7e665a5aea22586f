"""The command line.

    fabtoken report                      the token-factory stack of a preset
    fabtoken report --preset h200-deepseek-r1 --set rental_usd_per_gpu_hour=2.10 --format csv
    fabtoken report --file my_stack.csv --format json
    fabtoken presets                     the built-in presets
    fabtoken price claude-opus-4.5 --input-tokens 100000 --input-output-ratio 300 --cache-hit-rate 0.9
                                         a workload's bill on a price card, by token class
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import prices, presets
from ._core import PriceCatalog, TokenFactory, Workload, format_table, format_value


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
