"""Price cards, workloads and bills against hand calculations written out beside each assertion.

Prices are in USD per Mtok (one million tokens): N tokens at P USD/Mtok cost N x P / 10^6 USD.
The bundled cards are figures.md section 4; the other cards here are test numbers, not a real model's.
"""

from __future__ import annotations

import math
import pickle

import pytest

import fabtoken as ft
from conftest import run_in_child, value_semantics_tests

u = ft.units

TOKEN_CLASSES = ["uncached_input", "cache_read", "cache_write_5m", "cache_write_1h", "output"]


def full_card(**changes: object) -> ft.PriceCard:
    """A card with every tier, in USD/Mtok: input 3, output 15, cache read 0.30, cache write 3.75
    (5 min) and 6.00 (1 h); above 200k input tokens, input 6 and output 22.50; batch 50% off;
    priority 6x."""
    terms: dict[str, object] = dict(
        model="test-model", provider="test", input_usd_per_mtok=3, output_usd_per_mtok=15,
        cache_read_usd_per_mtok=0.30, cache_write_5m_usd_per_mtok=3.75, cache_write_1h_usd_per_mtok=6,
        long_context_threshold_tokens=200_000, long_context_input_usd_per_mtok=6,
        long_context_output_usd_per_mtok=22.50, batch_discount=0.5, priority_multiplier=6)
    terms.update(changes)
    return ft.PriceCard(**terms)  # type: ignore[arg-type]


def request(uncached: float = 0, read: float = 0, write_5m: float = 0, write_1h: float = 0, output: float = 0,
            **options: object) -> ft.Workload:
    return ft.Workload(uncached_input_tokens=uncached, cache_read_tokens=read, cache_write_5m_tokens=write_5m,
                       cache_write_1h_tokens=write_1h, output_tokens=output, **options)  # type: ignore[arg-type]


# One request holding every class: 10k uncached, 50k cache reads, 20k 5-min writes, 10k 1-h writes,
# 2k output. On full_card: 10k x 3 + 50k x 0.30 + 20k x 3.75 + 10k x 6 + 2k x 15
#   = 30,000 + 15,000 + 75,000 + 60,000 + 30,000 = 210,000 USD per 10^6 tokens = 0.21 USD.
EVERY_CLASS = dict(uncached=10e3, read=50e3, write_5m=20e3, write_1h=10e3, output=2e3)


def agentic(**options: object) -> ft.Workload:
    """figures.md s4's agentic coding workload: 100k input tokens a request, 300 input tokens per output
    token, 90% cache hits and 5% written: 90k reads, 5k writes, 5k uncached, 100,000 / 300 = 333.33 output."""
    return ft.Workload.from_ratios(input_tokens_per_request=100_000, input_output_ratio=300, cache_hit_rate=0.9,
                                   cache_write_share=0.05, **options)  # type: ignore[arg-type]


# The agentic workload on Claude Opus 4.5 (figures.md s4: input 5, output 25, cache read 0.50; no
# cache-write price, so writes bill at the input price 5):
#   5k x 5 + 90k x 0.50 + 5k x 5 + 333.33 x 25 = 25,000 + 45,000 + 25,000 + 8,333.33 = 103,333.33
#   -> 0.1033333 USD a request, over 100,333.33 tokens = 1.0299003 USD/Mtok.
AGENTIC_OPUS_45_USD = 0.1033333
AGENTIC_OPUS_45_BLENDED = 1.0299003


# ---- Every tier ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("token_class", "usd_per_mtok"), [
    ("uncached_input", 3.0), ("cache_read", 0.30), ("cache_write_5m", 3.75), ("cache_write_1h", 6.0), ("output", 15.0),
])
def test_a_tenth_of_a_million_tokens_of_one_class_cost_a_tenth_of_that_class_price(token_class, usd_per_mtok):
    # 100k tokens (below the 200k long-context threshold) x P USD/Mtok = P / 10 USD.
    bill = full_card().bill(ft.Workload(**{f"{token_class}_tokens": 100_000}))
    assert bill.usd_per_request == pytest.approx(usd_per_mtok / 10, rel=1e-12)
    assert bill.table().set_index("token_class").loc[token_class, "usd_per_mtok"] == pytest.approx(usd_per_mtok)
    assert bill.shares()[token_class] == pytest.approx(1.0, rel=1e-12)
    assert not bill.long_context


