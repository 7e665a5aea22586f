"""Plots (matplotlib, imported only when a plot is drawn)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._core import PriceCard, Workload

if TYPE_CHECKING:
    from matplotlib.axes import Axes


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


__all__ = ["blended_price_vs_cache_hit_rate"]
