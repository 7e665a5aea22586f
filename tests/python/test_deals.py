"""Cloud deals: the marketplace deal of figures.md section 2 (both sensitivity tables), revenue
recognition, revenue-share hurdles, the plain IaaS deal and the break-even between the two, and the
token-to-MW bridge of the H200 stack (figures.md section 1).

Every expected number comes from figures.md or from a hand calculation written out beside it.
"""

from __future__ import annotations

import math
import pickle

import pytest

import fabtoken as ft
from conftest import FIGURES_S2_DEAL, value_semantics_tests

u = ft.units

# figures.md s2 deal terms: 25% revenue share, IaaS fee 7.5 and cloud opex 6.5 USD M per MW-year.
TERMS = dict(revenue_share=0.25, iaas_fee_musd_per_mw_year=7.5, cloud_opex_musd_per_mw_year=6.5)
REVENUES = [10, 15, 20, 25, 30, 35, 40]

PUBLISHED = FIGURES_S2_DEAL

COLUMNS = ["lab_revenue_musd_per_mw_year", "cloud_revenue_share_musd_per_mw_year",
           "cloud_net_revenue_musd_per_mw_year", "cloud_ebit_musd_per_mw_year", "cloud_ebit_margin",
           "lab_gross_margin_musd_per_mw_year", "lab_gross_margin", "lab_revenue_recognized_musd_per_year",
           "cloud_revenue_recognized_musd_per_year", "cloud_ebit_musd_per_year"]

# The plain IaaS deal of figures.md s1's H200 stack: 1.90 USD per GPU-hour at 1.35 kW per GPU all-in,
# the same 6.5 cloud opex, 5 years on 10 MW.
#   GPUs per MW      = 1,000 / 1.35                            = 740.7407
#   revenue per MW   = 1.90 x 740.7407 x 8,760 / 10^6           = 12.328889 USD M per MW-year
#   EBIT per MW      = 12.328889 - 6.5                         = 5.828889 (margin 5.828889 / 12.328889 = 47.2783%)
#   contract value   = 12.328889 x 10 MW x 5 years              = 616.4444 USD M
#   break-even       : 7.5 + 0.25 R - 6.5 = 5.828889  =>  R = 4.828889 / 0.25 = 19.315556
IAAS_TERMS = dict(rental_usd_per_gpu_hour=1.90, kw_per_gpu=1.35, cloud_opex_musd_per_mw_year=6.5, term_years=5,
                  compute_mw=10)
IAAS_REVENUE = 12.3288889
IAAS_EBIT = 5.8288889
BREAKEVEN = 19.3155556


def bedrock(**changes) -> ft.MarketplaceDeal:
    return ft.MarketplaceDeal(**{**TERMS, **changes})


def hurdle(threshold: float, share: float) -> ft.RevenueShareHurdle:
    return ft.RevenueShareHurdle(threshold_musd_per_mw_year=threshold, share=share)


def iaas(**changes) -> ft.IaasDeal:
    return ft.IaasDeal(**{**IAAS_TERMS, **changes})


def shown_as(value: float, published: float) -> bool:
    """figures.md s2 shows whole numbers rounded half up (8.5 as 9): a value is within half a unit of
    its published figure; the slack covers 8.5 computed as 8.4999999999."""
    return abs(value - published) <= 0.5 + 1e-9


# --- figures.md s2 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("column", PUBLISHED, ids=lambda c: f"lab revenue {c[0]}")
def test_the_cloud_side_reproduces_the_published_table_at_its_rounding(column):
    revenue, net, ebit, margin_pct, _, _ = column
    row = bedrock().sensitivity(REVENUES).set_index("lab_revenue_musd_per_mw_year").loc[revenue]
    assert shown_as(row["cloud_net_revenue_musd_per_mw_year"], net)
    assert shown_as(row["cloud_ebit_musd_per_mw_year"], ebit)
    assert shown_as(100 * row["cloud_ebit_margin"], margin_pct)