def test_a_request_with_every_class_bills_each_at_its_own_price():
    bill = full_card().bill(request(**EVERY_CLASS))
    assert bill.usd_per_request == pytest.approx(0.21, rel=1e-12)  # 10k x 3 + 50k x 0.30 + ... = 0.21 USD
    table = bill.table().set_index("token_class")
    assert list(table["usd_per_mtok"]) == pytest.approx([3.0, 0.30, 3.75, 6.0, 15.0], rel=1e-12)
    # 0.030, 0.015, 0.075, 0.060, 0.030 USD
    assert list(table["usd_per_request"]) == pytest.approx([0.030, 0.015, 0.075, 0.060, 0.030], rel=1e-12)


def test_shares_of_the_bill_are_each_class_over_the_whole():
    shares = full_card().bill(request(**EVERY_CLASS)).shares()
    assert list(shares) == TOKEN_CLASSES
    # 30/210, 15/210, 75/210, 60/210, 30/210
    assert list(shares.values()) == pytest.approx([30 / 210, 15 / 210, 75 / 210, 60 / 210, 30 / 210], rel=1e-12)


def test_blended_price_divides_the_bill_by_every_token_and_by_output_tokens():
    bill = full_card().bill(request(**EVERY_CLASS))
    assert bill.blended_usd_per_mtok == pytest.approx(2.2826087, rel=1e-7)  # 0.21 USD / 92,000 tokens
    assert bill.usd_per_output_mtok == pytest.approx(105.0, rel=1e-12)  # 0.21 USD / 2,000 output tokens


def test_price_per_output_mtok_is_none_when_a_request_has_no_output():
    bill = full_card().bill(request(uncached=1000))
    assert bill.usd_per_output_mtok is None
    assert bill.usd_per_request == pytest.approx(0.003, rel=1e-12)  # 1k x 3


# ---- Long context -------------------------------------------------------------------------------

def test_input_above_the_threshold_bills_the_whole_request_at_long_context_prices():
    # 150k uncached + 60k reads = 210k input > 200k: input 6, output 22.50, reads 0.30 x 6/3 = 0.60.
    # 150k x 6 + 60k x 0.60 + 1k x 22.50 = 900,000 + 36,000 + 22,500 = 0.9585 USD.
    bill = full_card().bill(request(uncached=150e3, read=60e3, output=1e3))
    assert bill.long_context
    assert bill.usd_per_request == pytest.approx(0.9585, rel=1e-12)


def test_cache_prices_scale_with_the_input_price_above_the_threshold():
    # 100k + 60k + 30k + 20k = 210k input > 200k; long input 6 = 2x the standard 3, so every cache
    # price doubles: reads 0.60, 5-min writes 7.50, 1-h writes 12; output 22.50.
    # 100k x 6 + 60k x 0.60 + 30k x 7.50 + 20k x 12 + 2k x 22.50
    #   = 600,000 + 36,000 + 225,000 + 240,000 + 45,000 = 1.146 USD.
    bill = full_card().bill(request(uncached=100e3, read=60e3, write_5m=30e3, write_1h=20e3, output=2e3))
    assert bill.long_context
    assert list(bill.table()["usd_per_mtok"]) == pytest.approx([6.0, 0.60, 7.50, 12.0, 22.50], rel=1e-12)
    assert bill.usd_per_request == pytest.approx(1.146, rel=1e-12)


def test_input_exactly_at_the_threshold_does_not_cross_it():
    # 140k + 60k = 200k is not above 200k: 140k x 3 + 60k x 0.30 + 1k x 15 = 420,000 + 18,000 + 15,000 = 0.453 USD.
    bill = full_card().bill(request(uncached=140e3, read=60e3, output=1e3))
    assert not bill.long_context
    assert bill.usd_per_request == pytest.approx(0.453, rel=1e-12)


def test_output_tokens_do_not_count_toward_the_threshold():
    # 199k input (below 200k) + 10k output: 199k x 3 + 10k x 15 = 597,000 + 150,000 = 0.747 USD.
    bill = full_card().bill(request(uncached=199e3, output=10e3))
    assert not bill.long_context
    assert bill.usd_per_request == pytest.approx(0.747, rel=1e-12)


def test_cached_tokens_on_a_card_without_cache_prices_bill_at_the_long_context_input_price():
    # Input 2, output 8; above 100k input, 4 and 16; no cache prices. 50k + 60k reads = 110k > 100k:
    # 110k x 4 + 1k x 16 = 440,000 + 16,000 = 0.456 USD.
    card = ft.PriceCard(model="long", input_usd_per_mtok=2, output_usd_per_mtok=8, long_context_threshold_tokens=100_000,
                        long_context_input_usd_per_mtok=4, long_context_output_usd_per_mtok=16)
    bill = card.bill(request(uncached=50e3, read=60e3, output=1e3))
    assert bill.long_context
    assert bill.usd_per_request == pytest.approx(0.456, rel=1e-12)


