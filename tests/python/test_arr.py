"""ARR builds (fabtoken.arr, ft.ArrSeries): figures.md s3 reproduced, both revenue conventions, forecasts,
the compute linkage, period parsing, the CSV loader and value semantics.

Every expected number is a figure of shared/reference/figures.md s3 or a hand calculation written out
beside the assertion. figures.md s3: "The published figures were rounded from unrounded model values,
so a recomputed growth rate or net new ARR may differ by one in the last digit shown", so those are
asserted as |recomputed - published| <= 1 (+1e-9) in the last digit shown (whole percent for growth,
USD M for net new ARR). ARR goes in and comes out in USD M per year; inputs pass through the library's
internal units, so even input values are compared with a 1e-9 tolerance.
"""

from __future__ import annotations

import copy
import math
import os
import pickle

import pytest

import fabtoken as ft

LINEAR = "linear_within_quarter"
MONTHLY = "monthly_run_rate"

# figures.md s3, ARR at the end of each quarter (USD M); 4Q23 = 264 - 177 = 87 (the note under the table).
QUARTERS = ["1Q24", "2Q24", "3Q24", "4Q24", "1Q25", "2Q25", "3Q25", "4Q25", "1Q26", "2Q26", "3Q26", "4Q26"]
ARR = [264, 509, 755, 1_000, 2_000, 3_500, 6_000, 9_000, 30_000, 57_999, 88_454, 121_340]
OPENING = 87
QOQ_PCT = [203, 93, 48, 33, 100, 75, 71, 50, 233, 93, 53, 37]
YOY_PCT = {"1Q25": 658, "2Q25": 588, "3Q25": 695, "4Q25": 800,
           "1Q26": 1_400, "2Q26": 1_557, "3Q26": 1_374, "4Q26": 1_248}
NET_NEW = [177, 245, 245, 245, 1_000, 1_500, 2_500, 3_000, 21_000, 27_999, 30_455, 32_886]
SEGMENTS = {
    "consumer_subscription": [30, 35, 65, 95, 170, 200, 325, 400, 1_550, 2_268, 3_067, 3_718],
    "team_subscription": [0, 21, 26, 20, 40, 70, 120, 180, 600, 983, 1_417, 1_872],
    "enterprise_subscription": [0, 0, 0, 10, 50, 185, 395, 680, 2_400, 4_200, 8_000, 7_800],
    "api_consumption": [235, 453, 664, 880, 1_740, 3_045, 5_160, 7_740, 25_450, 50_450, 77_950, 107_950],
}
# figures.md s3, ARR by month; month 3 is the quarter's end.
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)] + ["2026-01", "2026-02", "2026-03"]
MONTHLY_ARR = [100, 182, 264, 345, 427, 509, 591, 673, 755, 836, 918, 1_000,
               1_000, 1_400, 2_000, 2_500, 3_000, 3_500, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000,
               12_000, 19_000, 30_000]


def within_one(recomputed: float, published: float) -> bool:
    """Within one in the last digit shown (figures.md s3 rounding note)."""
    return abs(recomputed - published) <= 1 + 1e-9


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def by_period(table, column: str) -> dict[str, float]:
    return dict(zip(table["period"], table[column]))


def by_quarter(revenue) -> dict[str, float]:
    return dict(zip(revenue["quarter"], revenue["revenue_musd"]))


@pytest.fixture
def quarterly() -> ft.ArrSeries:
    return ft.arr.preset("anthropic-quarterly")


@pytest.fixture
def monthly() -> ft.ArrSeries:
    return ft.arr.preset("anthropic-monthly")


# --- figures.md s3: the quarterly build -------------------------------------------------------------

def test_the_built_in_series_are_the_quarterly_and_monthly_builds():
    assert ft.arr.names() == ["anthropic-monthly", "anthropic-quarterly"]
    assert ft.arr.CONVENTIONS == (LINEAR, MONTHLY)


def test_the_quarterly_preset_holds_the_published_arr_and_the_implied_opening(quarterly):
    inputs = quarterly.inputs()
    assert quarterly.frequency == "quarterly"
    assert len(quarterly) == 12
    assert inputs["periods"] == QUARTERS
    assert inputs["total_musd"] == pytest.approx(ARR, abs=1e-9)
    assert inputs["opening_musd"] == pytest.approx(OPENING, abs=1e-9)   # 264 - 177 = 87


def test_the_quarterly_table_has_growth_net_new_and_each_segments_arr_share_and_growth(quarterly):
    table = quarterly.table()
    segment_columns = [f"{name}_{what}" for name in SEGMENTS for what in ("musd", "share", "growth")]
    assert list(table.columns) == ["period", "arr_musd", "net_new_arr_musd", "arr_growth_qoq", "arr_growth_yoy",
                                   *segment_columns]
    assert list(table["period"]) == QUARTERS
    assert list(table["arr_musd"]) == pytest.approx(ARR, abs=1e-9)


def test_quarter_on_quarter_growth_matches_figures_within_one_point(quarterly):
    table = quarterly.table()
    for quarter, growth, published in zip(QUARTERS, table["arr_growth_qoq"], QOQ_PCT):
        assert within_one(100 * growth, published), (quarter, 100 * growth, published)