@pytest.mark.parametrize("column", PUBLISHED, ids=lambda c: f"lab revenue {c[0]}")
def test_the_lab_side_reproduces_the_published_table_at_its_rounding(column):
    revenue, _, _, _, lab_margin, lab_margin_pct = column
    row = bedrock().sensitivity(REVENUES).set_index("lab_revenue_musd_per_mw_year").loc[revenue]
    assert shown_as(row["lab_gross_margin_musd_per_mw_year"], lab_margin)
    assert shown_as(100 * row["lab_gross_margin"], lab_margin_pct)


def test_the_sensitivity_has_one_row_per_lab_revenue_with_every_documented_column():
    table = bedrock().sensitivity(REVENUES)
    assert list(table.columns) == COLUMNS
    assert table["lab_revenue_musd_per_mw_year"].tolist() == REVENUES


def test_the_sensitivity_follows_the_formulas_stated_under_the_tables_at_every_revenue():
    # share = 0.25 R; net = 7.5 + 0.25 R; EBIT = net - 6.5; lab gross margin = R - 0.25 R - 7.5
    table = bedrock().sensitivity(REVENUES)
    for r, row in zip(REVENUES, table.to_dict("records")):
        assert row["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(0.25 * r, abs=1e-12)
        assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(7.5 + 0.25 * r, abs=1e-12)
        assert row["cloud_ebit_musd_per_mw_year"] == pytest.approx(1.0 + 0.25 * r, abs=1e-12)
        assert row["cloud_ebit_margin"] == pytest.approx((1.0 + 0.25 * r) / (7.5 + 0.25 * r), rel=1e-12)
        assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(0.75 * r - 7.5, abs=1e-12)
        assert row["lab_gross_margin"] == pytest.approx((0.75 * r - 7.5) / r, abs=1e-12)


def test_at_gives_both_parties_economics_at_one_lab_revenue():
    # At 25: share 0.25 x 25 = 6.25; net = 7.5 + 6.25 = 13.75; EBIT = 13.75 - 6.5 = 7.25;
    # margin 7.25 / 13.75 = 52.727%; lab = 25 - 6.25 - 7.5 = 11.25 (45%). On 1 MW the totals per year
    # are the per-MW figures.
    row = bedrock().at(25)
    assert sorted(row) == sorted(COLUMNS)
    assert row["lab_revenue_musd_per_mw_year"] == 25
    assert row["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(6.25, abs=1e-12)
    assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(13.75, abs=1e-12)
    assert row["cloud_ebit_musd_per_mw_year"] == pytest.approx(7.25, abs=1e-12)
    assert row["cloud_ebit_margin"] == pytest.approx(0.5272727, abs=1e-7)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(11.25, abs=1e-12)
    assert row["lab_gross_margin"] == pytest.approx(0.45, abs=1e-12)
    assert row["lab_revenue_recognized_musd_per_year"] == pytest.approx(25.0, abs=1e-12)
    assert row["cloud_revenue_recognized_musd_per_year"] == pytest.approx(13.75, abs=1e-12)
    assert row["cloud_ebit_musd_per_year"] == pytest.approx(7.25, abs=1e-12)


def test_at_accepts_a_quantity_in_its_unit():
    # 20 USD M per MW-year: lab gross margin 20 - 5 - 7.5 = 7.5
    row = bedrock().at(u.musd_per_mw_year(20))
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(7.5, abs=1e-12)


def test_at_the_lowest_published_revenue_the_fee_and_share_take_all_the_labs_revenue():
    # At 10: 0.25 x 10 + 7.5 = 10, so the lab keeps 0 (0%) and the cloud books all 10 (35% margin).
    row = bedrock().at(10)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(0.0, abs=1e-12)
    assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(10.0, abs=1e-12)
    assert row["cloud_ebit_margin"] == pytest.approx(0.35, abs=1e-12)


# --- revenue recognition ---------------------------------------------------------------------------

def test_the_lab_books_gross_and_the_cloud_books_net_over_the_megawatts_of_the_deal():
    # 10 MW at 20 USD M per MW-year: the lab (seller of record) books 20 x 10 = 200 USD M a year;
    # the cloud books only its fee and share, (7.5 + 0.25 x 20) x 10 = 125, and earns
    # (12.5 - 6.5) x 10 = 60 of EBIT.
    row = bedrock(compute_mw=10).at(20)
    assert row["lab_revenue_recognized_musd_per_year"] == pytest.approx(200.0, abs=1e-9)
    assert row["cloud_revenue_recognized_musd_per_year"] == pytest.approx(125.0, abs=1e-9)
    assert row["cloud_ebit_musd_per_year"] == pytest.approx(60.0, abs=1e-9)


def test_the_per_megawatt_figures_do_not_depend_on_the_megawatts_of_the_deal():
    # Per MW at 20: net 12.5, EBIT 6.0, lab gross margin 7.5, whatever the deal's size.
    for compute_mw in (0.5, 1, 250):
        row = bedrock(compute_mw=compute_mw).at(20)
        assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(12.5, abs=1e-12)
        assert row["cloud_ebit_musd_per_mw_year"] == pytest.approx(6.0, abs=1e-12)
        assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(7.5, abs=1e-12)
        assert row["lab_revenue_recognized_musd_per_year"] == pytest.approx(20.0 * compute_mw, rel=1e-12)


def test_the_megawatts_of_the_deal_may_be_given_in_kilowatts():
    # 10,000 kW = 10 MW: the lab books 20 x 10 = 200 USD M a year at 20 per MW-year.
    deal = bedrock(compute_mw=u.kw(10_000))
    assert deal.compute_mw == pytest.approx(10.0, rel=1e-12)
    assert deal.at(20)["lab_revenue_recognized_musd_per_year"] == pytest.approx(200.0, rel=1e-12)


# --- hurdles ---------------------------------------------------------------------------------------

def test_hurdles_share_each_band_of_revenue_at_its_own_rate():
    # 25% up to 20, 15% from 20 to 30, 10% above 30. At 35: 20 x 0.25 + 10 x 0.15 + 5 x 0.10 = 7.0;
    # net 7.5 + 7 = 14.5; EBIT 8.0 (8 / 14.5 = 55.17%); lab 35 - 7 - 7.5 = 20.5 (20.5 / 35 = 58.57%).
    deal = bedrock(hurdles=[hurdle(20, 0.15), hurdle(30, 0.10)])
    row = deal.at(35)
    assert row["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(7.0, abs=1e-12)
    assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(14.5, abs=1e-12)
    assert row["cloud_ebit_margin"] == pytest.approx(8.0 / 14.5, rel=1e-12)
    assert row["lab_gross_margin"] == pytest.approx(20.5 / 35.0, rel=1e-12)


@pytest.mark.parametrize(("revenue", "share"), [
    (12, 3.0),     # below the first hurdle the base share alone: 0.25 x 12
    (20, 5.0),     # at the first threshold: 0.25 x 20
    (26, 5.9),     # 5 + 6 x 0.15
    (30, 6.5),     # 5 + 10 x 0.15
    (100, 13.5),   # 5 + 1.5 + 70 x 0.10
])
def test_the_cloud_share_with_hurdles_matches_the_bands_by_hand(revenue, share):
    deal = bedrock(hurdles=[hurdle(20, 0.15), hurdle(30, 0.10)])
    assert deal.revenue_share_musd_per_mw_year(revenue) == pytest.approx(share, abs=1e-12)


def test_the_cloud_share_is_continuous_across_a_hurdle():
    # Just below and just above 20 the share is 0.25 x 20 = 5 to within the step times the rate.
    deal = bedrock(hurdles=[hurdle(20, 0.15)])
    below = deal.revenue_share_musd_per_mw_year(20 - 1e-9)
    above = deal.revenue_share_musd_per_mw_year(20 + 1e-9)
    assert below == pytest.approx(5.0, abs=1e-9)
    assert above == pytest.approx(5.0, abs=1e-9)
    assert above - below <= 0.25 * 2e-9 + 1e-15


def test_a_hurdle_may_raise_the_share_above_a_threshold():
    # 25% to 20, 40% above: at 30 the cloud takes 5 + 10 x 0.40 = 9; the lab keeps 30 - 9 - 7.5 = 13.5.
    row = bedrock(hurdles=[hurdle(20, 0.40)]).at(30)
    assert row["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(9.0, abs=1e-12)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(13.5, abs=1e-12)


def test_a_base_share_of_zero_shares_only_the_revenue_above_the_first_hurdle():
    # 0% to 10, 30% above: at 20 the cloud takes 10 x 0.30 = 3; net 7.5 + 3 = 10.5.
    row = bedrock(revenue_share=0.0, hurdles=[hurdle(10, 0.30)]).at(20)
    assert row["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(3.0, abs=1e-12)
    assert row["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(10.5, abs=1e-12)


def test_a_share_of_zero_above_a_hurdle_caps_the_clouds_take():
    # 25% to 20, nothing above: the share never passes 0.25 x 20 = 5, so the cloud's EBIT never passes
    # 7.5 + 5 - 6.5 = 6.0, and the lab keeps every dollar above 20: at 100, 100 - 5 - 7.5 = 87.5.
    deal = bedrock(hurdles=[hurdle(20, 0.0)])
    assert deal.revenue_share_musd_per_mw_year(100) == pytest.approx(5.0, abs=1e-12)
    row = deal.at(100)
    assert row["cloud_ebit_musd_per_mw_year"] == pytest.approx(6.0, abs=1e-12)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(87.5, abs=1e-12)


def test_the_hurdles_are_kept_on_the_deal_in_order():
    deal = bedrock(hurdles=[hurdle(20, 0.15), hurdle(30, 0.10)])
    assert deal.hurdles == [hurdle(20, 0.15), hurdle(30, 0.10)]
    assert deal.hurdles[1].threshold_musd_per_mw_year == 30
    assert deal.hurdles[1].share == 0.10


# --- the IaaS deal and the break-even --------------------------------------------------------------

def test_an_iaas_deal_is_paid_for_every_gpu_of_a_megawatt_used_or_not():
    deal = iaas()
    assert deal.cloud_revenue_musd_per_mw_year == pytest.approx(IAAS_REVENUE, abs=1e-6)
    assert deal.cloud_ebit_musd_per_mw_year == pytest.approx(IAAS_EBIT, abs=1e-6)
    assert deal.cloud_ebit_margin == pytest.approx(0.4727830, abs=1e-6)  # 5.828889 / 12.328889


def test_an_iaas_contract_is_worth_its_revenue_over_its_megawatts_and_term():
    # 12.328889 x 10 MW x 5 years = 616.4444 USD M; twice the term, twice the value (1,232.889).
    assert iaas().contract_value_musd == pytest.approx(616.4444444, abs=1e-5)
    assert iaas(term_years=10).contract_value_musd == pytest.approx(1232.8888889, abs=1e-5)


def test_the_cloud_earns_as_much_as_under_the_iaas_deal_at_the_break_even_revenue():
    # 7.5 + 0.25 R - 6.5 = 5.828889  =>  R = 19.315556; at R the marketplace EBIT is the IaaS EBIT.
    deal = bedrock(compute_mw=10)
    breakeven = deal.breakeven_against(iaas())
    assert breakeven == pytest.approx(BREAKEVEN, abs=1e-6)
    assert deal.at(breakeven)["cloud_ebit_musd_per_mw_year"] == pytest.approx(IAAS_EBIT, abs=1e-6)


def test_the_break_even_climbs_through_a_hurdle_at_the_reduced_share():
    # 25% to 15, 15% above: the share needed, 4.828889, is 3.75 from the first band plus
    # 1.078889 / 0.15 = 7.192593 above 15, so R = 22.192593.
    deal = bedrock(hurdles=[hurdle(15, 0.15)])
    assert deal.breakeven_against(iaas()) == pytest.approx(22.1925926, abs=1e-6)


def test_there_is_no_break_even_when_a_zero_share_caps_the_cloud_below_the_iaas_deal():
    # At 2.50 USD per GPU-hour the IaaS deal earns 2.50 x 740.7407 x 8,760 / 10^6 = 16.222222, EBIT
    # 9.722222; matching it takes a share of 9.722222 + 6.5 - 7.5 = 8.722222, but a 0% share above 20
    # caps the share at 5.
    deal = bedrock(hurdles=[hurdle(20, 0.0)])
    assert iaas(rental_usd_per_gpu_hour=2.50).cloud_ebit_musd_per_mw_year == pytest.approx(9.7222222, abs=1e-6)
    assert deal.breakeven_against(iaas(rental_usd_per_gpu_hour=2.50)) is None
    # At 1.90 the share needed, 4.828889, is below the cap of 5: still reached, at 19.315556.
    assert deal.breakeven_against(iaas()) == pytest.approx(BREAKEVEN, abs=1e-6)


# --- the token-to-MW bridge ------------------------------------------------------------------------

def test_the_bridge_turns_the_h200_stack_into_lab_revenue_per_megawatt():
    # 1,000 / 1.35 = 740.74 GPUs per MW; x 735 tok/s x 31,536,000 s / 10^6 = 17,169,600 Mtok per
    # MW-year; x 1.75 USD/Mtok = 30.0468 USD M per MW-year.
    bridge = ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=735, utilization=1.0, api_price_usd_per_mtok=1.75)
    assert bridge.gpus_per_mw == pytest.approx(740.7407407, abs=1e-6)
    assert bridge.mtok_per_mw_year == pytest.approx(17_169_600, abs=1e-3)
    assert bridge.lab_revenue_musd_per_mw_year == pytest.approx(30.0468, abs=1e-9)


def test_the_bridge_of_the_h200_preset_is_built_from_its_power_throughput_utilization_and_price(h200):
    bridge = ft.ComputeBridge.of(h200)
    # figures.md s1: 1.35 kW per GPU all-in, 735 tok/s/GPU, every hour sold, 1.75 USD/Mtok.
    assert bridge == ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=735, utilization=1.0,
                                      api_price_usd_per_mtok=1.75)
    assert bridge.lab_revenue_musd_per_mw_year == pytest.approx(30.0468, abs=1e-9)


def test_serving_paid_tokens_half_the_time_halves_what_a_megawatt_earns(h200):
    # 30.0468 / 2 = 15.0234 USD M and 17,169,600 / 2 = 8,584,800 Mtok; the GPUs per MW stay 740.74.
    half = ft.ComputeBridge.of(h200.with_(utilization=0.5))
    assert half.utilization == 0.5
    assert half.lab_revenue_musd_per_mw_year == pytest.approx(15.0234, abs=1e-9)
    assert half.mtok_per_mw_year == pytest.approx(8_584_800, abs=1e-3)
    assert half.gpus_per_mw == pytest.approx(740.7407407, abs=1e-6)


def test_at_the_h200_price_and_throughput_the_lab_earns_30_per_megawatt_and_the_cloud_57_percent(h200):
    # R = 30.0468: share 0.25 x 30.0468 = 7.5117; net 7.5 + 7.5117 = 15.0117; EBIT 8.5117, margin
    # 8.5117 / 15.0117 = 56.700%; lab 30.0468 - 7.5117 - 7.5 = 15.0351 (50.04%).
    revenue = ft.ComputeBridge.of(h200).lab_revenue_musd_per_mw_year
    row = bedrock().at(revenue)
    assert row["cloud_ebit_margin"] == pytest.approx(0.5670044, abs=1e-7)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(15.0351, abs=1e-9)
    assert row["lab_gross_margin"] == pytest.approx(0.5003894, abs=1e-7)


# --- bad terms -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("make", "term", "message"), [
    (lambda: bedrock(revenue_share=1.2), "revenue_share", "got 1.2"),
    (lambda: bedrock(revenue_share=-0.1), "revenue_share", "got -0.1"),
    (lambda: bedrock(revenue_share=math.nan), "revenue_share", "got nan"),
    (lambda: bedrock(iaas_fee_musd_per_mw_year=-1), "iaas_fee_musd_per_mw_year", "got -1 USD M/MW/year"),
    (lambda: bedrock(iaas_fee_musd_per_mw_year=math.inf), "iaas_fee_musd_per_mw_year", "got inf"),
    (lambda: bedrock(cloud_opex_musd_per_mw_year=-6.5), "cloud_opex_musd_per_mw_year", "got -6.5 USD M/MW/year"),
    (lambda: bedrock(compute_mw=0), "compute_mw", "got 0 MW"),
    (lambda: bedrock(compute_mw=-10), "compute_mw", "got -10 MW"),
    (lambda: bedrock(hurdles=[hurdle(30, 0.1), hurdle(20, 0.1)]), "hurdles[1].threshold_musd_per_mw_year",
     "above the one before, got 20 after 30"),
    (lambda: bedrock(hurdles=[hurdle(30, 0.1), hurdle(30, 0.1)]), "hurdles[1].threshold_musd_per_mw_year",
     "above the one before, got 30 after 30"),
    # A hurdle checks itself where it is made, naming its own field.
    (lambda: hurdle(0, 0.1), "threshold_musd_per_mw_year", "got 0"),
    (lambda: hurdle(30, 1.5), "share", "got 1.5"),
    (lambda: hurdle(30, -0.1), "share", "got -0.1"),
    (lambda: bedrock().at(0), "lab_revenue_musd_per_mw_year", "got 0"),
    (lambda: bedrock().at(-5), "lab_revenue_musd_per_mw_year", "got -5"),
    (lambda: bedrock().at(math.nan), "lab_revenue_musd_per_mw_year", "got nan"),
    (lambda: bedrock().sensitivity([10, 0]), "lab_revenue_musd_per_mw_year", "got 0"),
    (lambda: bedrock().with_(revenue_share=1.3), "revenue_share", "got 1.3"),
    (lambda: iaas(rental_usd_per_gpu_hour=-1.9), "rental_usd_per_gpu_hour", "got -1.9 USD/hr/GPU"),
    (lambda: iaas(cloud_opex_musd_per_mw_year=-1), "cloud_opex_musd_per_mw_year", "got -1 USD M/MW/year"),
    (lambda: iaas(term_years=0), "term_years", "got 0 years"),
    (lambda: iaas(compute_mw=0), "compute_mw", "got 0 MW"),
    (lambda: iaas(kw_per_gpu=0), "kw_per_gpu", "got 0 kW/GPU"),
    (lambda: ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=735, utilization=0, api_price_usd_per_mtok=1.75),
     "utilization", "got 0"),
    (lambda: ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=735, utilization=1.1,
                              api_price_usd_per_mtok=1.75), "utilization", "got 1.1"),
    (lambda: ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=-1, utilization=1, api_price_usd_per_mtok=1.75),
     "tokens_per_s_per_gpu", "got -1"),
], ids=["share 1.2", "share -0.1", "share nan", "negative fee", "infinite fee", "negative opex", "zero MW",
        "negative MW", "thresholds descending", "thresholds equal", "zero threshold", "hurdle share 1.5",
        "negative hurdle share", "zero lab revenue", "negative lab revenue", "nan lab revenue",
        "zero revenue in a sensitivity", "with_ share 1.3", "negative rental", "negative IaaS opex", "zero term",
        "zero IaaS MW", "zero kW per GPU", "zero utilization", "utilization above 1", "negative throughput"])