def test_a_long_context_bill_stays_finite_when_the_standard_input_price_is_tiny():
    # Library bug at the time of writing: long-context cache prices are scaled by long input / standard
    # input = 156 / 1e-307, which overflows to inf, and a 0 USD/Mtok cache price x inf = NaN.
    # 1-h writes priced 0 cost 0 at any scale: 1,001 tokens x 0 = 0 USD.
    card = ft.PriceCard(model="tiny", input_usd_per_mtok=1e-307, output_usd_per_mtok=0, cache_write_1h_usd_per_mtok=0,
                        long_context_threshold_tokens=1000, long_context_input_usd_per_mtok=156,
                        long_context_output_usd_per_mtok=0)
    bill = card.bill(ft.Workload(cache_write_1h_tokens=1001))
    assert bill.long_context
    assert bill.usd_per_request == 0


# ---- Batch and priority -------------------------------------------------------------------------

@pytest.mark.parametrize(("options", "usd"), [
    (dict(batch=True), 0.105),                  # 0.21 x (1 - 0.5)
    (dict(priority=True), 1.26),                # 0.21 x 6
    (dict(batch=True, priority=True), 0.63),    # 0.21 x 0.5 x 6
    (dict(batch=False, priority=False), 0.21),  # list prices
], ids=["batch", "priority", "batch and priority", "neither"])
def test_batch_discount_and_priority_multiply_every_price(options, usd):
    bill = full_card().bill(request(**EVERY_CLASS, **options))
    assert bill.usd_per_request == pytest.approx(usd, rel=1e-12)


def test_priority_prices_show_in_the_bill_table():
    # Every listed price x 6: 18, 1.80, 22.50, 36, 90 USD/Mtok.
    table = full_card().bill(request(**EVERY_CLASS, priority=True)).table()
    assert list(table["usd_per_mtok"]) == pytest.approx([18.0, 1.80, 22.50, 36.0, 90.0], rel=1e-12)


def test_fast_mode_on_opus_45_is_six_times_the_bill():
    # figures.md s4: fast mode 6x Opus. 0.1033333 x 6 = 0.62 USD a request; 1.0299003 x 6 = 6.1794020 USD/Mtok.
    bill = ft.prices.card("claude-opus-4.5").bill(agentic(priority=True))
    assert bill.usd_per_request == pytest.approx(0.62, rel=1e-12)
    assert bill.blended_usd_per_mtok == pytest.approx(6.1794020, rel=1e-7)


def test_batch_on_a_card_without_a_batch_discount_changes_nothing():
    # The bundled Opus 4.5 card has no published batch discount: still 0.1033333 USD.
    bill = ft.prices.card("claude-opus-4.5").bill(agentic(batch=True))
    assert bill.usd_per_request == pytest.approx(AGENTIC_OPUS_45_USD, rel=1e-6)


# ---- Missing cache prices -----------------------------------------------------------------------

def test_cache_writes_without_a_published_price_bill_as_input():
    # Opus 4.5 publishes no cache-write price: 10k 5-min writes at input 5 = 0.05 USD; 10k 1-h writes too.
    card = ft.prices.card("claude-opus-4.5")
    assert card.cache_write_5m_usd_per_mtok is None
    assert card.bill(request(write_5m=10e3)).usd_per_request == pytest.approx(0.05, rel=1e-12)
    assert card.bill(request(write_1h=10e3)).usd_per_request == pytest.approx(0.05, rel=1e-12)


def test_cache_reads_without_a_published_price_bill_as_input():
    # Kimi K2.6 (figures.md s4: input 0.95) has no cached-input price: 90k reads x 0.95 = 0.0855 USD.
    bill = ft.prices.card("kimi-k2.6").bill(request(read=90e3))
    assert bill.usd_per_request == pytest.approx(0.0855, rel=1e-12)
    assert bill.table().set_index("token_class").loc["cache_read", "usd_per_mtok"] == pytest.approx(0.95, rel=1e-12)


# ---- Workloads from ratios ----------------------------------------------------------------------

def test_from_ratios_splits_input_into_reads_writes_and_uncached_tokens():
    w = agentic()
    assert w.cache_read_tokens == pytest.approx(90_000, rel=1e-12)       # 100k x 0.90
    assert w.cache_write_5m_tokens == pytest.approx(5_000, rel=1e-12)    # 100k x 0.05
    assert w.cache_write_1h_tokens == 0
    assert w.uncached_input_tokens == pytest.approx(5_000, rel=1e-12)    # 100k - 90k - 5k
    assert w.output_tokens == pytest.approx(333.333333, rel=1e-9)        # 100k / 300
    assert w.input_tokens_per_request == pytest.approx(100_000, rel=1e-12)
    assert w.total_tokens_per_request == pytest.approx(100_333.333333, rel=1e-9)


