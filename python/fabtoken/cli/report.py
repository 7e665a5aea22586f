"""fabtoken report, fabtoken presets: the token-factory stack of a preset."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .. import presets
from .._core import TokenFactory
from ._shared import add_format, parse_assignment, records


def register(commands: Any) -> None:
    report = commands.add_parser("report", help="print the token-factory stack of a preset")
    source = report.add_mutually_exclusive_group()
    source.add_argument("--preset", default=presets.DEFAULT, help=f"a built-in preset (default {presets.DEFAULT})")
    source.add_argument("--file", help="a preset CSV file of your own")
    report.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override an input, in the unit its name carries (repeatable)")
    add_format(report)
    report.set_defaults(run=run)

    listing = commands.add_parser("presets", help="list the built-in presets")
    listing.set_defaults(run=lambda _: "\n".join(presets.names()))


def factory_of(args: argparse.Namespace) -> tuple[str, TokenFactory]:
    """The preset or file named on the command line, with its --set changes."""
    if args.file:
        label, factory = args.file, presets.read_token_factory(args.file)
    else:
        label, factory = args.preset, presets.token_factory(args.preset)
    changes = dict(parse_assignment(item) for item in args.set)
    if changes:
        known = set(TokenFactory.parameters()["name"])
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"--set: unknown input {unknown[0]!r}; known inputs: {', '.join(sorted(known))}")
        factory = factory.with_(**changes)
    return label, factory


def run(args: argparse.Namespace) -> str:
    label, factory = factory_of(args)
    if args.format == "table":
        return f"Token factory: {label}\n\n{factory.report()}"
    table = factory.table()
    if args.format == "csv":
        return table.to_csv(index=False)
    return json.dumps({"preset": label, "inputs": factory.inputs(), "rows": records(table)}, indent=2, allow_nan=False)