def test_a_bad_term_raises_value_error_naming_the_term_and_the_value(make, term, message):
    with pytest.raises(ValueError) as raised:
        make()
    assert str(raised.value).startswith(term + " ")
    assert message in str(raised.value)


def test_a_deal_with_neither_fee_nor_share_has_no_margin_to_show():
    # Fee 0 and share 0 below a hurdle at 20: at 10 the cloud earns nothing, so EBIT / net is 0 / 0.
    deal = bedrock(revenue_share=0.0, iaas_fee_musd_per_mw_year=0, hurdles=[hurdle(20, 0.3)])
    with pytest.raises(ValueError, match="iaas_fee_musd_per_mw_year 0 and no revenue share up to a lab revenue of 10 "):
        deal.at(10)
    # Above the hurdle there is a share again: at 30, 10 x 0.3 = 3; EBIT 3 - 6.5 = -3.5 (-116.7%).
    assert deal.at(30)["cloud_ebit_margin"] == pytest.approx(-3.5 / 3.0, rel=1e-12)


@pytest.mark.parametrize("revenue", [math.nan, math.inf, -5.0], ids=["nan", "inf", "negative"])
def test_the_revenue_share_rejects_a_lab_revenue_that_is_nan_infinite_or_negative(revenue):
    # at() rejects each of these naming lab_revenue_musd_per_mw_year (above); revenue_share_musd_per_mw_year
    # takes the same argument but answers nan, inf and 0 instead.
    with pytest.raises(ValueError, match="lab_revenue_musd_per_mw_year"):
        bedrock().revenue_share_musd_per_mw_year(revenue)