def test_one_hour_writes_go_to_their_own_class():
    # 1,000 input, 20% written for an hour: 200 one-hour writes, 800 uncached; 1,000 / 10 = 100 output.
    w = ft.Workload.from_ratios(input_tokens_per_request=1000, input_output_ratio=10, cache_write_share=0.2,
                                cache_write_ttl="1h")
    assert (w.cache_write_1h_tokens, w.cache_write_5m_tokens) == pytest.approx((200, 0), abs=1e-9)
    assert w.uncached_input_tokens == pytest.approx(800, rel=1e-12)
    assert w.output_tokens == pytest.approx(100, rel=1e-12)
    # On full_card: 800 x 3 + 200 x 6 + 100 x 15 = 2,400 + 1,200 + 1,500 = 0.0051 USD.
    assert full_card().bill(w).usd_per_request == pytest.approx(0.0051, rel=1e-12)


def test_from_ratios_carries_requests_tasks_and_billing_options():
    w = agentic(requests_per_task=50, tasks_per_month=20, batch=True, priority=False)
    assert (w.requests_per_task, w.tasks_per_month, w.batch, w.priority) == (50, 20, True, False)


@pytest.mark.parametrize(("changes", "named"), [
    (dict(input_tokens_per_request=0), "input_tokens_per_request"),
    (dict(input_output_ratio=0), "input_output_ratio"),
    (dict(input_output_ratio=math.inf), "input_output_ratio"),
    (dict(cache_hit_rate=1.5), "cache_hit_rate"),
    (dict(cache_hit_rate=math.nan), "cache_hit_rate"),
    (dict(cache_write_share=-0.1), "cache_write_share"),
    (dict(cache_hit_rate=0.9, cache_write_share=0.2), "cache_hit_rate + cache_write_share"),
    (dict(cache_write_ttl="2h"), "cache_write_ttl"),
    (dict(requests_per_task=0), "requests_per_task"),
    (dict(tasks_per_month=-1), "tasks_per_month"),
], ids=lambda v: str(v) if isinstance(v, dict) else None)
def test_impossible_ratios_raise_value_error_naming_the_parameter(changes, named):
    arguments: dict[str, object] = dict(input_tokens_per_request=1000, input_output_ratio=10)
    arguments.update(changes)
    with pytest.raises(ValueError, match=named.replace("+", r"\+")):
        ft.Workload.from_ratios(**arguments)


def test_a_request_without_tokens_or_with_negative_tokens_is_refused():
    with pytest.raises(ValueError, match="at least one token"):
        ft.Workload()
    with pytest.raises(ValueError, match="output_tokens.*got -1"):
        ft.Workload(output_tokens=-1)


# ---- Per request, task and month ----------------------------------------------------------------

def test_the_agentic_workload_on_opus_45_is_billed_per_request_task_and_month():
    bill = ft.prices.card("claude-opus-4.5").bill(agentic(requests_per_task=50, tasks_per_month=20))
    assert bill.usd_per_request == pytest.approx(AGENTIC_OPUS_45_USD, rel=1e-6)  # 0.1033333 (hand calc above)
    assert bill.usd_per_task == pytest.approx(5.1666667, rel=1e-7)    # 0.1033333 x 50
    assert bill.usd_per_month == pytest.approx(103.333333, rel=1e-8)  # 5.1666667 x 20
    assert bill.blended_usd_per_mtok == pytest.approx(AGENTIC_OPUS_45_BLENDED, rel=1e-7)
    # 0.1033333 USD / 333.33 output tokens = 310 USD per output Mtok
    assert bill.usd_per_output_mtok == pytest.approx(310.0, rel=1e-12)


def test_the_agentic_bill_table_has_a_row_per_class_with_its_share():
    table = ft.prices.card("claude-opus-4.5").bill(agentic()).table()
    assert list(table.columns) == ["token_class", "tokens_per_request", "usd_per_mtok", "usd_per_request",
                                   "share_of_bill"]
    assert list(table["token_class"]) == TOKEN_CLASSES
    assert list(table["tokens_per_request"]) == pytest.approx([5000, 90000, 5000, 0, 333.333333], rel=1e-9)
    assert list(table["usd_per_mtok"]) == pytest.approx([5, 0.50, 5, 5, 25], rel=1e-12)
    # 25,000 + 45,000 + 25,000 + 0 + 8,333.33 per 10^6
    assert list(table["usd_per_request"]) == pytest.approx([0.025, 0.045, 0.025, 0, 0.0083333], abs=1e-7)
    # 25/103.33 = 24.19%, 45/103.33 = 43.55%, 24.19%, 0, 8.333/103.33 = 8.06%
    assert list(table["share_of_bill"]) == pytest.approx([0.2419355, 0.4354839, 0.2419355, 0, 0.0806452], abs=1e-7)