def test_quarter_on_quarter_growth_by_hand():
    # 1Q24 from the opening: 264 / 87 - 1 = 2.0344828; 4Q24: 1,000 / 755 - 1 = 0.3245033 (published 33%,
    # which the rounding note allows); 1Q26: 30,000 / 9,000 - 1 = 2.3333333.
    growth = by_period(ft.arr.preset("anthropic-quarterly").table(), "arr_growth_qoq")
    assert growth["1Q24"] == pytest.approx(264 / 87 - 1, rel=1e-12)
    assert growth["4Q24"] == pytest.approx(0.3245033, rel=1e-6)
    assert growth["1Q26"] == pytest.approx(2.3333333, rel=1e-7)


def test_year_on_year_growth_from_1q25_matches_figures_within_one_point(quarterly):
    growth = by_period(quarterly.table(), "arr_growth_yoy")
    for quarter, published in YOY_PCT.items():
        assert within_one(100 * growth[quarter], published), (quarter, 100 * growth[quarter], published)
    # 1Q25 by hand: 2,000 / 264 - 1 = 6.5757576 (658%).
    assert growth["1Q25"] == pytest.approx(2_000 / 264 - 1, rel=1e-12)


def test_year_on_year_growth_before_4q24_is_missing_and_4q24_is_measured_from_the_opening(quarterly):
    growth = by_period(quarterly.table(), "arr_growth_yoy")
    # 1Q24-3Q24 need 1Q23-3Q23, which the series does not have.
    assert all(missing(growth[q]) for q in ("1Q24", "2Q24", "3Q24"))
    # 4Q24 over 4Q23 (the opening, 87): 1,000 / 87 - 1 = 10.4942529 (figures.md leaves it blank).
    assert growth["4Q24"] == pytest.approx(1_000 / 87 - 1, rel=1e-12)


def test_net_new_arr_matches_figures_within_one(quarterly):
    table = quarterly.table()
    for quarter, net_new, published in zip(QUARTERS, table["net_new_arr_musd"], NET_NEW):
        assert within_one(net_new, published), (quarter, net_new, published)


def test_net_new_arr_is_closing_less_opening_by_hand(quarterly):
    net_new = by_period(quarterly.table(), "net_new_arr_musd")
    assert net_new["1Q24"] == pytest.approx(264 - 87, abs=1e-9)        # 177, from the opening
    assert net_new["3Q24"] == pytest.approx(755 - 509, abs=1e-9)       # 246 (published 245)
    assert net_new["2Q26"] == pytest.approx(57_999 - 30_000, abs=1e-9)  # 27,999


def test_segment_arr_is_the_published_segment_table(quarterly):
    table = quarterly.table()
    for name, values in SEGMENTS.items():
        assert list(table[f"{name}_musd"]) == pytest.approx(values, abs=1e-9), name


def test_api_consumption_is_85_to_89_percent_of_arr_throughout(quarterly):
    # figures.md s3, in whole percent: 1Q26 is 25,450 / 30,000 = 84.83%, shown as 85%.
    table = quarterly.table()
    for quarter, share in zip(QUARTERS, table["api_consumption_share"]):
        assert 84.5 <= 100 * share < 89.5, (quarter, 100 * share)


def test_segment_shares_are_of_the_total_even_where_segments_do_not_sum_to_it(quarterly):
    table = quarterly.table().set_index("period")
    # 1Q24: the segments sum to 30 + 0 + 0 + 235 = 265, not the total 264; shares are of 264.
    assert sum(SEGMENTS[name][0] for name in SEGMENTS) == 265
    assert table.loc["1Q24", "api_consumption_share"] == pytest.approx(235 / 264, rel=1e-12)        # 0.8901515
    assert table.loc["1Q24", "consumer_subscription_share"] == pytest.approx(30 / 264, rel=1e-12)   # 0.1136364
    assert table.loc["1Q26", "enterprise_subscription_share"] == pytest.approx(2_400 / 30_000, rel=1e-12)  # 0.08


def test_segment_growth_by_hand(quarterly):
    table = quarterly.table().set_index("period")
    assert table.loc["2Q26", "enterprise_subscription_growth"] == pytest.approx(4_200 / 2_400 - 1, rel=1e-12)  # 75%
    assert table.loc["2Q24", "api_consumption_growth"] == pytest.approx(453 / 235 - 1, rel=1e-12)             # 92.8%
    assert table.loc["4Q26", "enterprise_subscription_growth"] == pytest.approx(7_800 / 8_000 - 1, rel=1e-12)  # -2.5%
    # From a base of 0 there is no growth; nor in the first quarter (segments have no opening).
    assert missing(table.loc["2Q24", "team_subscription_growth"])
    assert missing(table.loc["1Q24", "api_consumption_growth"])


# --- figures.md s3: the monthly build ---------------------------------------------------------------

def test_the_monthly_preset_holds_the_published_monthly_arr(monthly):
    assert monthly.frequency == "monthly"
    assert monthly.inputs()["periods"] == MONTHS
    assert monthly.inputs()["total_musd"] == pytest.approx(MONTHLY_ARR, abs=1e-9)
    assert list(monthly.table().columns) == ["period", "arr_musd", "net_new_arr_musd", "arr_growth_mom",
                                             "arr_growth_qoq", "arr_growth_yoy"]


def test_monthly_growth_is_month_on_month_by_hand(monthly):
    growth = by_period(monthly.table(), "arr_growth_mom")
    assert missing(growth["2024-01"])                                    # no December 2023 in the file
    assert growth["2024-02"] == pytest.approx(182 / 100 - 1, rel=1e-12)   # 0.82
    assert growth["2025-01"] == pytest.approx(0.0, abs=1e-12)             # 1,000 / 1,000 - 1
    assert growth["2026-03"] == pytest.approx(30_000 / 19_000 - 1, rel=1e-12)  # 0.5789474
    net_new = by_period(monthly.table(), "net_new_arr_musd")
    assert missing(net_new["2024-01"])
    assert net_new["2024-02"] == pytest.approx(182 - 100, abs=1e-9)


