"""The command line: one module per command.

    fabtoken report                      the token-factory stack of a preset
    fabtoken report --preset h200-deepseek-r1 --set rental_usd_per_gpu_hour=2.10 --format csv
    fabtoken presets                     the built-in presets
    fabtoken price claude-opus-4.5 --input-tokens 100000 --input-output-ratio 300 --cache-hit-rate 0.9
    fabtoken deal --hurdle 30:0.15 --iaas-rental 2.0
    fabtoken value-capture --per dollar  who keeps what of the user's payment, layer by layer
    fabtoken chips --throughput 8000     the chip catalog, and cost per Mtok at a throughput
    fabtoken cluster --preset gb300-silver --compare gb300-gold
    fabtoken arr anthropic-quarterly --arr-per-mw 42
    fabtoken sweep --vary rental_usd_per_gpu_hour=1.5:2.5:11 --vary utilization=0.6,0.8,1.0 --out grid.csv
    fabtoken mc --dist tokens_per_s_per_gpu=triangular:600:735:800 -n 10000 --seed 1 --out draws.parquet
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import arr, chips, cluster, deal, mc, price, report, sweep, value_capture
from ._shared import Parser

_COMMANDS = (report, price, deal, value_capture, chips, cluster, arr, sweep, mc)


def _parser() -> Parser:
    parser = Parser(prog="fabtoken", description="The economics of AI, from the fab to the token to the app.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in _COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (2 for any bad input, usage errors included)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on usage errors and after --help
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        output: str = args.run(args)
    except (ValueError, TypeError, OSError) as error:
        print(f"fabtoken: error: {error}", file=sys.stderr)
        return 2
    print(output, end="" if output.endswith("\n") else "\n")
    return 0


__all__ = ["main"]