def test_a_zero_bill_has_zero_shares():
    # A free card: every share is 0 rather than 0/0.
    free = ft.PriceCard(model="free", input_usd_per_mtok=0, output_usd_per_mtok=0)
    bill = free.bill(request(uncached=1000, output=10))
    assert bill.usd_per_request == 0
    assert set(bill.shares().values()) == {0.0}


# ---- The provider's economics -------------------------------------------------------------------

SERVING_COST = dict(input_cost_usd_per_mtok=0.40, cached_input_cost_usd_per_mtok=0.04, output_cost_usd_per_mtok=2.0)


def test_economics_of_a_workload_set_its_serving_cost_against_the_bill():
    # Uncached input and cache writes are fresh prefill (0.40), reads cached input (0.04), output 2.00:
    # (10k + 20k + 10k) x 0.40 + 50k x 0.04 + 2k x 2.00 = 16,000 + 2,000 + 4,000 = 0.022 USD.
    e = full_card().bill(request(**EVERY_CLASS)).economics(ft.ServingCost(**SERVING_COST))
    assert e.revenue_usd == pytest.approx(0.21, rel=1e-12)
    assert e.cost_usd == pytest.approx(0.022, rel=1e-12)
    assert e.gross_profit_usd == pytest.approx(0.188, rel=1e-12)  # 0.21 - 0.022
    assert e.gross_margin == pytest.approx(0.8952381, rel=1e-7)   # 0.188 / 0.21


def test_economics_of_a_free_model_are_refused():
    free = ft.PriceCard(model="free", input_usd_per_mtok=0, output_usd_per_mtok=0)
    with pytest.raises(ValueError, match="0 USD"):
        free.bill(request(output=10)).economics(ft.ServingCost(**SERVING_COST))


def test_serving_cost_from_throughput_is_the_gpu_hour_price_over_tokens_per_hour():
    # 2 USD/GPU-hour; 10,000 input tok/s = 36 Mtok/h: 2 / 36 = 0.0555556 USD/Mtok; 100,000 cached
    # tok/s = 360 Mtok/h: 2 / 360 = 0.0055556; 1,000 output tok/s = 3.6 Mtok/h: 2 / 3.6 = 0.5555556.
    cost = ft.ServingCost.from_throughput(price_usd_per_gpu_hour=2, input_tokens_per_s_per_gpu=10_000,
                                          cached_input_tokens_per_s_per_gpu=100_000, output_tokens_per_s_per_gpu=1_000)
    assert cost.input_cost_usd_per_mtok == pytest.approx(0.0555556, rel=1e-6)
    assert cost.cached_input_cost_usd_per_mtok == pytest.approx(0.0055556, rel=1e-5)
    assert cost.output_cost_usd_per_mtok == pytest.approx(0.5555556, rel=1e-7)


@pytest.mark.parametrize("name", ["price_usd_per_gpu_hour", "input_tokens_per_s_per_gpu",
                                  "cached_input_tokens_per_s_per_gpu", "output_tokens_per_s_per_gpu"])
def test_serving_cost_from_a_zero_throughput_or_price_names_it(name):
    arguments = dict(price_usd_per_gpu_hour=2, input_tokens_per_s_per_gpu=1, cached_input_tokens_per_s_per_gpu=1,
                     output_tokens_per_s_per_gpu=1)
    arguments[name] = 0
    with pytest.raises(ValueError, match=name):
        ft.ServingCost.from_throughput(**arguments)


# ---- SKU mix ------------------------------------------------------------------------------------

def output_only_sku(name: str, price: float, cost: float, share: float) -> ft.Sku:
    """A SKU whose requests are 1,000 output tokens at `price` USD/Mtok, served at `cost` USD/Mtok."""
    return ft.Sku(name=name, card=ft.PriceCard(model=name, input_usd_per_mtok=price, output_usd_per_mtok=price),
                  workload=ft.Workload(output_tokens=1000),
                  serving_cost=ft.ServingCost(input_cost_usd_per_mtok=cost, cached_input_cost_usd_per_mtok=cost,
                                              output_cost_usd_per_mtok=cost),
                  token_share=share)