def test_monthly_growth_over_three_months_at_quarter_ends_is_the_published_quarterly_growth(monthly):
    growth = by_period(monthly.table(), "arr_growth_qoq")
    ends = [m for m in MONTHS if int(m[-2:]) % 3 == 0]
    # 2024-03 needs 2023-12, which the monthly file does not have.
    assert missing(growth["2024-03"])
    for month, published in zip(ends[1:], QOQ_PCT[1:9]):
        assert within_one(100 * growth[month], published), (month, 100 * growth[month], published)
    # Mid-quarter too, by hand: 2024-04 over 2024-01: 345 / 100 - 1 = 2.45.
    assert growth["2024-04"] == pytest.approx(2.45, rel=1e-12)


def test_monthly_growth_over_twelve_months_is_the_published_year_on_year_growth(monthly):
    growth = by_period(monthly.table(), "arr_growth_yoy")
    assert all(missing(growth[m]) for m in MONTHS[:12])
    assert growth["2025-01"] == pytest.approx(1_000 / 100 - 1, rel=1e-12)  # 9.0
    for month, quarter in [("2025-03", "1Q25"), ("2025-06", "2Q25"), ("2025-09", "3Q25"), ("2025-12", "4Q25"),
                           ("2026-03", "1Q26")]:
        assert within_one(100 * growth[month], YOY_PCT[quarter]), (month, 100 * growth[month])


def test_a_monthly_series_with_an_opening_measures_its_first_quarter_from_it():
    # Opening = December 2023 = the 4Q23 ARR, 87: 2024-03 over three months is 264 / 87 - 1 = 203%, the
    # published 1Q24 q/q; 2024-01 month on month is 100 / 87 - 1 = 0.1494253.
    series = ft.ArrSeries(periods=MONTHS[:3], total_musd=MONTHLY_ARR[:3], opening_musd=87)
    table = series.table().set_index("period")
    assert table.loc["2024-03", "arr_growth_qoq"] == pytest.approx(264 / 87 - 1, rel=1e-12)
    assert within_one(100 * table.loc["2024-03", "arr_growth_qoq"], 203)
    assert table.loc["2024-01", "arr_growth_mom"] == pytest.approx(100 / 87 - 1, rel=1e-12)
    assert table.loc["2024-01", "net_new_arr_musd"] == pytest.approx(13, abs=1e-9)  # 100 - 87
    assert missing(table.loc["2024-02", "arr_growth_qoq"])


# --- recognized revenue under the two conventions ---------------------------------------------------

def test_linear_within_quarter_revenue_is_opening_plus_closing_over_eight(quarterly):
    revenue = quarterly.revenue(LINEAR)
    assert list(revenue.columns) == ["quarter", "revenue_musd", "revenue_growth_qoq", "revenue_growth_yoy"]
    assert list(revenue["quarter"]) == QUARTERS
    r = by_quarter(revenue)
    assert r["1Q24"] == pytest.approx(43.875, abs=1e-9)       # (87 + 264) / 2 / 4 = 351 / 8
    assert r["2Q24"] == pytest.approx(96.625, abs=1e-9)       # (264 + 509) / 8 = 773 / 8
    assert r["3Q24"] == pytest.approx(158.0, abs=1e-9)        # (509 + 755) / 8 = 1,264 / 8
    assert r["4Q24"] == pytest.approx(219.375, abs=1e-9)      # (755 + 1,000) / 8 = 1,755 / 8
    assert r["1Q25"] == pytest.approx(375.0, abs=1e-9)        # (1,000 + 2,000) / 8
    assert r["2Q26"] == pytest.approx(10_999.875, abs=1e-9)   # (30,000 + 57,999) / 8 = 87,999 / 8


def test_linear_revenue_leaves_out_a_first_quarter_without_an_opening():
    series = ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509])
    r = by_quarter(series.revenue(LINEAR))
    assert list(r) == ["2Q24"]
    assert r["2Q24"] == pytest.approx(96.625, abs=1e-9)  # (264 + 509) / 8


def test_monthly_run_rate_revenue_is_the_sum_of_the_months_over_twelve(monthly):
    revenue = monthly.revenue(MONTHLY)
    assert list(revenue["quarter"]) == QUARTERS[:9]  # 1Q24 to 1Q26, the quarters with all three months
    r = by_quarter(revenue)
    assert r["1Q24"] == pytest.approx(45.5, abs=1e-9)              # (100 + 182 + 264) / 12 = 546 / 12
    assert r["2Q24"] == pytest.approx(106.75, abs=1e-9)            # (345 + 427 + 509) / 12 = 1,281 / 12
    assert r["1Q25"] == pytest.approx(4_400 / 12, abs=1e-9)        # (1,000 + 1,400 + 2,000) / 12 = 366.67
    assert r["1Q26"] == pytest.approx(61_000 / 12, abs=1e-9)       # (12,000 + 19,000 + 30,000) / 12 = 5,083.33


def test_monthly_run_rate_revenue_leaves_out_incomplete_quarters():
    # February to July 2024: only April-June is a whole quarter: (345 + 427 + 509) / 12 = 106.75.
    series = ft.ArrSeries(periods=MONTHS[1:7], total_musd=MONTHLY_ARR[1:7])
    r = by_quarter(series.revenue(MONTHLY))
    assert list(r) == ["2Q24"]
    assert r["2Q24"] == pytest.approx(106.75, abs=1e-9)


