"""fabtoken mc: Monte Carlo of a preset, with some inputs drawn from distributions.

    fabtoken mc --dist tokens_per_s_per_gpu=triangular:600:735:800 --dist rental_usd_per_gpu_hour=pert:1.6:1.9:2.4 \\
        -n 10000 --seed 1 --out draws.parquet

Prints the mean, sd and percentiles of each output; --out writes every draw (inputs, then outputs).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .. import batch
from ..scenarios.distributions import Distribution, Fixed, LogNormal, Normal, Pert, Triangular, Uniform
from ..scenarios.monte_carlo import monte_carlo
from ._shared import add_format, parse_numbers, records
from .sweep import add_fixed_and_outputs, add_model_source, fixed_inputs, known, model_of, outputs_of, write_table

# kind -> (the parameters after the kind, how many numbers it takes: required, optional)
_SPECS = {
    "uniform": ("LO:HI", 2, 0),
    "triangular": ("LO:MODE:HI", 3, 0),
    "pert": ("LO:MODE:HI[:LAMBDA]", 3, 1),
    "normal": ("MEAN:SD[:LO:HI] (LO:HI truncates)", 2, 2),
    "lognormal": ("MEDIAN:SIGMA (sigma: the sd of the log)", 2, 0),
    "fixed": ("VALUE", 1, 0),
}


def register(commands: Any) -> None:
    mc = commands.add_parser("mc", help="Monte Carlo of a preset with uncertain inputs")
    add_model_source(mc)
    kinds = ", ".join(f"{kind}:{params}" for kind, (params, _, _) in _SPECS.items())
    mc.add_argument("--dist", action="append", required=True, metavar="NAME=KIND:PARAMS",
                    help=f"draw an input from a distribution (repeatable): {kinds}")
    add_fixed_and_outputs(mc)
    mc.add_argument("-n", type=int, default=10_000, help="the number of draws (default 10000)")
    mc.add_argument("--seed", type=int, default=0, help="the seed of the draws (default 0; same seed, same draws)")
    mc.add_argument("--percentiles", default="5,50,95", metavar="P,P,...",
                    help="the percentiles to print, 0 to 100 (default 5,50,95)")
    mc.add_argument("--out", metavar="FILE", help="write every draw to FILE.csv or FILE.parquet")
    add_format(mc)
    mc.set_defaults(run=run)


def parse_distribution(text: str) -> tuple[str, Distribution]:
    """'name=kind:p1:p2...' as (name, distribution)."""
    name, sep, spec = text.partition("=")
    name = name.strip()
    kind, *raw = spec.strip().split(":")
    kind = kind.strip().lower()
    if not sep or not name or kind not in _SPECS:
        raise ValueError(f"--dist expects NAME=KIND:PARAMS with KIND one of {', '.join(_SPECS)}, got {text!r}")
    params, required, optional = _SPECS[kind]
    if not required <= len(raw) <= required + optional or (kind == "normal" and len(raw) == 3):
        raise ValueError(f"--dist {name}: {kind} expects {kind}:{params}, got {spec!r}")
    try:
        numbers = [float(x) for x in raw]
    except ValueError:
        raise ValueError(f"--dist {name}: the parameters of {kind}:{params} must be numbers, got {spec!r}") from None
    try:
        if kind == "normal" and len(numbers) == 4:
            return name, Normal(numbers[0], numbers[1]).truncated(numbers[2], numbers[3])
        maker = {"uniform": Uniform, "triangular": Triangular, "pert": Pert, "normal": Normal,
                 "lognormal": LogNormal, "fixed": Fixed}[kind]
        return name, maker(*numbers)
    except (TypeError, ValueError) as error:
        raise ValueError(f"--dist {name}: {error}") from None


def run(args: argparse.Namespace) -> str:
    label, model = model_of(args)
    base = batch.base_inputs(model)
    drawn: dict[str, Distribution | float] = {}
    for item in args.dist:
        name, distribution = parse_distribution(item)
        known(name, base, "--dist")
        if name in drawn:
            raise ValueError(f"--dist {name}: that input has two distributions; give it once")
        drawn[name] = distribution
    drawn.update(fixed_inputs(args, base, drawn))
    percentiles = parse_numbers(args.percentiles, "--percentiles")
    result = monte_carlo(model, drawn, args.n, seed=args.seed, outputs=outputs_of(args, model))
    summary = result.summary(percentiles)
    written = write_table(result.samples, args.out) if args.out else ""
    if args.format == "csv":
        return summary.to_csv(index_label="output")
    if args.format == "json":
        rows = records(summary.reset_index(names="output"))
        return json.dumps({"preset": label, "n": result.n, "seed": args.seed, "summary": rows}, indent=2, allow_nan=False)
    lines = [f"Monte Carlo of {label}: {result.n} draws, seed {args.seed}", "", summary.to_string(float_format="{:.6g}".format)]
    return "\n".join(lines + ([f"\n{written}"] if written else []))