def test_a_sku_mix_is_the_token_weighted_average_of_its_skus():
    # 75% at 10 USD/Mtok (cost 2), 25% at 40 (cost 5): ASP 7.5 + 10 = 17.5, cost 1.5 + 1.25 = 2.75,
    # margin (17.5 - 2.75) / 17.5 = 84.29%.
    mix = ft.SkuMix([output_only_sku("cheap", 10, 2, 0.75), output_only_sku("dear", 40, 5, 0.25)])
    assert mix.average_selling_price_usd_per_mtok == pytest.approx(17.5, rel=1e-12)
    assert mix.average_cost_usd_per_mtok == pytest.approx(2.75, rel=1e-12)
    assert mix.gross_margin == pytest.approx(0.8428571, rel=1e-7)
    table = mix.table()
    assert list(table.columns) == ["sku", "token_share", "price_usd_per_mtok", "cost_usd_per_mtok", "gross_margin"]
    assert list(table["sku"]) == ["cheap", "dear"]
    assert list(table["gross_margin"]) == pytest.approx([0.8, 0.875], rel=1e-12)  # 1 - 2/10, 1 - 5/40


def test_shifting_volume_to_the_dearer_model_raises_the_average_price_and_margin():
    # At 50/50: ASP 5 + 20 = 25, cost 1 + 2.5 = 3.5, margin 21.5 / 25 = 86% (84.29% at 75/25).
    mix = ft.SkuMix([output_only_sku("cheap", 10, 2, 0.5), output_only_sku("dear", 40, 5, 0.5)])
    assert mix.average_selling_price_usd_per_mtok == pytest.approx(25.0, rel=1e-12)
    assert mix.average_cost_usd_per_mtok == pytest.approx(3.5, rel=1e-12)
    assert mix.gross_margin == pytest.approx(0.86, rel=1e-12)


def test_shifting_agentic_volume_from_opus_4_to_opus_45_lowers_the_average_price():
    # Agentic workload, serving cost 0.40 / 0.04 / 2.00 on both: 10k x 0.40 + 90k x 0.04 + 333.33 x 2
    #   = 8,266.67 per 10^6 USD a request over 100,333.33 tokens = 0.0823920 USD/Mtok.
    # Opus 4 (15/75, no cache price): 100k x 15 + 333.33 x 75 = 1.525 USD / 100,333.33 = 15.1993355 USD/Mtok.
    # Opus 4.5: 1.0299003 USD/Mtok (above).
    # 80/20: ASP 0.8 x 15.1993355 + 0.2 x 1.0299003 = 12.3654485; margin 1 - 0.0823920 / 12.3654485 = 99.334%.
    # 20/80: ASP 0.2 x 15.1993355 + 0.8 x 1.0299003 = 3.8637873; margin 1 - 0.0823920 / 3.8637873 = 97.868%.
    catalog = ft.prices.catalog()
    cost = ft.ServingCost(**SERVING_COST)

    def mix(opus_4_share: float) -> ft.SkuMix:
        return ft.SkuMix([
            ft.Sku(name="Opus 4", card=catalog["claude-opus-4"], workload=agentic(), serving_cost=cost,
                   token_share=opus_4_share),
            ft.Sku(name="Opus 4.5", card=catalog["claude-opus-4.5"], workload=agentic(), serving_cost=cost,
                   token_share=1 - opus_4_share),
        ])

    before, after = mix(0.8), mix(0.2)
    assert before.average_selling_price_usd_per_mtok == pytest.approx(12.3654485, rel=1e-7)
    assert after.average_selling_price_usd_per_mtok == pytest.approx(3.8637873, rel=1e-7)
    assert before.average_cost_usd_per_mtok == pytest.approx(0.0823920, rel=1e-6)
    assert after.average_cost_usd_per_mtok == pytest.approx(0.0823920, rel=1e-6)
    assert before.gross_margin == pytest.approx(0.993337, abs=1e-6)
    assert after.gross_margin == pytest.approx(0.978676, abs=1e-6)


@pytest.mark.parametrize("shares", [(0.5, 0.4), (0.7, 0.7)], ids=["below 1", "above 1"])
def test_token_shares_that_do_not_add_up_to_one_are_refused(shares):
    with pytest.raises(ValueError, match="add up to 1"):
        ft.SkuMix([output_only_sku("a", 10, 2, shares[0]), output_only_sku("b", 40, 5, shares[1])])


def test_an_empty_sku_mix_is_refused():
    with pytest.raises(ValueError, match="at least one SKU"):
        ft.SkuMix([])


# ---- Value of work ------------------------------------------------------------------------------

def test_value_of_work_sets_token_cost_against_the_human_hours_it_replaces():
    # The agentic Opus 4.5 task: 50 requests x 0.1033333 = 5.1666667 USD of tokens, against 2 h x 100 USD/h
    # = 200 USD: ratio 5.1666667 / 200 = 0.0258333335 (2.583%); savings 200 - 5.1666667 = 194.8333333 USD.
    v = ft.ValueOfWork(token_cost_usd=5.1666667, human_hours=2, human_usd_per_hour=100)
    assert v.human_cost_usd == pytest.approx(200.0, rel=1e-12)
    assert v.cost_ratio == pytest.approx(0.0258333335, rel=1e-12)
    assert v.savings_usd == pytest.approx(194.8333333, rel=1e-9)