def test_results_without_rows_still_have_their_columns():
    # One quarter and no opening: no revenue; two quarters of 2024: no complete year.
    alone = ft.ArrSeries(periods=["1Q24"], total_musd=[264])
    revenue = alone.revenue(LINEAR)
    assert len(revenue) == 0
    assert list(revenue.columns) == ["quarter", "revenue_musd", "revenue_growth_qoq", "revenue_growth_yoy"]
    linkage = alone.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=42, gross_margin=0.65, token_price_usd_per_mtok=10)
    assert list(linkage.columns) == COMPUTE_COLUMNS
    annual = ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509], opening_musd=87).annual_revenue(LINEAR)
    assert list(annual.columns) == ["year", "revenue_musd"]


def test_revenue_growth_quarter_on_quarter_and_year_on_year_under_each_convention(quarterly, monthly):
    linear = quarterly.revenue(LINEAR).set_index("quarter")
    assert missing(linear.loc["1Q24", "revenue_growth_qoq"])
    assert linear.loc["2Q24", "revenue_growth_qoq"] == pytest.approx(96.625 / 43.875 - 1, rel=1e-12)  # 120.2%
    assert all(missing(linear.loc[q, "revenue_growth_yoy"]) for q in QUARTERS[:4])
    assert linear.loc["1Q25", "revenue_growth_yoy"] == pytest.approx(375 / 43.875 - 1, rel=1e-12)     # 754.7%
    by_month = monthly.revenue(MONTHLY).set_index("quarter")
    assert by_month.loc["2Q24", "revenue_growth_qoq"] == pytest.approx(106.75 / 45.5 - 1, rel=1e-12)  # 134.6%
    assert by_month.loc["1Q25", "revenue_growth_yoy"] == pytest.approx((4_400 / 12) / 45.5 - 1, rel=1e-12)  # 705.9%


def test_annual_revenue_under_the_linear_convention(quarterly):
    annual = quarterly.annual_revenue(LINEAR)
    assert list(annual.columns) == ["year", "revenue_musd"]
    assert list(annual["year"]) == [2024, 2025, 2026]
    # 2024: (351 + 773 + 1,264 + 1,755) / 8 = 4,143 / 8 = 517.875
    # 2025: (3,000 + 5,500 + 9,500 + 15,000) / 8 = 33,000 / 8 = 4,125
    # 2026: (39,000 + 87,999 + 146,453 + 209,794) / 8 = 483,246 / 8 = 60,405.75
    assert list(annual["revenue_musd"]) == pytest.approx([517.875, 4_125.0, 60_405.75], abs=1e-9)


def test_annual_revenue_under_the_monthly_convention_counts_complete_years_only(monthly):
    annual = monthly.annual_revenue(MONTHLY)
    assert list(annual["year"]) == [2024, 2025]  # 2026 has only its first quarter
    # 2024: (100 + 182 + 264 + 345 + 427 + 509 + 591 + 673 + 755 + 836 + 918 + 1,000) / 12 = 6,600 / 12 = 550
    # 2025: (1,000 + 1,400 + 2,000 + 2,500 + 3,000 + 3,500 + 4,000 + 5,000 + 6,000 + 7,000 + 8,000 + 9,000) / 12
    #       = 52,400 / 12 = 4,366.67
    assert list(annual["revenue_musd"]) == pytest.approx([550.0, 52_400 / 12], abs=1e-9)


def test_annual_revenue_leaves_out_a_year_missing_a_quarter():
    # 2Q24-4Q25 with the 1Q24 ARR as opening: 2024 lacks 1Q24; 2025 is (3,000 + 5,500 + 9,500 + 15,000) / 8.
    series = ft.ArrSeries(periods=QUARTERS[1:8], total_musd=ARR[1:8], opening_musd=264)
    annual = series.annual_revenue(LINEAR)
    assert list(annual["year"]) == [2025]
    assert annual["revenue_musd"][0] == pytest.approx(4_125.0, abs=1e-9)


def test_each_convention_refuses_the_other_frequency(quarterly, monthly):
    with pytest.raises(ValueError, match="monthly_run_rate needs monthly ARR"):
        quarterly.revenue(MONTHLY)
    with pytest.raises(ValueError, match="linear_within_quarter needs quarterly ARR"):
        monthly.revenue(LINEAR)
    with pytest.raises(ValueError, match="monthly_run_rate needs monthly ARR"):
        quarterly.annual_revenue(MONTHLY)
    with pytest.raises(ValueError, match="linear_within_quarter needs quarterly ARR"):
        monthly.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=42, gross_margin=0.65, token_price_usd_per_mtok=10)


@pytest.mark.parametrize("call", ["revenue", "annual_revenue", "compute_linkage"])
def test_an_unknown_convention_is_refused_by_name(quarterly, call):
    kwargs = {"arr_per_mw_musd_per_mw_year": 42, "gross_margin": 0.65, "token_price_usd_per_mtok": 10} \
        if call == "compute_linkage" else {}
    with pytest.raises(ValueError, match="'straight_line'") as refused:
        getattr(quarterly, call)("straight_line", **kwargs)
    assert "linear_within_quarter" in str(refused.value) and "monthly_run_rate" in str(refused.value)


# --- forecasts ---------------------------------------------------------------------------------------

