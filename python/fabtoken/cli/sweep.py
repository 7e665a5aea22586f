"""fabtoken sweep: a preset's outputs over a grid of inputs, as CSV (stdout or a file) or Parquet.

    fabtoken sweep --vary rental_usd_per_gpu_hour=1.5:2.5:11 --vary utilization=0.6,0.8,1.0 --out grid.parquet

Also the pieces `fabtoken mc` shares: the model named on the command line, --set inputs, --outputs,
and writing a table. Everything goes through `fabtoken.batch`, so any model it serves would do.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import pathlib
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import batch, presets
from ._shared import parse_assignment, parse_numbers

# A grid is the product of the --vary values; past this many rows it is almost surely a typo.
MAX_GRID_ROWS = 10_000_000


def register(commands: Any) -> None:
    sweep = commands.add_parser("sweep", help="the outputs of a preset over a grid of inputs (CSV or Parquet)")
    add_model_source(sweep)
    sweep.add_argument("--vary", action="append", required=True, metavar="NAME=LO:HI:N | NAME=V1,V2,...",
                       help="an input over N evenly spaced values from LO to HI, or over listed values (repeatable; "
                            "the grid is every combination, the first --vary changing slowest)")
    add_fixed_and_outputs(sweep)
    sweep.add_argument("--out", metavar="FILE", help="write FILE.csv or FILE.parquet (default: CSV on stdout)")
    sweep.set_defaults(run=run)


def add_model_source(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--preset", default=presets.DEFAULT, help=f"a built-in preset (default {presets.DEFAULT})")
    source.add_argument("--file", help="a preset CSV file of your own")


def add_fixed_and_outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="hold an input at a value, in the unit its name carries (repeatable)")
    parser.add_argument("--outputs", metavar="A,B", help="only these outputs, separated by commas (default all)")


def model_of(args: argparse.Namespace) -> tuple[str, Any]:
    """(label, model) for the preset or file named on the command line."""
    if args.file:
        return args.file, presets.read_token_factory(args.file)
    return args.preset, presets.token_factory(args.preset)


def known(name: str, base: Mapping[str, float], option: str) -> str:
    if name not in base:
        raise ValueError(f"{option}: unknown input {name!r}; known inputs: {', '.join(sorted(base))}")
    return name


def fixed_inputs(args: argparse.Namespace, base: Mapping[str, float], taken: Mapping[str, object]) -> dict[str, float]:
    """The --set inputs; an input may not also be in `taken` (varied or drawn) nor be set twice."""
    fixed: dict[str, float] = {}
    for item in args.set:
        name, value = parse_assignment(item)
        known(name, base, "--set")
        if name in taken or name in fixed:
            raise ValueError(f"--set {name}: that input is already given; give each input once")
        if not math.isfinite(value):
            raise ValueError(f"--set {name}: value must be a finite number, got {value!r}")
        fixed[name] = value
    return fixed


def outputs_of(args: argparse.Namespace, model: Any) -> list[str] | None:
    """The --outputs names, checked against the model's outputs (None: all)."""
    if args.outputs is None:
        return None
    names = [name.strip() for name in args.outputs.split(",") if name.strip()]
    available = batch.output_names(model)
    for name in names:
        if name not in available:
            raise ValueError(f"--outputs: unknown output {name!r}; known outputs: {', '.join(available)}")
    if not names:
        raise ValueError(f"--outputs expects output names separated by commas, got {args.outputs!r}")
    return names


def write_table(frame: pd.DataFrame, path: str) -> str:
    """Writes the frame to a .csv or .parquet file; returns a line saying so."""
    suffix = pathlib.Path(path).suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        if importlib.util.find_spec("pyarrow") is None:  # pandas' own error would not say how to install it
            raise ValueError("--out: writing Parquet needs pyarrow: pip install fabtoken[parquet]")
        frame.to_parquet(path, index=False)
    else:
        raise ValueError(f"--out must name a .csv or .parquet file, got {path!r}")
    return f"wrote {len(frame)} rows x {len(frame.columns)} columns to {path}"


def parse_vary(text: str) -> tuple[str, np.ndarray]:
    """'name=LO:HI:N' (N evenly spaced values, both ends included) or 'name=V1,V2,...'."""
    name, sep, spec = text.partition("=")
    name = name.strip()
    if not sep or not name or not spec.strip():
        raise ValueError(f"--vary expects NAME=LO:HI:N or NAME=V1,V2,..., got {text!r}")
    if ":" not in spec:
        return name, np.array(parse_numbers(spec, f"--vary {name}"))
    parts = spec.split(":")
    if len(parts) != 3:
        raise ValueError(f"--vary {name}: a range is LO:HI:N, got {spec!r}")
    try:
        low, high = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"--vary {name}: LO and HI must be numbers, got {spec!r}") from None
    try:
        count = int(parts[2])
    except ValueError:
        raise ValueError(f"--vary {name}: N must be a whole number of values, got {parts[2]!r}") from None
    if count < 2:
        raise ValueError(f"--vary {name}: N must be at least 2 (both ends of the range), got {count}; "
                         "for one value use --set")
    return name, np.linspace(low, high, count)


def grid(varied: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Every combination of the values, one row each, the first input changing slowest."""
    rows = math.prod(len(values) for values in varied.values())
    if rows > MAX_GRID_ROWS:
        raise ValueError(f"--vary: the grid has {rows:,} rows; expected at most {MAX_GRID_ROWS:,}")
    mesh = np.meshgrid(*varied.values(), indexing="ij")  # C order: the last input changes fastest
    return {name: axis.ravel() for name, axis in zip(varied, mesh, strict=True)}


def run(args: argparse.Namespace) -> str:
    _, model = model_of(args)
    base = batch.base_inputs(model)
    varied: dict[str, np.ndarray] = {}
    for item in args.vary:
        name, values = parse_vary(item)
        known(name, base, "--vary")
        if name in varied:
            raise ValueError(f"--vary {name}: that input is varied twice; give it once")
        bad = values[~np.isfinite(values)]
        if bad.size:
            raise ValueError(f"--vary {name}: values must be finite numbers, got {float(bad[0])!r}")
        varied[name] = values
    fixed = fixed_inputs(args, base, varied)
    scenarios = grid(varied)
    results = batch.evaluate(model, {**scenarios, **fixed}, outputs=outputs_of(args, model))
    frame = pd.DataFrame({**scenarios, **results})
    if args.out:
        return write_table(frame, args.out)
    return frame.to_csv(index=False)