def test_value_of_work_takes_quantities_in_other_units():
    # 1 month = 730 h (figures.md conventions): 730 h x 100 USD/h = 73,000 USD.
    v = ft.ValueOfWork(token_cost_usd=730, human_hours=u.months(1), human_usd_per_hour=100)
    assert v.human_hours == pytest.approx(730.0, rel=1e-12)
    assert v.human_cost_usd == pytest.approx(73_000.0, rel=1e-12)
    assert v.cost_ratio == pytest.approx(0.01, rel=1e-12)  # 730 / 73,000


def test_value_of_work_needs_positive_human_hours():
    with pytest.raises(ValueError, match="human_hours"):
        ft.ValueOfWork(token_cost_usd=1, human_hours=0, human_usd_per_hour=100)


# ---- Price card terms ---------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "named"), [
    (dict(input_usd_per_mtok=-1), "input_usd_per_mtok"),
    (dict(output_usd_per_mtok=math.nan), "output_usd_per_mtok"),
    (dict(cache_read_usd_per_mtok=-0.1), "cache_read_usd_per_mtok"),
    (dict(cache_write_1h_usd_per_mtok=math.inf), "cache_write_1h_usd_per_mtok"),
    (dict(long_context_input_usd_per_mtok=None), "long-context tier needs its threshold, input price and output"),
    (dict(long_context_threshold_tokens=0), "long_context_threshold_tokens"),
    (dict(batch_discount=1.0), "batch_discount"),
    (dict(priority_multiplier=0.5), "priority_multiplier"),
], ids=lambda v: str(v) if isinstance(v, dict) else None)
def test_a_card_with_impossible_terms_raises_value_error_naming_the_card_and_term(changes, named):
    with pytest.raises(ValueError, match=f"price card 'test-model'.*{named}"):
        full_card(**changes)


def test_a_card_needs_a_model_name_and_both_list_prices():
    with pytest.raises(ValueError, match="model name"):
        ft.PriceCard(model="", input_usd_per_mtok=1, output_usd_per_mtok=1)
    with pytest.raises(TypeError, match="output_usd_per_mtok"):
        ft.PriceCard(model="m", input_usd_per_mtok=1)


def test_unknown_keywords_are_type_errors_naming_them():
    with pytest.raises(TypeError, match="colour"):
        full_card(colour="blue")
    with pytest.raises(TypeError, match="colour"):
        ft.Workload(output_tokens=1, colour="blue")


def test_a_card_with_changes_is_a_new_card():
    card = full_card()
    cheaper = card.with_(input_usd_per_mtok=1, cache_read_usd_per_mtok=None)
    assert (cheaper.input_usd_per_mtok, cheaper.cache_read_usd_per_mtok) == (1.0, None)
    assert (card.input_usd_per_mtok, card.cache_read_usd_per_mtok) == (3.0, 0.30)
    # 10k reads now bill at input 1: 10k x 1 = 0.01 USD (was 10k x 0.30 = 0.003).
    assert cheaper.bill(request(read=10e3)).usd_per_request == pytest.approx(0.01, rel=1e-12)


# ---- Quantities ---------------------------------------------------------------------------------

def test_token_counts_may_be_given_in_ktok_and_mtok():
    w = ft.Workload(uncached_input_tokens=u.ktok(10), output_tokens=u.mtok(0.002))
    assert (w.uncached_input_tokens, w.output_tokens) == pytest.approx((10_000, 2_000), rel=1e-12)
    ratios = ft.Workload.from_ratios(input_tokens_per_request=u.ktok(100), input_output_ratio=300, cache_hit_rate=0.9,
                                     cache_write_share=0.05)
    assert ratios == agentic()
    card = full_card(long_context_threshold_tokens=u.ktok(200), input_usd_per_mtok=u.usd_per_token(3e-6))
    assert card.long_context_threshold_tokens == pytest.approx(200_000, rel=1e-12)
    assert card.input_usd_per_mtok == pytest.approx(3.0, rel=1e-12)  # 3e-06 USD/token x 10^6