def test_a_forecast_by_net_new_arr_continues_the_periods_into_the_next_year(quarterly):
    forecast = quarterly.extended_by_net_new([1_000, 2_500])
    inputs = forecast.inputs()
    assert inputs["periods"] == QUARTERS + ["1Q27", "2Q27"]
    # 121,340 + 1,000 = 122,340; + 2,500 = 124,840.
    assert inputs["total_musd"][-2:] == pytest.approx([122_340, 124_840], abs=1e-9)
    assert inputs["opening_musd"] == pytest.approx(87, abs=1e-9)
    assert inputs["segments_musd"] == {}  # segments are not forecast
    net_new = by_period(forecast.table(), "net_new_arr_musd")
    assert net_new["1Q27"] == pytest.approx(1_000, abs=1e-9)
    assert len(quarterly) == 12  # the original is left as it was


def test_a_forecast_by_growth_rates_compounds_them(quarterly):
    forecast = quarterly.extended_by_growth([0.1, -0.5])
    # 1Q27: 121,340 x 1.1 = 133,474; 2Q27: 133,474 x 0.5 = 66,737.
    assert forecast.inputs()["periods"][-2:] == ["1Q27", "2Q27"]
    assert forecast.inputs()["total_musd"][-2:] == pytest.approx([133_474, 66_737], abs=1e-6)
    assert by_period(forecast.table(), "arr_growth_qoq")["1Q27"] == pytest.approx(0.1, rel=1e-12)


def test_a_monthly_forecast_continues_into_january():
    series = ft.ArrSeries(periods=["2026-11", "2026-12"], total_musd=[8, 10])
    forecast = series.extended_by_growth([0.5, 1.0])
    assert forecast.inputs()["periods"] == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert forecast.inputs()["total_musd"] == pytest.approx([8, 10, 15, 30], abs=1e-9)  # 10 x 1.5; 15 x 2


def test_growth_of_minus_100_percent_is_the_floor(quarterly):
    # -100% takes ARR to 0; anything below would make it negative.
    assert quarterly.extended_by_growth([-1.0]).inputs()["total_musd"][-1] == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ValueError, match=r"growth rate must be a finite number >= -1.*-1\.5"):
        quarterly.extended_by_growth([-1.5])
    with pytest.raises(ValueError, match="growth rate"):
        quarterly.extended_by_growth([float("nan")])


def test_net_new_arr_that_would_make_arr_negative_is_refused_naming_the_period(quarterly):
    # 121,340 - 200,000 = -78,660 in 1Q27.
    with pytest.raises(ValueError, match="1Q27: total ARR must be a finite number >= 0"):
        quarterly.extended_by_net_new([-200_000])


# --- the compute linkage -----------------------------------------------------------------------------

COMPUTE_COLUMNS = ["quarter", "compute_mw", "revenue_musd", "inference_cost_musd", "gross_profit_musd", "mtok_served"]


def test_compute_linkage_at_42_musd_of_arr_per_mw_by_hand(quarterly):
    linkage = quarterly.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=42, gross_margin=0.65,
                                        token_price_usd_per_mtok=10)
    assert list(linkage.columns) == COMPUTE_COLUMNS
    assert list(linkage["quarter"]) == QUARTERS
    q2 = linkage.set_index("quarter").loc["2Q26"]
    # figures.md s3 context: about 42M USD of ARR per MW in 2Q26. MW = 57,999 / 42 = 1,380.9285714.
    assert q2["compute_mw"] == pytest.approx(57_999 / 42, rel=1e-12)
    # Revenue (30,000 + 57,999) / 8 = 10,999.875; cost x 0.35 = 3,849.95625; profit x 0.65 = 7,149.91875;
    # at 10 USD/Mtok: 10,999.875e6 / 10 = 1,099,987,500 Mtok.
    assert q2["revenue_musd"] == pytest.approx(10_999.875, abs=1e-9)
    assert q2["inference_cost_musd"] == pytest.approx(3_849.95625, abs=1e-6)
    assert q2["gross_profit_musd"] == pytest.approx(7_149.91875, abs=1e-6)
    assert q2["mtok_served"] == pytest.approx(1_099_987_500, rel=1e-12)


def test_compute_linkage_takes_a_path_per_quarter(quarterly):
    # Gross margin: figures.md s3 context, -94% in 2024, 38% in 2025, mid-60s in 1Q26 (0.65 assumed for
    # all of 2026). ARR per MW and the token price are assumptions.
    margin = [-0.94] * 4 + [0.38] * 4 + [0.65] * 4
    per_mw = [10] * 4 + [20] * 4 + [42] * 4
    price = [20] * 4 + [15] * 4 + [10] * 4
    linkage = quarterly.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=per_mw, gross_margin=margin,
                                        token_price_usd_per_mtok=price).set_index("quarter")
    # 1Q24: revenue 43.875; cost 43.875 x 1.94 = 85.1175; profit 43.875 x -0.94 = -41.2425;
    # 264 / 10 = 26.4 MW; 43.875e6 / 20 = 2,193,750 Mtok.
    assert linkage.loc["1Q24", "inference_cost_musd"] == pytest.approx(85.1175, abs=1e-9)
    assert linkage.loc["1Q24", "gross_profit_musd"] == pytest.approx(-41.2425, abs=1e-9)
    assert linkage.loc["1Q24", "compute_mw"] == pytest.approx(26.4, abs=1e-9)
    assert linkage.loc["1Q24", "mtok_served"] == pytest.approx(2_193_750, rel=1e-12)
    # 1Q25: revenue 375; cost 375 x 0.62 = 232.5; profit 142.5; 2,000 / 20 = 100 MW; 375e6 / 15 = 25e6 Mtok.
    assert linkage.loc["1Q25", "inference_cost_musd"] == pytest.approx(232.5, abs=1e-9)
    assert linkage.loc["1Q25", "gross_profit_musd"] == pytest.approx(142.5, abs=1e-9)
    assert linkage.loc["1Q25", "compute_mw"] == pytest.approx(100, abs=1e-9)
    assert linkage.loc["1Q25", "mtok_served"] == pytest.approx(25e6, rel=1e-12)
    # 4Q26: 121,340 / 42 = 2,889.0476 MW; revenue (88,454 + 121,340) / 8 = 26,224.25 -> 2,622,425,000 Mtok.
    assert linkage.loc["4Q26", "compute_mw"] == pytest.approx(121_340 / 42, rel=1e-12)
    assert linkage.loc["4Q26", "mtok_served"] == pytest.approx(2_622_425_000, rel=1e-12)