@pytest.mark.parametrize("make", [
    lambda: bedrock(iaas_fee_musd_per_mw_year=u.usd_per_kwh(1)),
    lambda: bedrock(revenue_share=u.usd_per_kwh(1)),
    lambda: bedrock(compute_mw=u.usd(1)),
    lambda: bedrock().at(u.usd_per_kwh(1)),
    lambda: bedrock().at("10"),
    lambda: hurdle(u.mw(1), 0.1),
    lambda: iaas(rental_usd_per_gpu_hour=u.usd_per_mtok(1)),
    lambda: ft.ComputeBridge(kw_per_gpu=u.mw(1), tokens_per_s_per_gpu=735, utilization=1, api_price_usd_per_mtok=1.75),
], ids=["fee in USD/kWh", "share in USD/kWh", "MW in USD", "lab revenue in USD/kWh", "lab revenue as text",
        "threshold in MW", "rental in USD/Mtok", "kW per GPU in MW"])
def test_a_quantity_of_the_wrong_kind_raises_type_error_naming_the_term(make):
    with pytest.raises(TypeError, match=r"(revenue_share|_musd_per_mw_year|compute_mw|rental_usd_per_gpu_hour|"
                                        r"kw_per_gpu) expects"):
        make()


@pytest.mark.parametrize(("make", "name"), [
    (lambda: ft.MarketplaceDeal(**TERMS, revenue_shar=0.3), "revenue_shar"),
    (lambda: bedrock().with_(fee=1), "fee"),
    (lambda: ft.RevenueShareHurdle(threshold=20, share=0.1), "threshold"),
    (lambda: iaas(term=5), "term"),
    (lambda: ft.ComputeBridge(kw_per_gpu=1.35, tokens_per_s_per_gpu=735, utilization=1, api_price_usd_per_mtok=1.75,
                              price=2), "price"),
    (lambda: iaas().with_(rental=2), "rental"),
], ids=["MarketplaceDeal", "MarketplaceDeal.with_", "RevenueShareHurdle", "IaasDeal", "ComputeBridge",
        "IaasDeal.with_"])
