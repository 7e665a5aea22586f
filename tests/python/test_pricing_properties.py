"""Properties of bills that hold for any price card and workload drawn from sensible ranges (hypothesis,
with the deterministic profile of conftest.py)."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

import fabtoken as ft

# Floating-point rounding allowance: a sum of five products may differ from its exact value in the
# last bits, so "at most" and "at least" are checked to 1 part in 10^12.
ROUNDING = 1e-12


def between(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# Free, or from a hundredth of a dollar to 200 USD per Mtok (figures.md s4 runs from 0.50 to 125).
prices = st.just(0.0) | between(0.01, 200)
optional_prices = st.none() | prices


@st.composite
def cards(draw: st.DrawFn, cache_read: st.SearchStrategy[float | None] = optional_prices) -> ft.PriceCard:
    """Any card: list prices, cache prices present or not, a long-context tier or not, batch and priority."""
    input_price = draw(prices)
    terms: dict[str, object] = dict(
        model="any", input_usd_per_mtok=input_price, output_usd_per_mtok=draw(prices),
        cache_read_usd_per_mtok=draw(cache_read), cache_write_5m_usd_per_mtok=draw(optional_prices),
        cache_write_1h_usd_per_mtok=draw(optional_prices), batch_discount=draw(between(0, 0.9)),
        priority_multiplier=draw(between(1, 10)))
    if draw(st.booleans()):
        terms.update(long_context_threshold_tokens=draw(between(1_000, 1_000_000)),
                     long_context_input_usd_per_mtok=draw(prices), long_context_output_usd_per_mtok=draw(prices))
    return ft.PriceCard(**terms)  # type: ignore[arg-type]


@st.composite
def cheap_cache_cards(draw: st.DrawFn) -> ft.PriceCard:
    """Cards whose cache reads are cheaper than input: read price = input price x a share below 1."""
    card = draw(cards(cache_read=st.none()))
    assume(card.input_usd_per_mtok > 0)
    share = draw(between(0, 0.99))
    return card.with_(cache_read_usd_per_mtok=card.input_usd_per_mtok * share)


token_counts = st.one_of(st.just(0.0), between(1, 2_000_000))
workloads = st.builds(
    lambda t, requests, tasks, batch, priority: ft.Workload(
        uncached_input_tokens=t[0], cache_read_tokens=t[1], cache_write_5m_tokens=t[2], cache_write_1h_tokens=t[3],
        output_tokens=t[4], requests_per_task=requests, tasks_per_month=tasks, batch=batch, priority=priority),
    st.tuples(token_counts, token_counts, token_counts, token_counts, token_counts).filter(lambda t: sum(t) > 0),
    between(0.1, 1_000), between(0.1, 100_000), st.booleans(), st.booleans())


@given(cards(), workloads)
def test_the_blended_price_lies_between_the_cheapest_and_dearest_price_billed(card, workload):
    bill = card.bill(workload)
    table = bill.table()
    used = table[table["tokens_per_request"] > 0]["usd_per_mtok"]  # the prices billed, options included
    lo, hi = used.min(), used.max()
    assert lo * (1 - ROUNDING) <= bill.blended_usd_per_mtok <= hi * (1 + ROUNDING), (lo, bill.blended_usd_per_mtok, hi)


@given(cheap_cache_cards(), between(1, 1_000_000), between(1, 1_000), between(0, 0.5),
       st.sampled_from(["5m", "1h"]), between(0, 1), between(0, 1), st.booleans(), st.booleans())
def test_with_reads_cheaper_than_input_the_blended_price_never_rises_with_the_hit_rate(
        card, input_tokens, ratio, write_share, ttl, a, b, batch, priority):
    # Two hit rates within what the write share leaves; everything else fixed.
    low, high = sorted((a * (1 - write_share), b * (1 - write_share)))

    def blended(hit_rate: float) -> float:
        return card.bill(ft.Workload.from_ratios(
            input_tokens_per_request=input_tokens, input_output_ratio=ratio, cache_hit_rate=hit_rate,
            cache_write_share=write_share, cache_write_ttl=ttl, batch=batch, priority=priority)).blended_usd_per_mtok

    assert blended(high) <= blended(low) * (1 + ROUNDING)


@given(cheap_cache_cards(), between(1, 1_000_000), between(1, 1_000))
def test_with_reads_cheaper_than_input_a_full_cache_hit_is_cheaper_than_none(card, input_tokens, ratio):
    # The strict version at the two ends: hit rate 1 bills all input at the read price < input price.
    # (Standard prices only: a long-context tier may price input at 0, where reads cost 0 too.)
    card = card.with_(long_context_threshold_tokens=None, long_context_input_usd_per_mtok=None,
                      long_context_output_usd_per_mtok=None)
    def bill(hit_rate: float) -> float:
        return card.bill(ft.Workload.from_ratios(input_tokens_per_request=input_tokens, input_output_ratio=ratio,
                                                 cache_hit_rate=hit_rate)).usd_per_request

    assert bill(1.0) < bill(0.0)


@given(cards(), workloads, between(0.01, 1_000), between(0.01, 1_000))
def test_the_bill_scales_linearly_with_requests_per_task_and_tasks_per_month(card, workload, k_requests, k_tasks):
    bill = card.bill(workload)
    assert math.isclose(bill.usd_per_task, bill.usd_per_request * workload.requests_per_task, rel_tol=1e-12)
    assert math.isclose(bill.usd_per_month, bill.usd_per_task * workload.tasks_per_month, rel_tol=1e-12)
    scaled = card.bill(workload.with_(requests_per_task=workload.requests_per_task * k_requests,
                                      tasks_per_month=workload.tasks_per_month * k_tasks))
    assert scaled.usd_per_request == bill.usd_per_request
    assert math.isclose(scaled.usd_per_task, bill.usd_per_task * k_requests, rel_tol=1e-12)
    assert math.isclose(scaled.usd_per_month, bill.usd_per_month * k_requests * k_tasks, rel_tol=1e-12)


@given(cards(), workloads)
def test_the_shares_of_a_bill_add_up_to_one(card, workload):
    bill = card.bill(workload)
    shares = bill.shares()
    assert all(0 <= share <= 1 + ROUNDING for share in shares.values())
    if bill.usd_per_request > 0:
        assert math.isclose(sum(shares.values()), 1.0, rel_tol=1e-12)
    else:  # a free card: nothing to share
        assert sum(shares.values()) == 0


@given(cards(), workloads)
def test_the_bill_is_the_sum_of_its_rows(card, workload):
    bill = card.bill(workload)
    table = bill.table()
    assert math.isclose(table["usd_per_request"].sum(), bill.usd_per_request, rel_tol=1e-12, abs_tol=1e-300)
    # each row: tokens x price / 10^6
    expected = table["tokens_per_request"] * table["usd_per_mtok"] / 1e6
    for got, want in zip(table["usd_per_request"], expected):
        assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-300)