@pytest.mark.parametrize("make", [
    lambda: ft.Workload(uncached_input_tokens=u.usd(10)),
    lambda: ft.Workload.from_ratios(input_tokens_per_request=u.usd_per_mtok(1000), input_output_ratio=10),
    lambda: full_card(input_usd_per_mtok=u.tokens(3)),
    lambda: full_card(long_context_threshold_tokens=u.usd(200_000)),
    lambda: ft.ServingCost(input_cost_usd_per_mtok=u.usd_per_gpu_hour(1), cached_input_cost_usd_per_mtok=0,
                           output_cost_usd_per_mtok=1),
    lambda: ft.ServingCost.from_throughput(price_usd_per_gpu_hour=u.usd_per_mtok(2), input_tokens_per_s_per_gpu=1,
                                           cached_input_tokens_per_s_per_gpu=1, output_tokens_per_s_per_gpu=1),
    lambda: ft.ValueOfWork(token_cost_usd=1, human_hours=u.usd(2), human_usd_per_hour=100),
    lambda: ft.Workload(output_tokens="1000"),  # type: ignore[arg-type]
    lambda: ft.Workload(output_tokens=1, batch=1),  # type: ignore[arg-type]
], ids=["tokens as money", "ratio input as price", "price as tokens", "threshold as money",
        "serving cost as gpu-hour price", "gpu-hour price as token price", "hours as money", "tokens as text",
        "flag as number"])
def test_a_quantity_of_the_wrong_kind_is_a_type_error(make):
    with pytest.raises(TypeError):
        make()


def test_a_model_name_that_is_not_text_is_a_type_error():
    # Library bug at the time of writing: RuntimeError "Unable to cast Python instance of type <class 'int'>".
    with pytest.raises(TypeError):
        ft.PriceCard(model=3, input_usd_per_mtok=1, output_usd_per_mtok=1)  # type: ignore[arg-type]


# ---- Value semantics ----------------------------------------------------------------------------

def serving_cost() -> ft.ServingCost:
    return ft.ServingCost(**SERVING_COST)


def sku(share: float = 1.0, name: str = "Opus 4.5") -> ft.Sku:
    return ft.Sku(name=name, card=ft.prices.card("claude-opus-4.5"), workload=agentic(), serving_cost=serving_cost(),
                  token_share=share)


# Each value type: (a maker of one value, a maker of a different value of the same type).
VALUES = {
    "PriceCard": (full_card, lambda: full_card(cache_write_1h_usd_per_mtok=None)),
    "Workload": (agentic, lambda: agentic(priority=True)),
    "ServingCost": (serving_cost, lambda: serving_cost().with_(output_cost_usd_per_mtok=3)),
    "ValueOfWork": (lambda: ft.ValueOfWork(token_cost_usd=5.1666667, human_hours=2, human_usd_per_hour=100),
                    lambda: ft.ValueOfWork(token_cost_usd=5.1666667, human_hours=3, human_usd_per_hour=100)),
    "Sku": (sku, lambda: sku(name='a "quoted", odd name')),
    "SkuMix": (lambda: ft.SkuMix([sku(0.25), sku(0.75, "other")]), lambda: ft.SkuMix([sku(0.5), sku(0.5, "other")])),
}
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

globals().update(value_semantics_tests(VALUES))


RESULTS = {
    "Bill": lambda: full_card().bill(request(**EVERY_CLASS)),
    "WorkloadEconomics": lambda: full_card().bill(request(**EVERY_CLASS)).economics(serving_cost()),
}


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("kind", list(RESULTS))
def test_a_result_refuses_to_pickle_with_type_error(kind, protocol):
    def attempt() -> None:
        with pytest.raises(TypeError, match=f"{kind} is a result"):
            pickle.dumps(RESULTS[kind](), protocol=protocol)

    assert run_in_child(attempt) == "ok"


@pytest.mark.parametrize("kind", ["PriceCard", "Workload", "ServingCost", "ValueOfWork"])
def test_with_returns_a_new_object_and_leaves_the_original_untouched(kind):
    make, make_other = VALUES[kind]
    original, other = make(), make_other()
    before = original.inputs()
    changed = original.with_(**other.inputs())
    assert changed == other
    assert original.inputs() == before
    assert original.with_() == original
    assert original.with_() is not original


def test_reprs_of_results_show_their_totals():
    bill = full_card().bill(request(**EVERY_CLASS))
    text = repr(bill)
    assert text.startswith("Bill(usd_per_request=0.21, blended_usd_per_mtok=") and text.endswith(", long_context=False)")
    blended = float(text.split("blended_usd_per_mtok=")[1].split(",")[0])
    assert blended == pytest.approx(2.2826087, rel=1e-7)  # 0.21 USD / 92,000 tokens
    assert "<table" in bill._repr_html_()
    economics = repr(bill.economics(serving_cost()))
    # revenue 0.21, cost 0.022, margin 0.188 / 0.21
    assert economics.startswith("WorkloadEconomics(revenue_usd=0.21, cost_usd=0.022")
    assert "gross_margin=0.89523" in economics