def test_an_unknown_keyword_raises_type_error(make, name):
    with pytest.raises(TypeError, match=name):
        make()


def test_a_missing_term_raises_type_error_naming_it():
    with pytest.raises(TypeError, match="compute_mw"):
        ft.IaasDeal(rental_usd_per_gpu_hour=1.9, kw_per_gpu=1.35, cloud_opex_musd_per_mw_year=6.5, term_years=5)


def test_terms_may_be_given_as_quantities_in_other_units():
    # 25 percent = 0.25; 1,350 W per GPU = 1.35 kW per GPU.
    assert bedrock(revenue_share=u.percent(25)) == bedrock()
    bridge = ft.ComputeBridge(kw_per_gpu=u.w_per_gpu(1350), tokens_per_s_per_gpu=735, utilization=1,
                              api_price_usd_per_mtok=1.75)
    assert bridge.kw_per_gpu == pytest.approx(1.35, rel=1e-12)


# --- value semantics -------------------------------------------------------------------------------

def h200_factory() -> ft.TokenFactory:
    return ft.presets.token_factory("h200-deepseek-r1")


TEST_MARGINS = dict(system_vendor_gross_margin=0.75, memory_share_of_system_cost=0.20, memory_gross_margin=0.60,
                    foundry_share_of_system_cost=0.10, foundry_gross_margin=0.60, datacenter_gross_margin=0.30)

