"""The command line: ``fabtoken report`` prints the token-factory stack of a preset.

    fabtoken report
    fabtoken report --preset h200-deepseek-r1 --set rental_usd_per_gpu_hour=2.10 --format csv
    fabtoken report --file my_stack.csv --format json
    fabtoken presets
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import presets
from ._core import TokenFactory


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
