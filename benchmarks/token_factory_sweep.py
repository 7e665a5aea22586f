"""Token-factory sweeps: fabtoken against what a user would otherwise write, in one run.

    python3 benchmarks/token_factory_sweep.py [scenarios]     # default 10,000,000
    benchmarks/run.sh [scenarios]                             # also builds and runs the C++ benchmark

The full H200 token-factory stack (preset "h200-deepseek-r1") over N scenarios in which three inputs
vary: rental price U(1, 3) USD/GPU-hour, throughput U(300, 3000) tokens/s/GPU, utilization U(0.5, 1).
Every alternative computes the same 9 outputs and is checked against fabtoken before it is timed:

1. fabtoken: `ft.batch.evaluate`, all 9 outputs, all cores (validates every input column and checks
   every result is finite), three ways: writing into arrays given with `out=` (as a sweep run in
   chunks reuses them); returning new arrays on the memory of freed results (the batch's pool, as
   when a notebook reruns a sweep); and returning new arrays on fresh memory (the pool emptied first,
   untimed), which the operating system must fault in and zero, as for NumPy's arrays.
2. NumPy: the stack's formulas written idiomatically in NumPy with the unit factors by hand (written
   here only as the comparison; no validation).
3. Pint: the same formulas on Pint Quantity arrays (USD, GPU, server and token as base units),
   results converted .to() the display units.
4. A pure-Python loop over the scalar API, `h200.with_(...).evaluate()`, on 20,000 scenarios, scaled.
5. Scalar latency: one `h200.evaluate()` from Python, and the same stack once on Pint scalars.
6. The memory-bandwidth bound: 3 input and 9 output float64 columns, 96 bytes per scenario, at the
   bandwidth of a STREAM triad on every core: the C++ benchmark's when FABTOKEN_TRIAD_BENCHMARK names
   it (run.sh does), else a NumPy stand-in (see triad_bandwidth).

The sweeps and the triad run in rounds, each timed with time.perf_counter, and the best of each is
kept: every figure sees the same moments of a machine whose speed may drift (timeit for the scalar
latencies).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pint

import fabtoken as ft

HOURS_PER_YEAR, HOURS_PER_MONTH = 8760.0, 730.0  # fabtoken's calendar: a 365-day year, 12 equal months

ureg = pint.UnitRegistry()
for definition in ["USD = [currency]", "GPU = [gpu]", "server = [server]", "token = [token]", "Mtok = 1e6 * token",
                   # Pint's year is 365.25 days; fabtoken's is 8760 hours and its month a twelfth of that.
                   f"year_365 = {HOURS_PER_YEAR} * hour", "month_730 = year_365 / 12"]:
    ureg.define(definition)
Q = ureg.Quantity

# The unit each preset input carries (its name says which), and the display units of the outputs.
PINT_UNITS = {"usd_per_server": "USD/server", "gpus_per_server": "GPU/server", "useful_life_years": "year_365",
              "kw_per_gpu": "kW/GPU", "pue": "", "load_factor": "", "colocation_usd_per_kw_month": "USD/(kW*month_730)",
              "electricity_usd_per_kwh": "USD/(kW*hour)", "rental_usd_per_gpu_hour": "USD/(GPU*hour)",
              "utilization": "", "tokens_per_s_per_gpu": "token/(s*GPU)", "api_price_usd_per_mtok": "USD/Mtok",
              "tokens_per_user_month": "token/month_730", "arpu_usd_per_month": "USD/month_730"}
USD_PER_GPU_HOUR, USD_PER_MTOK, FRACTION = ureg.Unit("USD/(GPU*hour)"), ureg.Unit("USD/Mtok"), ureg.dimensionless


def seconds_of(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


Run = Callable[[], object]


def best_in_rounds(rounds: int, runs: dict[str, Run | tuple[Run, Run]],
                   bandwidth: Callable[[], float] | None = None) -> tuple[dict[str, float], float]:
    """The best time of each run over `rounds` rounds, each round running every one once (after its
    untimed setup, when given as (setup, run)), and the best of `bandwidth()` (GB/s), once a round."""
    best, gbps = dict.fromkeys(runs, float("inf")), 0.0
    for _ in range(rounds):
        for name, run in runs.items():
            if isinstance(run, tuple):
                setup, run = run
                setup()
            best[name] = min(best[name], seconds_of(run))
        if bandwidth is not None:
            gbps = max(gbps, bandwidth())
    return best, gbps


def triad_bandwidth() -> tuple[Callable[[], float], str]:
    """A STREAM triad on every core, in GB/s: the C++ benchmark's (`kernel_benchmark --triad`, named by
    FABTOKEN_TRIAD_BENCHMARK, as run.sh does), else a NumPy one, which overstates the bandwidth where
    the caches are large (its second pass rereads what its first just wrote)."""
    command = os.environ.get("FABTOKEN_TRIAD_BENCHMARK")
    if command:
        def cpp() -> float:
            printed = subprocess.run([command, "--triad"], check=True, capture_output=True, text=True).stdout
            return float(printed.split("TRIAD_GBPS")[1])
        return cpp, "C++ triad a = b + 3c, all cores, 24 B/element"
    m = 20_000_000
    a, b, c = np.empty(m), np.ones(m), np.full(m, 2.0)
    cores = os.cpu_count() or 1
    slices = [slice(m * k // cores, m * (k + 1) // cores) for k in range(cores)]
    pool = ThreadPoolExecutor(cores)

    def part(s: slice) -> None:  # NumPy releases the GIL: one thread a core, each on its slice
        np.add(b[s], np.multiply(c[s], 3.0, out=a[s]), out=a[s])

    def numpy_triad() -> float:
        return 40 * m / seconds_of(lambda: list(pool.map(part, slices))) / 1e9
    return numpy_triad, "NumPy triad a = 3c; a += b, all cores, 40 B/element (overstates where caches are large)"


def per_call(run: Callable[[], object], repeats: int = 7) -> float:
    """Seconds per call: the best of `repeats` timeit runs, each of enough calls to last >= 0.2 s."""
    timer = timeit.Timer(run)
    number, _ = timer.autorange()
    return min(timer.repeat(repeats, number)) / number


def numpy_stack(p: dict, rental: np.ndarray, throughput: np.ndarray, utilization: np.ndarray) -> dict:
    """The stack in NumPy as an analyst would write it, unit factors by hand (for comparison only)."""
    n = len(rental)
    capex = p["usd_per_server"] / p["gpus_per_server"]                          # USD/GPU
    depreciation = capex / (p["useful_life_years"] * HOURS_PER_YEAR)            # USD/GPU-hour, straight line
    operating = (p["colocation_usd_per_kw_month"] * p["kw_per_gpu"] / HOURS_PER_MONTH
                 + p["electricity_usd_per_kwh"] * p["kw_per_gpu"] * p["load_factor"] * p["pue"])
    total = depreciation + operating
    revenue = rental * utilization                                              # per GPU-hour owned
    compute = rental / (throughput * 3600 / 1e6)                                # USD/Mtok
    price, arpu, mtok_per_user = p["api_price_usd_per_mtok"], p["arpu_usd_per_month"], p["tokens_per_user_month"] / 1e6
    return {"total_cost_usd_per_gpu_hour": np.full(n, total), "depreciation_usd_per_gpu_hour": np.full(n, depreciation),
            "operating_cost_usd_per_gpu_hour": np.full(n, operating), "cloud_revenue_usd_per_gpu_hour": revenue,
            "cloud_gross_margin": (revenue - total) / revenue, "compute_cost_usd_per_mtok": compute,
            "model_gross_margin": (price - compute) / price,
            "third_party_app_gross_margin": np.full(n, (arpu - mtok_per_user * price) / arpu),
            "first_party_app_gross_margin": (arpu - mtok_per_user * compute) / arpu}


def pint_stack(q: dict, rental, throughput, utilization) -> dict:
    """The same formulas on Pint quantities (arrays or scalars); Pint does the unit factors."""
    ones = np.ones_like(utilization.magnitude) if np.ndim(utilization.magnitude) else 1.0  # constants are columns too
    capex = q["usd_per_server"] / q["gpus_per_server"]
    depreciation = capex / q["useful_life_years"]
    operating = (q["colocation_usd_per_kw_month"] * q["kw_per_gpu"]
                 + q["electricity_usd_per_kwh"] * q["kw_per_gpu"] * q["load_factor"] * q["pue"])
    total = depreciation + operating
    revenue = rental * utilization
    compute = rental / throughput
    price, arpu, tokens_per_user = q["api_price_usd_per_mtok"], q["arpu_usd_per_month"], q["tokens_per_user_month"]
    results = {"total_cost_usd_per_gpu_hour": total * ones, "depreciation_usd_per_gpu_hour": depreciation * ones,
               "operating_cost_usd_per_gpu_hour": operating * ones, "cloud_revenue_usd_per_gpu_hour": revenue,
               "cloud_gross_margin": (revenue - total) / revenue, "compute_cost_usd_per_mtok": compute,
               "model_gross_margin": (price - compute) / price,
               "third_party_app_gross_margin": (arpu - tokens_per_user * price) / arpu * ones,
               "first_party_app_gross_margin": (arpu - tokens_per_user * compute) / arpu}
    units = [USD_PER_GPU_HOUR] * 4 + [FRACTION, USD_PER_MTOK] + [FRACTION] * 3
    return {name: value.to(unit) for (name, value), unit in zip(results.items(), units)}


def check_same(name: str, ours: dict, theirs: dict) -> None:
    """The same 9 results to 1e-12, or the timing means nothing (atol too: the margins cross zero)."""
    assert list(theirs) == list(ours), f"{name}: outputs {list(theirs)}"
    for output, values in theirs.items():
        values = getattr(values, "magnitude", values)
        assert np.allclose(values, ours[output], rtol=1e-12, atol=1e-12), f"{name} differs from fabtoken on {output}"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    p = h200.inputs()
    if p["cost_of_capital_per_year"] != 0.0 or p["residual_value_fraction"] != 0.0:
        sys.exit("these formulas assume straight-line depreciation: cost of capital and residual value must be 0")
    q = {name: Q(value, PINT_UNITS[name]) for name, value in p.items() if name in PINT_UNITS}

    rng = np.random.default_rng(1)
    rental, throughput, utilization = rng.uniform(1, 3, n), rng.uniform(300, 3000, n), rng.uniform(0.5, 1, n)
    columns = {"rental_usd_per_gpu_hour": rental, "tokens_per_s_per_gpu": throughput, "utilization": utilization}
    pint_columns = [Q(columns[name], PINT_UNITS[name]) for name in columns]

    ours = ft.batch.evaluate(h200, columns, threads=0)
    check_same("NumPy", ours, numpy_stack(p, rental, throughput, utilization))
    check_same("Pint", ours, pint_stack(q, *pint_columns))
    out = {name: np.empty(n) for name in ours}
    check_same("fabtoken out=", ours, ft.batch.evaluate(h200, columns, out=out))
    del ours
    bandwidth, triad = triad_bandwidth()
    best, gbps = best_in_rounds(5, {"out": lambda: ft.batch.evaluate(h200, columns, out=out),
                                    "reused": lambda: ft.batch.evaluate(h200, columns),
                                    "fresh": (ft.batch.release_memory, lambda: ft.batch.evaluate(h200, columns)),
                                    "numpy": lambda: numpy_stack(p, rental, throughput, utilization),
                                    "pint": lambda: pint_stack(q, *pint_columns)}, bandwidth)
    out.clear()  # 720 MB at 10M scenarios

    loop_n = min(n, 20_000)
    loop, _ = best_in_rounds(3, {"loop": lambda: [h200.with_(rental_usd_per_gpu_hour=rental[k], tokens_per_s_per_gpu=throughput[k],
                                                          utilization=utilization[k]).evaluate() for k in range(loop_n)]})
    loop_s = loop["loop"] * n / loop_n

    e = h200.evaluate()
    scalar_inputs = q["rental_usd_per_gpu_hour"], q["tokens_per_s_per_gpu"], q["utilization"]
    scalar = pint_stack(q, *scalar_inputs)
    apps = {"third_party_app_gross_margin": e.third_party_app.gross_margin,
            "first_party_app_gross_margin": e.first_party_app.gross_margin}
    scalar_ours = {name: apps[name] if name in apps else getattr(e, name) for name in ft.batch.output_names(h200)}
    check_same("Pint scalar", scalar_ours, scalar)
    scalar_s = per_call(h200.evaluate)
    pint_scalar_s = per_call(lambda: pint_stack(q, *scalar_inputs))

    sweep_bytes = 12 * 8  # 3 input and 9 output float64 columns per scenario
    bound_s = n * sweep_bytes / (gbps * 1e9)
    fabtoken_s = best["out"]

    print(f"{n:,} scenarios of the full H200 token-factory stack, 3 inputs varying, 9 outputs "
          f"({os.cpu_count()} cores)")
    for label, seconds in [("fabtoken, output arrays given (out=)", best["out"]),
                           ("fabtoken, new arrays on memory of freed results", best["reused"]),
                           ("fabtoken, new arrays on fresh memory", best["fresh"]),
                           ("NumPy, same formulas", best["numpy"]), ("Pint quantities, same formulas", best["pint"]),
                           (f"Python loop over the scalar API ({loop_n:,}, scaled)", loop_s),
                           (f"memory-bandwidth bound ({sweep_bytes} B/scenario)", bound_s)]:
        print(f"  {label:52s} {seconds:9.3f} s  {n / seconds / 1e6:8.2f} M scenarios/s")
    print(f"  triad bandwidth: {gbps:.1f} GB/s ({triad}; once a round, best kept)")
    print(f"  scalar: one h200.evaluate() from Python   {scalar_s * 1e6:9.2f} us")
    print(f"  scalar: the same stack on Pint scalars    {pint_scalar_s * 1e6:9.2f} us")
    print("summary (fabtoken writing into given arrays; [new arrays on reused memory, on fresh memory])")
    for label, theirs in [("NumPy", best["numpy"]), ("Pint", best["pint"])]:
        print(f"  fabtoken vs {label + ':':13s}{theirs / fabtoken_s:8.2f}x faster "
              f"[{theirs / best['reused']:.2f}x, {theirs / best['fresh']:.2f}x]")
    print(f"  fabtoken vs Python loop:  {loop_s / fabtoken_s:8.0f}x faster")
    print(f"  fabtoken / bound time:    {fabtoken_s / bound_s:8.2f}x [{best['reused'] / bound_s:.2f}x, "
          f"{best['fresh'] / bound_s:.2f}x] (1.00 = at the memory-bandwidth bound)")
    print(f"  scalar latency:           {scalar_s * 1e6:8.2f} us fabtoken, {pint_scalar_s * 1e6:.1f} us Pint, "
          f"Pint / fabtoken {pint_scalar_s / scalar_s:.0f}x")


if __name__ == "__main__":
    main()