def test_compute_linkage_of_a_monthly_series_uses_the_arr_of_each_quarters_last_month(monthly):
    linkage = monthly.compute_linkage(MONTHLY, arr_per_mw_musd_per_mw_year=42, gross_margin=0.5,
                                      token_price_usd_per_mtok=10).set_index("quarter")
    assert list(linkage.index) == QUARTERS[:9]
    assert linkage.loc["1Q24", "compute_mw"] == pytest.approx(264 / 42, rel=1e-12)       # March 2024: 6.2857
    assert linkage.loc["1Q26", "compute_mw"] == pytest.approx(30_000 / 42, rel=1e-12)    # March 2026: 714.29
    assert linkage.loc["1Q26", "revenue_musd"] == pytest.approx(61_000 / 12, abs=1e-9)    # 5,083.33
    assert linkage.loc["1Q26", "gross_profit_musd"] == pytest.approx(61_000 / 24, abs=1e-9)  # half of it


@pytest.mark.parametrize("name, values", [
    ("arr_per_mw_musd_per_mw_year", [42] * 11),
    ("gross_margin", [0.65, 0.6]),
    ("token_price_usd_per_mtok", []),
])
def test_a_per_quarter_path_of_the_wrong_length_is_refused_by_name(quarterly, name, values):
    paths = {"arr_per_mw_musd_per_mw_year": 42, "gross_margin": 0.65, "token_price_usd_per_mtok": 10, name: values}
    with pytest.raises(ValueError, match=name):
        quarterly.compute_linkage(LINEAR, **paths)


def test_a_per_quarter_path_longer_than_the_quarters_is_refused_by_name(quarterly):
    # 13 values for 12 quarters of revenue: the last would be silently dropped.
    with pytest.raises(ValueError, match="arr_per_mw_musd_per_mw_year"):
        quarterly.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=[42] * 13, gross_margin=0.65,
                                  token_price_usd_per_mtok=10)


@pytest.mark.parametrize("name, value, quarter", [
    ("arr_per_mw_musd_per_mw_year", 0, "1Q24"),
    ("arr_per_mw_musd_per_mw_year", -42, "1Q24"),
    ("arr_per_mw_musd_per_mw_year", [42, 0] + [42] * 10, "2Q24"),
    ("token_price_usd_per_mtok", 0, "1Q24"),
    ("token_price_usd_per_mtok", [10] * 11 + [-1], "4Q26"),
    ("gross_margin", 1.5, "1Q24"),
])
def test_a_non_positive_arr_per_mw_or_price_or_a_margin_above_one_is_refused_naming_the_quarter(quarterly, name, value, quarter):
    paths = {"arr_per_mw_musd_per_mw_year": 42, "gross_margin": 0.65, "token_price_usd_per_mtok": 10, name: value}
    with pytest.raises(ValueError, match=f"{quarter}: {name}"):
        quarterly.compute_linkage(LINEAR, **paths)


# --- building a series directly ------------------------------------------------------------------------

def test_a_series_built_directly_gives_net_new_growth_and_shares_by_hand():
    series = ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509], segments_musd={"api": [235, 453]},
                          opening_musd=87)
    assert len(series) == 2 and series.frequency == "quarterly"
    table = series.table().set_index("period")
    assert list(table.columns) == ["arr_musd", "net_new_arr_musd", "arr_growth_qoq", "arr_growth_yoy",
                                   "api_musd", "api_share", "api_growth"]
    assert list(table["net_new_arr_musd"]) == pytest.approx([177, 245], abs=1e-9)          # 264 - 87; 509 - 264
    assert list(table["arr_growth_qoq"]) == pytest.approx([264 / 87 - 1, 509 / 264 - 1], rel=1e-12)
    assert list(table["api_share"]) == pytest.approx([235 / 264, 453 / 509], rel=1e-12)
    assert table.loc["2Q24", "api_growth"] == pytest.approx(453 / 235 - 1, rel=1e-12)


def test_a_series_without_segments_or_opening_has_no_first_net_new_or_growth():
    table = ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509]).table()
    assert list(table.columns) == ["period", "arr_musd", "net_new_arr_musd", "arr_growth_qoq", "arr_growth_yoy"]
    assert missing(table["net_new_arr_musd"][0]) and missing(table["arr_growth_qoq"][0])
    assert table["net_new_arr_musd"][1] == pytest.approx(245, abs=1e-9)  # 509 - 264