# Each type: (a maker of one value, a maker of a different value of the same type).
VALUES = {
    "MarketplaceDeal": (lambda: bedrock(compute_mw=10, hurdles=[hurdle(20, 0.15), hurdle(30, 0.1)]),
                        lambda: bedrock(compute_mw=10, hurdles=[hurdle(20, 0.15), hurdle(30, 0.2)])),
    "RevenueShareHurdle": (lambda: hurdle(20, 0.15), lambda: hurdle(20, 0.16)),
    "IaasDeal": (iaas, lambda: iaas(term_years=4)),
    "ComputeBridge": (lambda: ft.ComputeBridge.of(h200_factory()),
                      lambda: ft.ComputeBridge.of(h200_factory().with_(utilization=0.9))),
    "SupplierMargins": (lambda: ft.SupplierMargins(**TEST_MARGINS),
                        lambda: ft.SupplierMargins(**{**TEST_MARGINS, "memory_gross_margin": 0.7})),
    "ValueCapture": (lambda: ft.ValueCapture(h200_factory(), ft.SupplierMargins(**TEST_MARGINS)),
                     lambda: ft.ValueCapture(h200_factory().with_(arpu_usd_per_month=25),
                                             ft.SupplierMargins(**TEST_MARGINS))),
}
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

globals().update(value_semantics_tests(VALUES))


