"""Batch evaluation of every model: the same numbers as the scalar API scenario by scenario, known answers
from figures.md and hand calculations, bad input columns refused with a clear error (never a crash),
output selection, base inputs, and batches running side by side without the GIL.

Every expected number comes from figures.md or from a hand calculation written out beside it; the
figures.md s1 values of the H200 stack are derived in conftest.py.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

import fabtoken as ft
from conftest import COMPUTE_COST, DEPRECIATION, FIGURES_S2_DEAL, H200, OPERATING_COST, TOTAL_COST, run_in_child

LAB_REVENUE = "lab_revenue_musd_per_mw_year"

# figures.md s6, the Gold tier of the GB300 NVL72 cluster (as in test_goodput.py).
GOLD = dict(cluster_gpus=5184, job_gpus=4096, blast_radius_gpus=64, checkpoint_interval_minutes=60, failover_minutes=5,
            network_overhead=0, memory_overhead=0, hours_per_month=720, gpu_mtbf_hours=25_000, idle_spare_gpus=32,
            recovery="fault_tolerant", identify_minutes=15, repair_hours=0.25, init_minutes=10)
# figures.md s2 deal terms; the plain IaaS deal of the H200 stack (as in test_deals.py).
DEAL_TERMS = dict(revenue_share=0.25, iaas_fee_musd_per_mw_year=7.5, cloud_opex_musd_per_mw_year=6.5)
IAAS_TERMS = dict(rental_usd_per_gpu_hour=1.90, kw_per_gpu=1.35, cloud_opex_musd_per_mw_year=6.5, term_years=5,
                  compute_mw=10)
# Test supplier margins, not published figures (as in test_value_capture.py).
TEST_MARGINS = dict(system_vendor_gross_margin=0.75, memory_share_of_system_cost=0.20, memory_gross_margin=0.60,
                    foundry_share_of_system_cost=0.10, foundry_gross_margin=0.60, datacenter_gross_margin=0.30)
# A test card with every tier (as in test_pricing.py), in USD/Mtok; long context above 200k input tokens.
CARD_TERMS = dict(model="test-model", provider="test", input_usd_per_mtok=3, output_usd_per_mtok=15,
                  cache_read_usd_per_mtok=0.30, cache_write_5m_usd_per_mtok=3.75, cache_write_1h_usd_per_mtok=6,
                  long_context_threshold_tokens=200_000, long_context_input_usd_per_mtok=6,
                  long_context_output_usd_per_mtok=22.50, batch_discount=0.5, priority_multiplier=6)
# One request of every class: 10k uncached, 50k cache reads, 20k + 10k cache writes, 2k output; 10 requests
# a task, 100 tasks a month.
WORKLOAD_TERMS = dict(uncached_input_tokens=10e3, cache_read_tokens=50e3, cache_write_5m_tokens=20e3,
                      cache_write_1h_tokens=10e3, output_tokens=2e3, requests_per_task=10, tasks_per_month=100)


# --- each model's scalar API, output by output --------------------------------------------------------

def factory_outputs(factory: ft.TokenFactory, x: dict[str, float]) -> dict[str, float]:
    e = factory.with_(**x).evaluate()
    names = ft.batch.output_names(factory)
    values = {n: getattr(e, n) for n in names if not n.endswith("app_gross_margin")}
    return dict(values, third_party_app_gross_margin=e.third_party_app.gross_margin,
                first_party_app_gross_margin=e.first_party_app.gross_margin)


def property_outputs(model: Any, x: dict[str, float]) -> dict[str, float]:  # Goodput, IaasDeal
    changed = model.with_(**x)
    return {n: getattr(changed, n) for n in ft.batch.output_names(model)}


def deal_outputs(deal: ft.MarketplaceDeal, x: dict[str, float]) -> dict[str, float]:
    terms = {k: v for k, v in x.items() if k != LAB_REVENUE}
    row = deal.with_(**terms).at(x[LAB_REVENUE])
    return {n: row[n] for n in ft.batch.output_names(deal)}


def chain_outputs(chain: ft.ValueCapture, x: dict[str, float]) -> dict[str, float]:
    margins = {k: v for k, v in x.items() if k in TEST_MARGINS}
    factory = {k: v for k, v in x.items() if k not in TEST_MARGINS}
    table = ft.ValueCapture(chain.factory.with_(**factory), chain.margins.with_(**margins)).table(path="3p", per="dollar")
    layers = [r["gross_profit_per_usd"] for r in table.to_dict("records") if r["role"] == "layer"]
    bottom = sum(r["cost_per_usd"] for r in table.to_dict("records") if r["role"] == "cost left at the bottom")
    return dict(zip(ft.batch.output_names(chain), [*layers, bottom], strict=True))


def bill_outputs(priced: tuple[ft.PriceCard, ft.Workload], x: dict[str, float]) -> dict[str, float]:
    card, workload = priced
    bill = card.with_(**{k: v for k, v in x.items() if k.endswith("_usd_per_mtok")}).bill(
        workload.with_(**{k: v for k, v in x.items() if not k.endswith("_usd_per_mtok")}))
    return {"usd_per_request": bill.usd_per_request, "usd_per_task": bill.usd_per_task,
            "usd_per_month": bill.usd_per_month, "blended_usd_per_mtok": bill.blended_usd_per_mtok}


@dataclass(frozen=True)
class Case:
    make: Callable[[], Any]
    scalar: Callable[[Any, dict[str, float]], dict[str, float]]
    vary: dict[str, tuple[float, float]]  # the inputs varied at random, each over [low, high)
    required: dict[str, float]            # what every batch of this model must give


CASES = {
    "TokenFactory": Case(lambda: ft.presets.token_factory(H200), factory_outputs,
                         {"rental_usd_per_gpu_hour": (1.0, 4.0), "utilization": (0.3, 1.0),
                          "cost_of_capital_per_year": (0.0, 0.15)}, {}),
    "Goodput": Case(lambda: ft.Goodput(**GOLD), property_outputs,
                    {"gpu_mtbf_hours": (10_000, 50_000), "idle_spare_gpus": (0, 64), "identify_minutes": (5, 60)}, {}),
    "IaasDeal": Case(lambda: ft.IaasDeal(**IAAS_TERMS), property_outputs,
                     {"rental_usd_per_gpu_hour": (1.0, 4.0), "kw_per_gpu": (0.8, 2.0), "term_years": (1, 6)}, {}),
    "MarketplaceDeal": Case(lambda: ft.MarketplaceDeal(**DEAL_TERMS), deal_outputs,
                            {LAB_REVENUE: (5, 50), "revenue_share": (0.1, 0.4), "iaas_fee_musd_per_mw_year": (3, 10)},
                            {LAB_REVENUE: 20.0}),
    # Hurdles above 20 and 30 USD M: the batch keeps the deal's hurdles in every scenario.
    "MarketplaceDeal with hurdles": Case(
        lambda: ft.MarketplaceDeal(**DEAL_TERMS, hurdles=[ft.RevenueShareHurdle(threshold_musd_per_mw_year=20, share=0.15),
                                                          ft.RevenueShareHurdle(threshold_musd_per_mw_year=30, share=0.10)]),
        deal_outputs, {LAB_REVENUE: (5, 50), "iaas_fee_musd_per_mw_year": (3, 10)}, {LAB_REVENUE: 20.0}),
    # A factory input and a supplier margin: both halves of the chain's inputs.
    "ValueCapture": Case(lambda: ft.ValueCapture(ft.presets.token_factory(H200), ft.SupplierMargins(**TEST_MARGINS)),
                         chain_outputs, {"rental_usd_per_gpu_hour": (1.0, 4.0), "memory_gross_margin": (0.2, 0.8),
                                         "api_price_usd_per_mtok": (1.0, 3.0)}, {}),
    # Cache reads up to 250k cross the 200k long-context threshold in some scenarios.
    "PriceCard+Workload": Case(lambda: (ft.PriceCard(**CARD_TERMS), ft.Workload(**WORKLOAD_TERMS)), bill_outputs,
                               {"input_usd_per_mtok": (1, 5), "output_tokens": (100, 5000),
                                "cache_read_tokens": (0, 250e3)}, {}),
}
KINDS = [k for k in CASES if k != "MarketplaceDeal with hurdles"]  # one of each model type


def random_inputs(case: Case, n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {name: rng.uniform(low, high, n) for name, (low, high) in case.vary.items()}


def valid_column(case: Case, name: str, n: int) -> np.ndarray:
    low, high = case.vary[name]
    return np.linspace(low, high, n, endpoint=False)


def assert_same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert list(a) == list(b)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


# --- 1. the batch equals the scalar API --------------------------------------------------------------

@pytest.mark.parametrize("kind", list(CASES))
def test_every_kth_of_thousands_of_random_scenarios_equals_the_scalar_api_exactly(kind):
    case = CASES[kind]
    model, inputs = case.make(), random_inputs(case, 3000, seed=sum(map(ord, kind)))
    result = ft.batch.evaluate(model, inputs)
    assert list(result) == ft.batch.output_names(model)  # the names, in evaluate's order
    assert all(column.shape == (3000,) and column.dtype == np.float64 for column in result.values())
    for i in range(0, 3000, 37):
        expected = case.scalar(model, {name: float(column[i]) for name, column in inputs.items()})
        got = {name: float(column[i]) for name, column in result.items()}
        assert got == expected, f"scenario {i}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_number_of_threads_does_not_change_any_result(kind):
    case = CASES[kind]
    model, inputs = case.make(), random_inputs(case, 20_000, seed=7)  # several 4,096-scenario slices
    one = ft.batch.evaluate(model, inputs, threads=1)
    assert_same(ft.batch.evaluate(model, inputs, threads=3), one)
    assert_same(ft.batch.evaluate(model, inputs), one)


def test_the_value_chains_shares_of_each_dollar_add_up_to_one():
    case = CASES["ValueCapture"]
    result = ft.batch.evaluate(case.make(), random_inputs(case, 2000, seed=11))
    np.testing.assert_allclose(sum(result.values()), 1.0, rtol=0, atol=1e-12)


# --- 2. known answers --------------------------------------------------------------------------------

def test_the_h200_stack_at_its_own_rental_and_at_twice_it():
    # Rental 1.90 (figures.md s1) and 3.80: compute cost 3.80 / 2.646 = 1.4361300 USD/Mtok; cloud margin
    # (3.80 - 1.2292005) / 3.80 = 0.6765262; model margin (1.75 - 1.43613) / 1.75 = 0.1793543; 1P app
    # (20 - 10 x 1.43613) / 20 = 0.2819350; the 3P app pays the API price either way: 2.50 / 20 = 0.125.
    r = ft.batch.evaluate(ft.presets.token_factory(H200), {"rental_usd_per_gpu_hour": np.array([1.90, 3.80])})
    assert r["depreciation_usd_per_gpu_hour"] == pytest.approx([DEPRECIATION] * 2, abs=1e-7)
    assert r["operating_cost_usd_per_gpu_hour"] == pytest.approx([OPERATING_COST] * 2, abs=1e-7)
    assert r["total_cost_usd_per_gpu_hour"] == pytest.approx([TOTAL_COST] * 2, abs=1e-7)
    assert r["cloud_revenue_usd_per_gpu_hour"] == pytest.approx([1.90, 3.80], rel=1e-15)
    assert r["compute_cost_usd_per_mtok"] == pytest.approx([COMPUTE_COST, 1.4361300], abs=1e-7)
    assert r["cloud_gross_margin"] == pytest.approx([0.3530524, 0.6765262], abs=1e-7)   # s1: 35%
    assert r["model_gross_margin"] == pytest.approx([0.5896771, 0.1793543], abs=1e-7)   # s1: 59.0%
    assert r["third_party_app_gross_margin"] == pytest.approx([0.125, 0.125], abs=1e-12)  # s1: 12.5%
    assert r["first_party_app_gross_margin"] == pytest.approx([0.6409675, 0.2819350], abs=1e-7)  # s1: 64.1%


def test_the_gold_cluster_at_its_own_gpu_mtbf_and_at_twice_it():
    # figures.md s6 Gold at 25,000 h (see test_goodput.py): MTBF 4.8225309 h, 149.2992 interruptions,
    # downtime 0.0552533, spares 32 / 5,184 = 0.0061728, total 0.0614262. At 50,000 h: MTBF 9.6450617 h,
    # 720 / 9.6450617 = 74.6496 interruptions, downtime 1,381.3333 / 50,000 = 0.0276267, total 0.0337995.
    r = ft.batch.evaluate(ft.Goodput(**GOLD), {"gpu_mtbf_hours": np.array([25_000, 50_000])})
    assert r["cluster_mtbf_hours"] == pytest.approx([4.8225309, 9.6450617], abs=1e-7)
    assert r["interruptions_per_month"] == pytest.approx([149.2992, 74.6496], abs=1e-9)
    assert r["downtime_loss"] == pytest.approx([0.0552533, 0.0276267], abs=1e-7)
    assert r["idle_spare_cost"] == pytest.approx([0.0061728, 0.0061728], abs=1e-7)
    assert r["total_loss"] == pytest.approx([0.0614262, 0.0337995], abs=1e-7)


def test_the_iaas_deal_by_hand():
    # revenue per MW-year = rental x 8,760 x 1,000 / kW per GPU / 10^6; EBIT = revenue - 6.5; 10 MW x 5 years.
    #   1.90 at 1.35 kW: 12.3288889, EBIT 5.8288889, margin 0.4727830, contract 616.4444
    #   3.80 at 1.35 kW: 24.6577778, EBIT 18.1577778, margin 0.7363915, contract 1,232.8889
    #   1.90 at 1.00 kW: 16.644,     EBIT 10.144,     margin 0.6094689, contract 832.2
    inputs = {"rental_usd_per_gpu_hour": np.array([1.90, 3.80, 1.90]), "kw_per_gpu": np.array([1.35, 1.35, 1.0])}
    r = ft.batch.evaluate(ft.IaasDeal(**IAAS_TERMS), inputs)
    assert r["cloud_revenue_musd_per_mw_year"] == pytest.approx([12.3288889, 24.6577778, 16.644], abs=1e-7)
    assert r["cloud_ebit_musd_per_mw_year"] == pytest.approx([5.8288889, 18.1577778, 10.144], abs=1e-7)
    assert r["cloud_ebit_margin"] == pytest.approx([0.4727830, 0.7363915, 0.6094689], abs=1e-7)
    assert r["contract_value_musd"] == pytest.approx([616.4444444, 1232.8888889, 832.2], abs=1e-6)


def test_the_marketplace_deal_reproduces_both_published_tables():
    # figures.md s2 shows whole USD M and whole percents, rounded half up (hence the 0.5 + 1e-9 slack).
    revenues = np.array([column[0] for column in FIGURES_S2_DEAL], dtype=float)
    r = ft.batch.evaluate(ft.MarketplaceDeal(**DEAL_TERMS), {LAB_REVENUE: revenues})
    for k, (_, net, ebit, margin, lab, lab_pct) in enumerate(FIGURES_S2_DEAL):
        assert abs(r["cloud_net_revenue_musd_per_mw_year"][k] - net) <= 0.5 + 1e-9
        assert abs(r["cloud_ebit_musd_per_mw_year"][k] - ebit) <= 0.5 + 1e-9
        assert abs(100 * r["cloud_ebit_margin"][k] - margin) <= 0.5 + 1e-9
        assert abs(r["lab_gross_margin_musd_per_mw_year"][k] - lab) <= 0.5 + 1e-9
        assert abs(100 * r["lab_gross_margin"][k] - lab_pct) <= 0.5 + 1e-9


def test_the_marketplace_deal_at_a_lab_revenue_of_20_by_hand():
    # share 0.25 x 20 = 5; net 7.5 + 5 = 12.5; EBIT 12.5 - 6.5 = 6.0; margin 6 / 12.5 = 0.48;
    # lab 20 - 5 - 7.5 = 7.5, a margin of 7.5 / 20 = 0.375.
    r = ft.batch.evaluate(ft.MarketplaceDeal(**DEAL_TERMS), {LAB_REVENUE: 20.0})
    expected = [5.0, 12.5, 6.0, 0.48, 7.5, 0.375]
    assert [float(column[0]) for column in r.values()] == pytest.approx(expected, abs=1e-12)


def test_the_value_chain_splits_the_users_dollar_as_by_hand():
    # test_value_capture.py's chain per user-month over the 20 USD paid: app 2.50, model provider 10.319350,
    # cloud 2.535146, datacenter 0.397094, system vendor 2.491393, financing 0, memory 0.099656, foundry 0.049828,
    # bottom costs 0.926553 + 0.581325 + 0.066437 + 0.033219 = 1.607534. Each over 20, to 1.5e-6 / 20.
    r = ft.batch.evaluate(CASES["ValueCapture"].make(), {"utilization": 1.0})
    expected = [0.125, 0.5159675, 0.1267573, 0.0198547, 0.1245697, 0.0, 0.0049828, 0.0024914, 0.0803767]
    assert [float(column[0]) for column in r.values()] == pytest.approx(expected, abs=1.5e-6 / 20)


def test_a_workload_on_the_card_by_hand():
    # 10k x 3 + 50k x 0.30 + 20k x 3.75 + 10k x 6 + 2k x 15 = 210,000 USD per 10^6 tokens = 0.21 USD a request
    # (92k tokens: 2.2826087 USD/Mtok); 4k output adds 2k x 15 = 0.03: 0.24 USD over 94k tokens = 2.5531915.
    # A task is 10 requests, a month 100 tasks: 2.1 and 210 USD; 2.4 and 240 USD.
    r = ft.batch.evaluate(CASES["PriceCard+Workload"].make(), {"output_tokens": np.array([2e3, 4e3])})
    assert r["usd_per_request"] == pytest.approx([0.21, 0.24], rel=1e-12)
    assert r["usd_per_task"] == pytest.approx([2.1, 2.4], rel=1e-12)
    assert r["usd_per_month"] == pytest.approx([210.0, 240.0], rel=1e-12)
    assert r["blended_usd_per_mtok"] == pytest.approx([2.2826087, 2.5531915], abs=1e-7)


# --- 3. bad columns: a clear error, never a crash ------------------------------------------------------

def refused(kind: str, inputs: dict[str, Any], error: type[Exception], **options: Any) -> str:
    """The message of the error `inputs` raise, evaluated in a forked child (a crash fails the test only)."""
    case = CASES[kind]

    def attempt() -> None:
        ft.batch.evaluate(case.make(), {**case.required, **inputs}, **options)

    outcome = run_in_child(attempt)
    assert outcome.startswith(error.__name__ + ": "), outcome
    return outcome.removeprefix(error.__name__ + ": ")


def names(kind: str) -> tuple[str, str]:
    first, second, *_ = CASES[kind].vary
    return first, second


@pytest.mark.parametrize("kind", KINDS)
def test_columns_of_different_lengths_are_refused_naming_both(kind):
    a, b = names(kind)
    case = CASES[kind]
    message = refused(kind, {a: valid_column(case, a, 5), b: valid_column(case, b, 3)}, ValueError)
    assert a in message and b in message, message
    assert re.search(r"\b5\b", message) and re.search(r"\b3\b", message), message


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("column", [0, 1], ids=["first input", "second input"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_value_that_is_not_finite_is_refused_naming_its_scenario_and_input(kind, column, bad):
    case, name = CASES[kind], names(kind)[column]
    values = valid_column(case, name, 10)
    values[7] = bad
    message = refused(kind, {name: values}, ValueError)
    assert "scenario 7" in message and name in message, message


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_scenario_deep_in_a_large_batch_is_reported_from_its_worker_thread(kind):
    # 20,000 scenarios run in slices of at least 4,096 on several threads; only scenario 15,000 is bad.
    case, name = CASES[kind], names(kind)[0]
    values = valid_column(case, name, 20_000)
    values[15_000] = np.nan
    message = refused(kind, {name: values}, ValueError, threads=4)
    assert "scenario 15000" in message and name in message, message


@pytest.mark.parametrize("kind", KINDS)
def test_strings_are_refused_with_a_type_error_naming_the_input(kind):
    a, _ = names(kind)
    assert a in refused(kind, {a: np.array(["cheap", "dear"])}, TypeError)


@pytest.mark.parametrize("text", ["2.5", b"2.5", np.array(["1.5", "2.5"])], ids=["str", "bytes", "array of str"])
def test_numbers_written_as_text_are_refused_like_the_scalar_api_refuses_them(text):
    # The scalar API refuses strings: h200.with_(rental_usd_per_gpu_hour="2.5") raises TypeError.
    with pytest.raises(TypeError):
        ft.presets.token_factory(H200).with_(rental_usd_per_gpu_hour="2.5")
    assert "rental_usd_per_gpu_hour" in refused("TokenFactory", {"rental_usd_per_gpu_hour": text}, TypeError)


def test_complex_numbers_are_refused_rather_than_losing_their_imaginary_part():
    # Whatever the warning filters: not only when numpy's ComplexWarning happens to be an error.
    def attempt() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pytest.raises(TypeError, match="rental_usd_per_gpu_hour"):
                ft.batch.evaluate(ft.presets.token_factory(H200), {"rental_usd_per_gpu_hour": np.array([2 + 1j, 3])})

    assert run_in_child(attempt) == "ok"


@pytest.mark.parametrize("kind", KINDS)
def test_integers_and_float32_are_converted_to_the_same_result_as_float64(kind):
    case = CASES[kind]
    model, a = case.make(), names(kind)[0]
    low, high = case.vary[a]
    whole = np.arange(int(np.ceil(low)), int(high) + 1)  # integer values inside [low, high]
    as_float = ft.batch.evaluate(model, {**case.required, a: whole.astype(np.float64)})
    assert_same(ft.batch.evaluate(model, {**case.required, a: whole}), as_float)
    assert_same(ft.batch.evaluate(model, {**case.required, a: list(whole)}), as_float)  # a list of Python ints
    single = valid_column(case, a, 50).astype(np.float32)
    assert_same(ft.batch.evaluate(model, {**case.required, a: single}),
                ft.batch.evaluate(model, {**case.required, a: single.astype(np.float64)}))


@pytest.mark.parametrize("kind", KINDS)
def test_a_strided_or_reversed_view_gives_the_same_result_as_a_contiguous_copy(kind):
    case = CASES[kind]
    a, b = names(kind)

    def attempt() -> None:
        wide = random_inputs(case, 2 * 5000, seed=3)
        for view in (wide[a][::2], wide[a][::-1], np.stack([wide[a], wide[b]], axis=1)[:, 0]):
            assert not view.flags.c_contiguous or view.strides[0] < 0
            other = valid_column(case, b, view.size)
            assert_same(ft.batch.evaluate(case.make(), {**case.required, a: view, b: other}),
                        ft.batch.evaluate(case.make(), {**case.required, a: np.ascontiguousarray(view), b: other}))

    assert run_in_child(attempt) == "ok"


@pytest.mark.parametrize("shape", ["two-dimensional", "empty"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_column_that_is_not_a_flat_array_of_values_is_refused(kind, shape):
    a, _ = names(kind)
    flat = valid_column(CASES[kind], a, 4)
    column = np.stack([flat, flat]) if shape == "two-dimensional" else flat[:0]
    message = refused(kind, {a: column}, ValueError)
    assert a in message and (shape == "empty" or "one-dimensional" in message), message


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_input_is_refused_listing_the_known_ones(kind):
    message = refused(kind, {"gpus_per_dollar": 1.0}, ValueError)
    assert "gpus_per_dollar" in message
    known = {**ft.batch.base_inputs(CASES[kind].make()), **CASES[kind].required}
    assert all(name in message for name in known), message


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_output_is_refused_listing_the_known_ones(kind):
    message = refused(kind, {names(kind)[0]: valid_column(CASES[kind], names(kind)[0], 3)}, ValueError,
                      outputs=["gpus_per_dollar"])
    assert "gpus_per_dollar" in message
    assert all(name in message for name in ft.batch.output_names(CASES[kind].make())), message


@pytest.mark.parametrize("kind", KINDS)
def test_a_zero_dimensional_numpy_scalar_is_one_value_broadcast_to_every_scenario(kind):
    case = CASES[kind]
    a, b = names(kind)
    value, other = float(valid_column(case, a, 3)[1]), valid_column(case, b, 6)

    def attempt() -> None:
        expected = ft.batch.evaluate(case.make(), {**case.required, a: value, b: other})
        for scalar in (np.float64(value), np.array(value), np.array([value])):
            assert_same(ft.batch.evaluate(case.make(), {**case.required, a: scalar, b: other}), expected)
        assert all(column.shape == (6,) for column in expected.values())

    assert run_in_child(attempt) == "ok"


def test_a_marketplace_batch_without_a_lab_revenue_is_refused_naming_it():
    with pytest.raises(ValueError, match=LAB_REVENUE):
        ft.batch.evaluate(ft.MarketplaceDeal(**DEAL_TERMS), {"revenue_share": 0.3})


def test_a_batch_without_any_input_is_refused():
    with pytest.raises(ValueError, match="at least one input"):
        ft.batch.evaluate(ft.presets.token_factory(H200), {})


# --- 4. outputs, base inputs, output names -------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_outputs_asked_for_are_the_only_ones_returned_with_the_full_evaluations_values(kind):
    case = CASES[kind]
    model, inputs = case.make(), random_inputs(case, 500, seed=5)
    full, every = ft.batch.evaluate(model, inputs), ft.batch.output_names(model)
    part = ft.batch.evaluate(model, inputs, outputs=[every[-1], every[0]])
    assert list(part) == [every[0], every[-1]]  # in the model's order
    assert_same(part, {name: full[name] for name in part})


def test_base_inputs_are_the_models_own_inputs(h200):
    assert ft.batch.base_inputs(h200) == h200.inputs()
    goodput = ft.Goodput(**GOLD)
    assert ft.batch.base_inputs(goodput) == {k: v for k, v in goodput.inputs().items() if k != "recovery"}
    assert ft.batch.base_inputs(ft.IaasDeal(**IAAS_TERMS)) == ft.IaasDeal(**IAAS_TERMS).inputs()
    deal = ft.MarketplaceDeal(**DEAL_TERMS)
    assert ft.batch.base_inputs(deal) == {k: v for k, v in deal.inputs().items() if k != "hurdles"}
    chain = CASES["ValueCapture"].make()
    assert ft.batch.base_inputs(chain) == {**h200.inputs(), **chain.margins.inputs()}
    card, workload = CASES["PriceCard+Workload"].make()
    card_inputs = ["input_usd_per_mtok", "output_usd_per_mtok", "cache_read_usd_per_mtok", "cache_write_5m_usd_per_mtok",
                   "cache_write_1h_usd_per_mtok", "batch_discount", "priority_multiplier"]
    assert ft.batch.base_inputs((card, workload)) == {**{k: card.inputs()[k] for k in card_inputs},
                                                      **{k: v for k, v in workload.inputs().items()
                                                         if k not in ("batch", "priority")}}


@pytest.mark.parametrize("kind", KINDS)
def test_a_batch_of_the_base_inputs_is_the_model_itself(kind):
    case = CASES[kind]
    model = case.make()
    result = ft.batch.evaluate(model, {**ft.batch.base_inputs(model), **case.required})
    assert {name: float(column[0]) for name, column in result.items()} == case.scalar(model, dict(case.required))


# --- 5. the GIL is released --------------------------------------------------------------------------

def test_python_threads_running_large_batches_together_match_sequential_runs():
    jobs = {kind: (CASES[kind].make(), random_inputs(CASES[kind], n, seed=13))
            for kind, n in [("TokenFactory", 400_000), ("MarketplaceDeal", 100_000), ("IaasDeal", 100_000)]}
    sequential = {kind: ft.batch.evaluate(model, inputs) for kind, (model, inputs) in jobs.items()}
    concurrent: dict[str, dict[str, np.ndarray]] = {}
    errors: list[BaseException] = []

    def run(kind: str) -> None:
        try:
            concurrent[kind] = ft.batch.evaluate(*jobs[kind])
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(kind,)) for kind in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for kind in jobs:
        assert_same(concurrent[kind], sequential[kind])