def test_growth_from_zero_arr_is_missing_and_growth_to_zero_is_minus_100_percent():
    table = ft.ArrSeries(periods=["1Q24", "2Q24", "3Q24"], total_musd=[5, 0, 7]).table()
    assert table["arr_growth_qoq"][1] == pytest.approx(-1.0, abs=1e-12)  # 0 / 5 - 1
    assert missing(table["arr_growth_qoq"][2])                         # 7 / 0
    assert table["net_new_arr_musd"][2] == pytest.approx(7, abs=1e-9)


def test_arr_may_be_given_as_a_fabtoken_quantity():
    series = ft.ArrSeries(periods=["1Q24"], total_musd=[ft.units.usd_per_year(264e6)])
    assert series.inputs()["total_musd"] == pytest.approx([264], abs=1e-9)  # 264e6 USD/year = 264 USD M/year
    with pytest.raises(TypeError, match=r"total_musd\[0\]"):
        ft.ArrSeries(periods=["1Q24"], total_musd=[ft.units.usd_per_kwh(264)])


def test_the_series_constructor_takes_keywords_only():
    with pytest.raises(TypeError):
        ft.ArrSeries(["1Q24"], [264])  # type: ignore[misc]


# --- periods -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, label, frequency", [
    ("1Q24", "1Q24", "quarterly"),
    ("2024Q1", "1Q24", "quarterly"),
    ("2024-Q1", "1Q24", "quarterly"),
    ("1q24", "1Q24", "quarterly"),
    (" 2024 Q3 ", "3Q24", "quarterly"),
    ("2024-01", "2024-01", "monthly"),
    ("2025-12", "2025-12", "monthly"),
])
def test_a_period_is_read_in_each_accepted_spelling(text, label, frequency):
    series = ft.ArrSeries(periods=[text], total_musd=[1])
    assert series.inputs()["periods"] == [label]
    assert series.frequency == frequency


@pytest.mark.parametrize("text", ["Q5 2024", "5Q24", "2024Q0", "2024-13", "2024-00", "2024", "1Q2", "first quarter", ""])
def test_a_period_that_is_neither_quarter_nor_month_is_refused_by_name(text):
    with pytest.raises(ValueError, match=f"period '{text}' is neither a quarter"):
        ft.ArrSeries(periods=[text], total_musd=[1])


# --- rejections naming the period ----------------------------------------------------------------------

@pytest.mark.parametrize("periods, message", [
    (["1Q24", "3Q24"], "3Q24: a gap after 1Q24 (expected 2Q24)"),
    (["2024-11", "2025-01"], "2025-01: a gap after 2024-11 (expected 2024-12)"),
    (["2Q24", "1Q24"], "1Q24: periods must be in order, but it follows 2Q24"),
    (["1Q24", "2024Q1"], "1Q24: the period is given twice"),
    (["2024-01", "2024-01"], "2024-01: the period is given twice"),
    (["1Q24", "2024-04"], "2024-04: the series mixes months and quarters"),
])
def test_a_series_with_a_gap_disorder_repeat_or_mixed_frequency_is_refused_naming_the_period(periods, message):
    with pytest.raises(ValueError) as refused:
        ft.ArrSeries(periods=periods, total_musd=[1, 2])
    assert message in str(refused.value)


def test_negative_arr_is_refused_naming_the_period():
    with pytest.raises(ValueError, match="2Q24: total ARR must be a finite number >= 0, got -2"):
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[1, -2])
    with pytest.raises(ValueError, match="2Q24: ARR of segment 'api' must be a finite number >= 0"):
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[1, 2], segments_musd={"api": [1, -1]})
    with pytest.raises(ValueError, match="1Q24: the opening ARR must be a finite number >= 0"):
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[1, 2], opening_musd=-1)
    with pytest.raises(ValueError, match="1Q24: total ARR must be a finite number"):
        ft.ArrSeries(periods=["1Q24"], total_musd=[float("nan")])


def test_a_segment_or_total_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="segment 'api' needs one ARR per period: 1 for 2"):
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[1, 2], segments_musd={"api": [1]})
    with pytest.raises(ValueError, match="one total ARR per period: 2 periods, 1 values"):
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[1])
    with pytest.raises(ValueError, match="at least one period"):
        ft.ArrSeries(periods=[], total_musd=[])


def test_a_segment_named_like_a_table_column_does_not_overwrite_the_total_arr():
    # A segment "arr" gives a column "arr_musd", the name of the total's column: the table must either keep
    # the total (100) or the series must refuse the name.
    try:
        table = ft.ArrSeries(periods=["1Q24"], total_musd=[100], segments_musd={"arr": [60]}).table()
    except ValueError as refused:
        assert "arr" in str(refused)
    else:
        assert table["arr_musd"][0] == pytest.approx(100, abs=1e-9)


# --- the CSV loader --------------------------------------------------------------------------------------

def test_a_csv_with_an_opening_row_and_segments_is_read(tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text("# a comment line\nperiod,total,api,consumer\nopening,87,,\n1Q24,264,235,30\n2Q24,509,453,35\n",
                    encoding="utf-8")
    series = ft.arr.read_csv(path)
    assert series == ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509],
                                  segments_musd={"api": [235, 453], "consumer": [30, 35]}, opening_musd=87)
    table = series.table()
    assert table["net_new_arr_musd"][0] == pytest.approx(177, abs=1e-9)  # 264 - 87
    assert table["consumer_share"][1] == pytest.approx(35 / 509, rel=1e-12)


