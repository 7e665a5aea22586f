"""Plots (matplotlib, imported only when a plot is drawn)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._core import ArrSeries, IaasDeal, MarketplaceDeal, PriceCard, Quantity, ThroughputCurve, ValueCapture, Workload
from .units import usd_per_gpu_hour as _usd_per_gpu_hour

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .scenarios.monte_carlo import MonteCarloResult


def blended_price_vs_cache_hit_rate(
    cards: Iterable[PriceCard],
    *,
    input_tokens_per_request: float,
    input_output_ratio: float,
    cache_write_share: float = 0.0,
    cache_hit_rates: Sequence[float] | None = None,
    ax: Axes | None = None,
    **workload: Any,
) -> Axes:
    """Blended price per Mtok against the cache hit rate, one line per price card.

    The hit rate runs over ``cache_hit_rates`` (default 0 to the largest the write share allows);
    other keywords go to ``Workload.from_ratios``.
    """
    import matplotlib.pyplot as plt

    top = 1.0 - cache_write_share
    rates = list(cache_hit_rates) if cache_hit_rates is not None else [top * i / 50 for i in range(51)]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for card in cards:
        prices = [
            card.bill(
                Workload.from_ratios(
                    input_tokens_per_request=input_tokens_per_request,
                    input_output_ratio=input_output_ratio,
                    cache_hit_rate=rate,
                    cache_write_share=cache_write_share,
                    **workload,
                )
            ).blended_usd_per_mtok
            for rate in rates
        ]
        ax.plot([100 * r for r in rates], prices, label=card.model)
    ax.set_xlabel("cache hit rate (% of input tokens)")
    ax.set_ylabel("blended price (USD/Mtok)")
    ax.set_yscale("log")
    ax.legend()
    return ax


def value_chain(capture: ValueCapture, *, per: str = "dollar", ax: Axes | None = None) -> Axes:
    """The user's payment as stacked bars, one per path (3P app, 1P app): each layer's gross profit
    and the costs left at the bottom, which add up to the whole payment."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    tables = {"3P app": capture.table(path="3p", per=per), "1P app (the lab's own)": capture.table(path="1p", per=per)}
    column = next(c for c in tables["3P app"].columns if c.startswith("gross_profit"))
    cost_column = column.replace("gross_profit", "cost")
    layers = list(dict.fromkeys(name for t in tables.values() for name in t["layer"]))
    colors = plt.get_cmap("tab20")
    bottoms = [0.0] * len(tables)
    for i, name in enumerate(layers):
        heights = []
        for table in tables.values():
            row = table[table["layer"] == name]
            if row.empty:
                heights.append(0.0)
            else:
                bottom_cost = row["role"].iloc[0] != "layer"
                heights.append(float(row[cost_column if bottom_cost else column].iloc[0]))
        ax.bar(list(tables), heights, bottom=bottoms, label=name, color=colors(i % 20))
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_ylabel({"dollar": "share of the user's dollar", "mtok": "USD per Mtok", "user_month": "USD per user-month"}[per])
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return ax


def deal_margins(
    deal: MarketplaceDeal,
    *,
    lab_revenues_musd_per_mw_year: Sequence[float] | None = None,
    iaas: IaasDeal | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Both parties' margins against the lab's revenue per MW-year; with an IaaS deal, the cloud's
    margin under it and the revenue at which the cloud earns the same either way."""
    import matplotlib.pyplot as plt

    if lab_revenues_musd_per_mw_year is None:
        revenues = [10.0 + i for i in range(31)]
    else:  # any iterable of numbers, a numpy array included (whose truth value is ambiguous)
        revenues = [float(r) for r in lab_revenues_musd_per_mw_year]
        if not revenues:
            raise ValueError("lab_revenues_musd_per_mw_year is empty: give at least one lab revenue per MW-year")
    table = deal.sensitivity(revenues)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ax.plot(revenues, 100 * table["cloud_ebit_margin"], label="cloud EBIT margin")
    ax.plot(revenues, 100 * table["lab_gross_margin"], label="lab gross margin")
    if iaas is not None:
        ax.axhline(100 * iaas.cloud_ebit_margin, color="grey", linestyle=":", label="cloud EBIT margin, IaaS deal")
        breakeven = deal.breakeven_against(iaas)
        if breakeven is not None:
            ax.axvline(breakeven, color="grey", linestyle="--", label=f"same cloud EBIT at {breakeven:.1f}")
    ax.set_xlabel("lab gross revenue (USD M per MW-year)")
    ax.set_ylabel("margin (%)")
    ax.legend()
    return ax


def pareto_curves(curves: Iterable[ThroughputCurve], *, ax: Axes | None = None) -> Axes:
    """Throughput per GPU against interactivity: every measured point, and each curve's frontier."""
    import matplotlib.pyplot as plt

    drawn = list(curves)
    if not drawn:  # an empty legend would only warn
        raise ValueError("curves is empty: give at least one throughput curve")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for curve in drawn:
        points, frontier = curve.points(), curve.frontier()
        line = ax.plot(frontier["interactivity_tokens_per_s_per_user"], frontier["tokens_per_s_per_gpu"],
                       marker="o", label=curve.label)[0]
        ax.scatter(points["interactivity_tokens_per_s_per_user"], points["tokens_per_s_per_gpu"],
                   color=line.get_color(), alpha=0.3, s=12)
    ax.set_xlabel("interactivity (tokens/s/user)")
    ax.set_ylabel("throughput (tokens/s/GPU)")
    ax.legend(fontsize="small")
    return ax


def cost_vs_interactivity(
    curves: Iterable[tuple[ThroughputCurve, float | Quantity]], *, samples: int = 50, ax: Axes | None = None
) -> Axes:
    """Cost per Mtok against interactivity, one line per (curve, price per GPU-hour), over each
    curve's measured range (never extrapolated), at ``samples`` evenly spaced interactivities (at least 2)."""
    import matplotlib.pyplot as plt

    pairs = list(curves)
    if not pairs:  # an empty legend would only warn
        raise ValueError("curves is empty: give at least one (throughput curve, price per GPU-hour) pair")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise ValueError(f"samples must be a whole number of at least 2 (both ends of each curve), got {samples!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for curve, price in pairs:
        frontier = curve.frontier()["interactivity_tokens_per_s_per_user"]
        lo, hi = float(frontier.min()), float(frontier.max())
        xs = [lo + (hi - lo) * i / (samples - 1) for i in range(samples)] if hi > lo else [lo]
        costs = [curve.cost_usd_per_mtok_at(x, price) for x in xs]  # checks the price, a quantity included
        usd_per_gpu_hour = price.m_as(_usd_per_gpu_hour) if isinstance(price, Quantity) else float(price)
        ax.plot(xs, costs, label=f"{curve.label} at {usd_per_gpu_hour:g} USD/GPU-hour")
    ax.set_xlabel("interactivity (tokens/s/user)")
    ax.set_ylabel("cost (USD/Mtok)")
    ax.set_yscale("log")
    ax.legend(fontsize="small")
    return ax


def arr_by_segment(series: ArrSeries, *, ax: Axes | None = None) -> Axes:
    """ARR by segment as stacked bars per period, with the total ARR as a line."""
    import matplotlib.pyplot as plt

    table = series.table()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    segments = [c.removesuffix("_musd") for c in table.columns if c.endswith("_musd") and c not in ("arr_musd", "net_new_arr_musd")]
    bottom = [0.0] * len(table)
    for name in segments:
        values = list(table[name + "_musd"])
        ax.bar(table["period"], values, bottom=bottom, label=name.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.plot(table["period"], table["arr_musd"], color="black", marker="o", label="total ARR")
    ax.set_ylabel("ARR (USD M)")
    ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize="small")
    return ax


def quarterly_revenue(series: ArrSeries, convention: str, *, ax: Axes | None = None) -> Axes:
    """Recognized revenue per quarter under a convention ('linear_within_quarter' or 'monthly_run_rate')."""
    import matplotlib.pyplot as plt

    revenue = series.revenue(convention)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    ax.bar(revenue["quarter"], revenue["revenue_musd"], label=convention.replace("_", " "))
    ax.set_ylabel("recognized revenue (USD M per quarter)")
    ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize="small")
    return ax


def tornado(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """A tornado chart of a table from ``ft.tornado``: per input, a bar from the base output to the
    output with that input at its low end and one to its high end; the largest swing on top."""
    import matplotlib.pyplot as plt

    missing = [c for c in ("input", "low", "high", "output_at_low", "output_at_high") if c not in table.columns]
    if missing or "base" not in table.attrs:
        raise ValueError("table must come from ft.tornado (columns input, low, high, output_at_low, output_at_high "
                         f"and attrs['base']); missing: {missing + ([] if 'base' in table.attrs else ['attrs[base]'])}")
    if table.empty:  # an empty legend would only warn
        raise ValueError("table is empty: give a tornado table with at least one input")
    base = float(table.attrs["base"])
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 1.0 + 0.45 * len(table)))
    rows = list(range(len(table)))
    ax.barh(rows, table["output_at_low"] - base, left=base, color="tab:blue", label="input at its low end")
    ax.barh(rows, table["output_at_high"] - base, left=base, color="tab:orange", label="input at its high end")
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(rows, [f"{name} ({low:.4g} to {high:.4g})"
                         for name, low, high in zip(table["input"], table["low"], table["high"], strict=True)])
    ax.invert_yaxis()  # the first row, the largest swing, on top
    ax.set_xlabel(f"{table.attrs.get('output', 'output')} (base {base:.4g})")
    ax.legend(fontsize="small")
    return ax


def histogram(result: MonteCarloResult, output: str, *, bins: int = 50, percentiles: Sequence[float] = (5, 50, 95),
              ax: Axes | None = None) -> Axes:
    """The distribution of an output of ``ft.monte_carlo``: a histogram of its draws, with a dashed line
    at each of the percentiles."""
    import matplotlib.pyplot as plt

    counts, edges = result.histogram(output, bins)
    marks = result.percentiles(output, percentiles)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ax.stairs(counts, edges, fill=True, alpha=0.6, label=f"{result.n} draws")
    for q, value in marks.items():
        ax.axvline(value, color="black", linestyle="--", linewidth=1)
        ax.annotate(f"p{q:g}", (value, 1.0), xycoords=("data", "axes fraction"), ha="center", va="bottom",
                    fontsize="small")
    ax.set_xlabel(output)
    ax.set_ylabel("draws")
    ax.legend(fontsize="small")
    return ax


__all__ = ["arr_by_segment", "quarterly_revenue", "blended_price_vs_cache_hit_rate", "cost_vs_interactivity", "deal_margins", "histogram", "pareto_curves", "tornado", "value_chain"]
