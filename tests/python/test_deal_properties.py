"""Properties of deals and of value capture that hold for any valid terms (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import fabtoken as ft


def between(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# A share is 0 or at least 0.0001% (a subnormal share such as 5e-324 puts the break-even beyond any float).
shares = st.one_of(st.just(0.0), between(1e-6, 1))
fees = between(0.01, 50)      # a positive fee keeps the cloud's margin defined at every revenue
opexes = between(0, 50)
revenues = between(0.01, 500)


@st.composite
def hurdle_lists(draw) -> list[ft.RevenueShareHurdle]:
    """Up to three hurdles with ascending thresholds: each one a positive step above the one before."""
    steps = draw(st.lists(between(0.1, 100), max_size=3))
    thresholds = [sum(steps[: i + 1]) for i in range(len(steps))]
    return [ft.RevenueShareHurdle(threshold_musd_per_mw_year=t, share=draw(shares)) for t in thresholds]


@st.composite
def deals(draw) -> ft.MarketplaceDeal:
    return ft.MarketplaceDeal(revenue_share=draw(shares), iaas_fee_musd_per_mw_year=draw(fees),
                              cloud_opex_musd_per_mw_year=draw(opexes), compute_mw=draw(between(0.001, 5_000)),
                              hurdles=draw(hurdle_lists()))


def close(a: float, b: float, *scale: float) -> bool:
    """Equal up to rounding in sums of terms as large as `scale`."""
    return abs(a - b) <= 1e-12 * max(1.0, *(abs(s) for s in scale))


@given(deals(), revenues)
def test_the_two_sides_of_a_deal_add_up_to_the_labs_revenue(deal, revenue):
    # lab revenue = cloud's share + IaaS fee + lab gross margin; cloud net = fee + share; EBIT = net - opex
    row = deal.at(revenue)
    share = row["cloud_revenue_share_musd_per_mw_year"]
    fee, opex = deal.iaas_fee_musd_per_mw_year, deal.cloud_opex_musd_per_mw_year
    assert close(share + fee + row["lab_gross_margin_musd_per_mw_year"], revenue, revenue, fee)
    assert close(row["cloud_net_revenue_musd_per_mw_year"], fee + share, fee, share)
    assert close(row["cloud_ebit_musd_per_mw_year"], row["cloud_net_revenue_musd_per_mw_year"] - opex, fee, share, opex)


@given(deals(), revenues)
def test_what_each_side_books_is_its_per_megawatt_figure_times_the_megawatts(deal, revenue):
    row = deal.at(revenue)
    mw = deal.compute_mw
    assert row["lab_revenue_recognized_musd_per_year"] == pytest.approx(revenue * mw, rel=1e-12)
    assert row["cloud_revenue_recognized_musd_per_year"] == pytest.approx(
        row["cloud_net_revenue_musd_per_mw_year"] * mw, rel=1e-12)
    assert row["cloud_ebit_musd_per_year"] == pytest.approx(row["cloud_ebit_musd_per_mw_year"] * mw, rel=1e-12,
                                                            abs=1e-12 * mw * deal.cloud_opex_musd_per_mw_year)


@given(deals(), revenues, revenues)
def test_the_clouds_ebit_never_falls_as_the_labs_revenue_rises(deal, a, b):
    low, high = sorted((a, b))
    assert deal.at(high)["cloud_ebit_musd_per_mw_year"] >= deal.at(low)["cloud_ebit_musd_per_mw_year"]
    assert deal.revenue_share_musd_per_mw_year(high) >= deal.revenue_share_musd_per_mw_year(low)


@given(deals(), revenues)
def test_margins_are_never_above_one_hundred_percent(deal, revenue):
    # cloud: (net - opex) / net with opex >= 0; lab: (R - share - fee) / R with share, fee >= 0
    row = deal.at(revenue)
    assert row["cloud_ebit_margin"] <= 1.0
    assert row["lab_gross_margin"] <= 1.0


@given(deals(), revenues)
def test_the_clouds_share_lies_between_the_lowest_and_highest_rate_times_the_revenue(deal, revenue):
    rates = [deal.revenue_share] + [h.share for h in deal.hurdles]
    share = deal.revenue_share_musd_per_mw_year(revenue)
    assert min(rates) * revenue * (1 - 1e-12) - 1e-12 <= share <= max(rates) * revenue * (1 + 1e-12) + 1e-12


@given(deals(), between(0.1, 10), between(0.2, 3))
def test_at_the_break_even_revenue_the_cloud_earns_what_the_iaas_deal_pays(deal, rental, kw_per_gpu):
    iaas = ft.IaasDeal(rental_usd_per_gpu_hour=rental, kw_per_gpu=kw_per_gpu,
                       cloud_opex_musd_per_mw_year=deal.cloud_opex_musd_per_mw_year, term_years=5, compute_mw=1)
    breakeven = deal.breakeven_against(iaas)
    # The share needed: IaaS EBIT + opex - fee; the cloud takes at most the highest rate of every band.
    needed = iaas.cloud_ebit_musd_per_mw_year + deal.cloud_opex_musd_per_mw_year - deal.iaas_fee_musd_per_mw_year
    assume(needed > 0)
    if breakeven is None:
        # Only a capped share can miss: the top band shares nothing.
        top = deal.hurdles[-1].share if deal.hurdles else deal.revenue_share
        assert top == 0.0
        return
    ebit = deal.at(breakeven)["cloud_ebit_musd_per_mw_year"]
    assert math.isclose(ebit, iaas.cloud_ebit_musd_per_mw_year, rel_tol=1e-9,
                        abs_tol=1e-9 * (deal.iaas_fee_musd_per_mw_year + deal.cloud_opex_musd_per_mw_year + needed))


# --- value capture ---------------------------------------------------------------------------------

# Token-factory inputs from ranges a real stack could have (figures.md s1's H200 changed by with_).
FACTORY_CHANGES = {
    "usd_per_server": between(10_000, 10_000_000),
    "useful_life_years": between(1, 10),
    "residual_value_fraction": between(0, 0.5),
    "cost_of_capital_per_year": between(0, 0.3),
    "kw_per_gpu": between(0.1, 5),
    "pue": between(1, 2),
    "colocation_usd_per_kw_month": between(0, 500),
    "electricity_usd_per_kwh": between(0, 0.5),
    "rental_usd_per_gpu_hour": between(0.1, 20),
    "utilization": between(0.05, 1),
    "tokens_per_s_per_gpu": between(1, 100_000),
    "api_price_usd_per_mtok": between(0.01, 100),
    "tokens_per_user_month": between(1_000, 1e9),
    "arpu_usd_per_month": between(0.5, 1_000),
}
H200 = ft.presets.token_factory("h200-deepseek-r1")
factories = st.fixed_dictionaries({}, optional=FACTORY_CHANGES).map(lambda changes: H200.with_(**changes))


@st.composite
def supplier_margins(draw) -> ft.SupplierMargins:
    memory_share = draw(shares)
    return ft.SupplierMargins(system_vendor_gross_margin=draw(between(-1, 1)),
                              memory_share_of_system_cost=memory_share,
                              memory_gross_margin=draw(between(-1, 1)),
                              foundry_share_of_system_cost=draw(between(0, 1 - memory_share)),
                              foundry_gross_margin=draw(between(-1, 1)),
                              datacenter_gross_margin=draw(between(-1, 1)))


UNITS = {"user_month": "_usd_per_user_month", "mtok": "_usd_per_mtok", "dollar": "_per_usd"}


@given(factories, supplier_margins(), st.sampled_from(["3p", "1p"]), st.sampled_from(list(UNITS)))
def test_profits_plus_the_costs_left_at_the_bottom_add_up_to_what_the_user_paid(factory, margins, path, per):
    chain = ft.ValueCapture(factory, margins)
    suffix = UNITS[per]
    table = chain.table(path=path, per=per)
    rows = table.to_dict("records")
    kept = sum(r["cost" + suffix] if r["role"] == "cost left at the bottom" else r["gross_profit" + suffix]
               for r in rows)
    paid = {"user_month": factory.app.arpu_usd_per_month,
            "mtok": factory.app.arpu_usd_per_month / (factory.app.tokens_per_user_month / 1e6),
            "dollar": 1.0}[per]
    # The sum cancels flows as large as the largest revenue or cost: rounding scales with them.
    scale = max(abs(r[k + suffix]) for r in rows for k in ("revenue", "cost", "gross_profit"))
    assert kept == pytest.approx(paid, rel=1e-9, abs=1e-12 * scale)


@given(factories, supplier_margins(), st.sampled_from(["3p", "1p"]))
def test_each_layers_profit_is_its_revenue_less_its_cost_and_the_app_is_paid_by_the_user(factory, margins, path):
    table = ft.ValueCapture(factory, margins).table(path=path, per="user_month")
    for r in table.to_dict("records"):
        if r["role"] == "layer":
            assert r["gross_profit_usd_per_user_month"] == pytest.approx(
                r["revenue_usd_per_user_month"] - r["cost_usd_per_user_month"], rel=1e-12,
                abs=1e-12 * abs(r["revenue_usd_per_user_month"]))
    assert table["revenue_usd_per_user_month"].iloc[0] == factory.app.arpu_usd_per_month


@given(factories, supplier_margins())
def test_below_the_app_the_chain_is_the_same_on_both_paths(factory, margins):
    chain = ft.ValueCapture(factory, margins)
    third = chain.table(path="3p").set_index("layer").drop(index=["Application", "Model provider"])
    first = chain.table(path="1p").set_index("layer").drop(index=["Application"])
    columns = ["revenue_usd_per_user_month", "cost_usd_per_user_month", "gross_profit_usd_per_user_month"]
    assert third[columns].equals(first[columns])