def test_the_loader_reads_a_path_or_a_string_and_the_preset_file_is_the_preset(quarterly):
    path = ft.arr.path("anthropic-quarterly")
    assert ft.arr.read_csv(path) == quarterly
    assert ft.arr.read_csv(str(path)) == quarterly


def test_reading_a_file_leaves_it_unchanged(tmp_path):
    path = tmp_path / "lab.csv"
    text = "period,total\nopening,87\n1Q24,264\n2Q24,509\n"
    path.write_text(text, encoding="utf-8")
    before = os.stat(path)
    ft.arr.read_csv(path)
    assert path.read_text(encoding="utf-8") == text
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.csv"]


@pytest.mark.parametrize("body, message", [
    ("period,total\n1Q24,264\n2Q24,lots\n", "bad.csv:3: 2Q24: total must be a number >= 0 (USD M), got 'lots'"),
    ("period,total\n1Q24,264\n2Q24,-5\n", "bad.csv:3: 2Q24: total must be a number >= 0 (USD M), got '-5'"),
    ("period,total,api\n1Q24,264,235\n2Q24,509,\n", "bad.csv:3: 2Q24: api must be a number >= 0 (USD M), got ''"),
    ("period,total\nopening,-1\n1Q24,264\n", "bad.csv:2: opening: total must be a number >= 0"),
    ("period,total\n1Q24,264\nQ9,5\n", "bad.csv:3: period 'Q9' is neither a quarter"),
    ("period,arr\n1Q24,264\n", "bad.csv:1: the header must name the column 'total'"),
])
def test_a_bad_cell_is_reported_with_file_line_and_period(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        ft.arr.read_csv(path)
    assert message in str(refused.value)


@pytest.mark.parametrize("body, period_message", [
    ("period,total\n1Q24,264\n3Q24,755\n", "3Q24: a gap after 1Q24"),
    ("period,total\n2Q24,509\n1Q24,264\n", "1Q24: periods must be in order"),
    ("period,total\n1Q24,264\n2024Q1,300\n", "1Q24: the period is given twice"),
])
def test_a_file_with_a_gap_disorder_or_repeat_is_refused_naming_file_and_period(tmp_path, body, period_message):
    path = tmp_path / "series.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        ft.arr.read_csv(path)
    assert "series.csv" in str(refused.value)
    assert period_message in str(refused.value)


def test_a_gap_in_a_file_is_reported_at_the_line_of_the_period_after_it(tmp_path):
    # 3Q24 is on line 3 (the header is line 1).
    path = tmp_path / "gap.csv"
    path.write_text("period,total\n1Q24,264\n3Q24,755\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gap.csv:3: 3Q24: a gap after 1Q24"):
        ft.arr.read_csv(path)


def test_a_missing_file_is_file_not_found_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such.csv"):
        ft.arr.read_csv(tmp_path / "no-such.csv")


def test_an_unknown_built_in_series_is_refused_naming_it_and_the_known_ones():
    with pytest.raises(ValueError, match="unknown ARR series 'openai'; available: anthropic-monthly, anthropic-quarterly"):
        ft.arr.preset("openai")


# --- value semantics --------------------------------------------------------------------------------------

def small_series() -> ft.ArrSeries:
    return ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509], segments_musd={"api": [235, 453]},
                        opening_musd=87)


@pytest.mark.parametrize("make", [small_series, lambda: ft.arr.preset("anthropic-quarterly"),
                                  lambda: ft.arr.preset("anthropic-monthly")], ids=["small", "quarterly", "monthly"])
def test_the_repr_evaluates_back_to_an_equal_series(make):
    series = make()
    text = repr(series)
    assert text.startswith("ArrSeries(periods=[")
    assert eval(text, vars(ft)) == series  # noqa: S307 - the repr is the library's own


def test_a_series_from_1999_into_2000_survives_repr_and_pickle():
    # "4Q99" and "1Q00" are read as 2099 and 2000: the labels must keep the century to round-trip.
    series = ft.ArrSeries(periods=["1999Q4", "2000Q1"], total_musd=[1, 2])
    assert eval(repr(series), vars(ft)) == series  # noqa: S307
    assert pickle.loads(pickle.dumps(series)) == series


def test_equal_series_compare_equal_and_changed_ones_do_not():
    assert small_series() == small_series()
    assert not (small_series() != small_series())
    changed = [
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509], segments_musd={"api": [235, 453]}),
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 510], segments_musd={"api": [235, 453]}, opening_musd=87),
        ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509], segments_musd={"api": [235, 454]}, opening_musd=87),
        ft.ArrSeries(periods=["2Q24", "3Q24"], total_musd=[264, 509], segments_musd={"api": [235, 453]}, opening_musd=87),
    ]
    for other in changed:
        assert small_series() != other
    assert small_series() != "ArrSeries"
    assert (small_series() == 5) is False


def test_equal_series_hash_alike():
    a, b = small_series(), small_series()
    assert hash(a) == hash(b)
    assert len({a, b, ft.arr.preset("anthropic-quarterly")}) == 2


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy])
def test_a_copy_is_an_equal_new_series(copier):
    series = small_series()
    copied = copier(series)
    assert copied == series
    assert copied is not series


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_series_pickles_over_every_protocol(protocol):
    for series in (small_series(), ft.arr.preset("anthropic-quarterly"), ft.arr.preset("anthropic-monthly")):
        restored = pickle.loads(pickle.dumps(series, protocol=protocol))
        assert restored == series
        assert restored.inputs() == series.inputs()
