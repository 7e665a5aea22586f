"""Token prices: the bundled price cards (figures.md section 4) and loaders for your own.

    card = ft.prices.card("claude-opus-4.5")
    agentic = ft.Workload.from_ratios(input_tokens_per_request=100_000, input_output_ratio=300, cache_hit_rate=0.9)
    card.bill(agentic).table()

Files are only read. A malformed entry is left out and listed in ``catalog.issues`` (model, field,
message) while the rest load; ``strict=True`` raises ValueError naming the file, model and field.
"""

from __future__ import annotations

import os
from importlib.resources import files

from ._core import PriceCard, PriceCatalog, read_litellm_prices, read_price_cards_csv

_BUNDLED = files("fabtoken") / "data" / "price_cards.csv"


def catalog() -> PriceCatalog:
    """The bundled price cards, each with its source and date."""
    return read_price_cards_csv(str(_BUNDLED), strict=True)


def card(model: str) -> PriceCard:
    """The bundled card of a model; ValueError listing the catalog for an unknown one."""
    return catalog().find(model)


def read_csv(path: str | os.PathLike[str], *, strict: bool = False) -> PriceCatalog:
    """Price cards from a CSV file in USD per Mtok (columns: see the README)."""
    return read_price_cards_csv(os.fspath(path), strict=strict)


def read_litellm(path: str | os.PathLike[str], *, strict: bool = False) -> PriceCatalog:
    """Price cards from LiteLLM's model_prices_and_context_window.json (USD per token)."""
    return read_litellm_prices(os.fspath(path), strict=strict)


__all__ = ["card", "catalog", "read_csv", "read_litellm"]
