"""Token-factory sweeps: fabtoken against what a user would otherwise write, in one run.

    python benchmarks/token_factory_sweep.py [scenarios]

Three inputs vary per scenario (rental price, throughput, utilization). The alternatives compute the
same results: idiomatic NumPy of the stack's formulas (written here only as the comparison), and a
pure-Python loop over fabtoken's scalar API on fewer scenarios, scaled. A triad (a = b + s * c) over
the bytes the sweep must read and write gives this machine's memory-bandwidth bound.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

import fabtoken as ft


def best_of(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def numpy_stack(h200: ft.TokenFactory, rental: np.ndarray, throughput: np.ndarray, utilization: np.ndarray) -> dict:
    """The stack's formulas in NumPy, as an analyst would write them (for comparison only)."""
    i = h200.inputs()
    capex = i["usd_per_server"] / i["gpus_per_server"]
    depreciation = capex * (1 - i["residual_value_fraction"]) / (i["useful_life_years"] * 8760)
    opex = (i["colocation_usd_per_kw_month"] * i["kw_per_gpu"] / 730
            + i["electricity_usd_per_kwh"] * i["kw_per_gpu"] * i["load_factor"] * i["pue"])
    total = depreciation + opex
    revenue = rental * utilization
    compute = rental / (throughput * 3600 / 1e6)
    price = i["api_price_usd_per_mtok"]
    tokens = i["tokens_per_user_month"] / 1e6
    arpu = i["arpu_usd_per_month"]
    return {"cloud_gross_margin": (revenue - total) / revenue, "compute_cost_usd_per_mtok": compute,
            "model_gross_margin": (price - compute) / price,
            "first_party_app_gross_margin": (arpu - tokens * compute) / arpu}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    rng = np.random.default_rng(1)
    rental, throughput, utilization = rng.uniform(1, 3, n), rng.uniform(300, 3000, n), rng.uniform(0.5, 1, n)
    columns = dict(rental_usd_per_gpu_hour=rental, tokens_per_s_per_gpu=throughput, utilization=utilization)

    fabtoken_s = best_of(3, lambda: ft._core._sweep_token_factory(h200, columns, 0))
    numpy_s = best_of(3, lambda: numpy_stack(h200, rental, throughput, utilization))
    ours, theirs = ft._core._sweep_token_factory(h200, columns, 0), numpy_stack(h200, rental, throughput, utilization)
    for name, values in theirs.items():
        assert np.allclose(ours[name], values, rtol=1e-12), name  # the same results, or the timing means nothing

    loop_n = 20_000
    loop_s = best_of(1, lambda: [h200.with_(rental_usd_per_gpu_hour=rental[k], tokens_per_s_per_gpu=throughput[k],
                                            utilization=utilization[k]).evaluate() for k in range(loop_n)]) * n / loop_n
    scalar_s = best_of(5, lambda: [h200.evaluate() for _ in range(100_000)]) / 100_000

    # Bytes the sweep must move: 3 input and 6 output columns of float64.
    b, c, a = rng.random(n), rng.random(n), np.empty(n)
    triad_s = best_of(5, lambda: np.add(b, np.multiply(c, 3.0, out=a), out=a)) * (9 * 8) / (3 * 8)

    print(f"{n:,} scenarios, 3 inputs varying, the full validated stack per scenario")
    for label, seconds in [("fabtoken sweep (C++, no GIL, all cores)", fabtoken_s), ("NumPy, same formulas", numpy_s),
                           ("Python loop over the scalar API (scaled)", loop_s),
                           ("memory-bandwidth bound (triad, same bytes)", triad_s)]:
        print(f"  {label:45s} {seconds:8.3f} s  {n / seconds / 1e6:9.1f} M scenarios/s")
    print(f"  fabtoken / NumPy speed:        {numpy_s / fabtoken_s:6.2f}x")
    print(f"  fabtoken / Python loop speed:  {loop_s / fabtoken_s:6.1f}x")
    print(f"  bandwidth bound / fabtoken:    {fabtoken_s / triad_s:6.1f}x")
    print(f"  one scalar evaluate() from Python: {scalar_s * 1e6:.2f} us")


if __name__ == "__main__":
    main()
