"""Batch evaluation over Dask arrays and dataframes (needs Dask: pip install fabtoken[dask]).

    from fabtoken.scenarios.distributed import dask_evaluate, dask_evaluate_frame
    rentals = dask.array.random.default_rng(0).uniform(1.6, 2.4, 10**8, chunks=10**6)
    out = dask_evaluate(h200, {"rental_usd_per_gpu_hour": rentals, "utilization": 0.9})
    out["cloud_gross_margin"].mean().compute()

Nothing here schedules: each block (or partition) is one `ft.batch.evaluate` call in a task of the
graph, and whatever Dask scheduler is active (threads, processes, a distributed Client) runs them.
The model travels with the graph, so it must pickle (the fabtoken value types do). Results equal,
element by element, those of one `ft.batch.evaluate` over the whole arrays. This module is not
imported by `import fabtoken`, so Dask stays optional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import batch
from ._arguments import all_finite, finite_float, known_input, known_output, scenario_index

try:
    import dask.array as da
except ImportError as error:  # pragma: no cover - dask is installed wherever the tests run
    raise ImportError("fabtoken.scenarios.distributed needs Dask: pip install fabtoken[dask]") from error

if TYPE_CHECKING:
    import dask.dataframe as dd


def dask_evaluate(model: Any, inputs: Mapping[str, da.Array | float], *, outputs: Sequence[str] | None = None,
                  threads: int = 1) -> dict[str, da.Array]:
    """{output name: lazy 1-D dask array}, one element per scenario, like `ft.batch.evaluate`.

    Each input is a 1-D dask array (a numpy array is wrapped into one) or one number broadcast to
    every scenario; at least one must be an array. Arrays with different chunks are rechunked to
    common blocks. `threads` is per block (default 1: Dask already runs blocks side by side).
    Names are checked now; values when the graph runs (an invalid scenario then raises ValueError
    naming its index in the whole array).
    """
    base = batch.base_inputs(model)
    wanted = _outputs(model, outputs)
    arrays: dict[str, da.Array] = {}
    scalars: dict[str, float] = {}
    for name, value in inputs.items():
        known_input(name, base, "inputs", model)
        if isinstance(value, da.Array) or np.ndim(value) > 0:
            array = value if isinstance(value, da.Array) else da.from_array(np.asarray(value, dtype=float))
            if array.ndim != 1:
                raise ValueError(f"inputs[{name!r}] must be a 1-D array or a number, got an array of shape {array.shape}")
            arrays[name] = array
        else:
            scalars[name] = finite_float(value, f"inputs[{name!r}]")
    if not arrays:
        raise ValueError("dask_evaluate needs at least one input that is a dask array (numbers are broadcast to it); "
                         "for numbers only use ft.batch.evaluate")
    lengths = {name: array.shape[0] for name, array in arrays.items() if not np.isnan(array.shape[0])}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"the input arrays must have one length (one value per scenario), got {lengths}")

    chunks, aligned = da.core.unify_chunks(*(part for array in arrays.values() for part in (array, "i")))
    stacked = da.map_blocks(_evaluate_block, *aligned, new_axis=0, chunks=((len(wanted),), chunks["i"]),
                            dtype=float, meta=np.empty((0, 0)), model=model, names=list(arrays), scalars=scalars,
                            outputs=wanted, threads=threads)
    return {name: stacked[row] for row, name in enumerate(wanted)}


def dask_evaluate_frame(model: Any, ddf: dd.DataFrame, *, outputs: Sequence[str] | None = None,
                        threads: int = 1) -> dd.DataFrame:
    """The dataframe with one column per output appended, computed partition by partition.

    Each column named like an input of the model is that input, one row per scenario; the model's
    other inputs keep its own values. Every column is kept (ids, labels...), so an output name may
    not already be a column. `threads` is per partition.
    """
    base = batch.base_inputs(model)
    wanted = _outputs(model, outputs)
    used = [str(column) for column in ddf.columns if column in base]
    if not used:
        raise ValueError(f"the dataframe has no column named like an input of {type(model).__name__}; "
                         f"expected at least one of: {', '.join(base)}")
    clashes = [name for name in wanted if name in ddf.columns]
    if clashes:
        raise ValueError(f"the dataframe already has a column {clashes[0]!r}, which is an output; rename or drop it")
    meta = ddf._meta.assign(**{name: np.empty(0, dtype=float) for name in wanted})
    return ddf.map_partitions(_evaluate_partition, model=model, used=used, outputs=wanted, threads=threads, meta=meta)


def _outputs(model: Any, outputs: Sequence[str] | None) -> list[str]:
    if outputs is None:
        return batch.output_names(model)
    names = [known_output(model, name, "each name in outputs") for name in outputs]
    if not names:
        raise ValueError("outputs is empty: give at least one output name, or None for all")
    return names


def _evaluate_block(*columns: np.ndarray, model: Any, names: list[str], scalars: dict[str, float],
                    outputs: list[str], threads: int, block_info: dict[Any, Any] | None = None) -> np.ndarray:
    """One block of scenarios: an (outputs x scenarios) array."""
    if len(columns[0]) == 0:
        return np.empty((len(outputs), 0))
    start = block_info[None]["array-location"][1][0] if block_info else 0
    results = _evaluate(model, {**scalars, **dict(zip(names, columns, strict=True))}, outputs, threads, start)
    return np.stack([results[name] for name in outputs])


def _evaluate_partition(partition: pd.DataFrame, *, model: Any, used: list[str], outputs: list[str], threads: int,
                        partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    if len(partition) == 0:
        return partition.assign(**{name: np.empty(0, dtype=float) for name in outputs})
    where = f"partition {partition_info['number']}" if partition_info else "a partition"
    inputs = {name: partition[name].to_numpy(dtype=float) for name in used}
    try:
        results = _evaluate(model, inputs, outputs, threads, 0)
    except ValueError as error:
        raise ValueError(f"in {where} (scenario indices count rows within it): {error}") from error
    return partition.assign(**{name: results[name] for name in outputs})


def _evaluate(model: Any, inputs: dict[str, Any], outputs: list[str], threads: int, start: int) -> dict[str, np.ndarray]:
    """ft.batch.evaluate of a slice of scenarios starting at `start`, errors naming the overall index."""
    try:
        results = batch.evaluate(model, inputs, outputs=outputs, threads=threads)
    except ValueError as error:
        i = scenario_index(error)
        if i is None or start == 0:
            raise
        raise ValueError(f"scenario {start + i} of the whole array is invalid; in its block, which starts at "
                         f"scenario {start}: {error}") from error
    all_finite(results, lambda i: f"scenario {start + i}")
    return results


__all__ = ["dask_evaluate", "dask_evaluate_frame"]