def test_the_repr_of_a_deal_names_every_term_with_its_value():
    text = repr(bedrock(hurdles=[hurdle(20, 0.15)]))
    assert text == ("MarketplaceDeal(revenue_share=0.25, iaas_fee_musd_per_mw_year=7.5, cloud_opex_musd_per_mw_year=6.5,"
                    " compute_mw=1.0, hurdles=[RevenueShareHurdle(threshold_musd_per_mw_year=20.0, share=0.15)])")


def test_a_value_does_not_compare_equal_to_another_type():
    assert bedrock() != "MarketplaceDeal"
    assert hurdle(20, 0.15) != (20, 0.15)


def test_with_returns_a_changed_deal_and_leaves_the_original_untouched():
    deal = bedrock(hurdles=[hurdle(20, 0.15)])
    changed = deal.with_(revenue_share=0.3)
    assert changed.revenue_share == 0.3
    assert changed.hurdles == [hurdle(20, 0.15)]
    assert deal.revenue_share == 0.25
    assert deal == bedrock(hurdles=[hurdle(20, 0.15)])
    # The changed deal computes with its own share: at 10, 0.3 x 10 = 3 and net 10.5.
    assert changed.at(10)["cloud_net_revenue_musd_per_mw_year"] == pytest.approx(10.5, abs=1e-12)


def test_with_may_replace_the_hurdles_and_the_megawatts():
    deal = bedrock().with_(hurdles=[hurdle(20, 0.0)], compute_mw=4)
    assert deal.hurdles == [hurdle(20, 0.0)]
    assert deal.compute_mw == 4
    # Capped at 5: at 40 the lab keeps 40 - 5 - 7.5 = 27.5 per MW, 110 over 4 MW.
    row = deal.at(40)
    assert row["lab_gross_margin_musd_per_mw_year"] == pytest.approx(27.5, abs=1e-12)
    assert row["lab_revenue_recognized_musd_per_year"] == pytest.approx(160.0, abs=1e-12)


def test_the_inputs_of_a_deal_are_its_terms():
    assert bedrock(compute_mw=3, hurdles=[hurdle(20, 0.15)]).inputs() == {
        "revenue_share": 0.25, "iaas_fee_musd_per_mw_year": 7.5, "cloud_opex_musd_per_mw_year": 6.5,
        "compute_mw": 3.0, "hurdles": [hurdle(20, 0.15)]}


def test_with_on_an_iaas_deal_and_a_bridge_changes_only_the_term_given():
    # Twice the rental: 2 x 12.328889 = 24.657778 USD M per MW-year.
    assert iaas().with_(rental_usd_per_gpu_hour=3.80).cloud_revenue_musd_per_mw_year == pytest.approx(24.6577778,
                                                                                                       abs=1e-6)
    bridge = ft.ComputeBridge.of(h200_factory())
    # Twice the price: 2 x 30.0468 = 60.0936.
    assert bridge.with_(api_price_usd_per_mtok=3.5).lab_revenue_musd_per_mw_year == pytest.approx(60.0936, abs=1e-9)
    assert bridge.api_price_usd_per_mtok == 1.75
