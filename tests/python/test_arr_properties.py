"""Properties of ARR series that hold for any valid series (hypothesis).

Each property is an identity or bound that follows from the definitions in the arr_series header:
net new ARR x_i - x_{i-1}; growth x_i / x_{i-k} - 1; linear revenue (opening + closing) / 2 / 4;
monthly run-rate revenue (m1 + m2 + m3) / 12; forecasts by net new amounts or growth rates.
Years stay within 2000-2099, where two-digit quarter labels are unambiguous (see test_arr.py for
a series that crosses a century).
"""

from __future__ import annotations

import math
import pickle

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import fabtoken as ft

LINEAR = "linear_within_quarter"
MONTHLY = "monthly_run_rate"


def between(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


# ARR in USD M: 0 or at least 1,000 USD (a subnormal ARR is not a revenue build).
arr_values = st.one_of(st.just(0.0), between(1e-3, 1e6))
positive_arr = between(1e-3, 1e6)
# For compounding growth rates: 1 + (x / y - 1) loses about eps / (x / y) to cancellation, so the ratio
# of any two values is kept within 1,000 to compare products of rates at 1e-9.
moderate_arr = between(1, 1_000)


def quarter_labels(year: int, quarter: int, count: int) -> list[str]:
    """`count` consecutive quarters from `quarter` of `year`, spelled "2024Q1"."""
    labels = []
    for i in range(count):
        n = (year * 4 + quarter - 1) + i
        labels.append(f"{n // 4}Q{n % 4 + 1}")
    return labels


def month_labels(year: int, month: int, count: int) -> list[str]:
    labels = []
    for i in range(count):
        n = (year * 12 + month - 1) + i
        labels.append(f"{n // 12:04d}-{n % 12 + 1:02d}")
    return labels


def canonical_quarter(label: str) -> str:
    """"2024Q1" as the library labels it: "1Q24"."""
    year, quarter = label.split("Q")
    return f"{quarter}Q{int(year) % 100:02d}"


@st.composite
def quarterly_series(draw, *, min_size: int = 1, max_size: int = 12, values=arr_values, opening=True):
    n = draw(st.integers(min_size, max_size))
    labels = quarter_labels(draw(st.integers(2000, 2096)), draw(st.integers(1, 4)), n)
    totals = draw(st.lists(values, min_size=n, max_size=n))
    opening_value = draw(values) if opening else None
    return labels, totals, opening_value


@st.composite
def monthly_series(draw, *, min_size: int = 1, max_size: int = 30, values=arr_values):
    n = draw(st.integers(min_size, max_size))
    labels = month_labels(draw(st.integers(2000, 2096)), draw(st.integers(1, 12)), n)
    return labels, draw(st.lists(values, min_size=n, max_size=n))


def column(frame, name: str) -> list:
    """A column of a result frame; [] for a frame without rows (which has no columns either: see
    test_arr.py's test of empty revenue tables)."""
    return list(frame[name]) if len(frame) else []


def close(a: float, b: float, scale: float) -> bool:
    """Equal up to rounding in sums of terms as large as `scale`."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(scale))


@given(quarterly_series())
def test_consecutive_quarters_are_accepted_and_labelled_canonically(drawn):
    labels, totals, opening = drawn
    series = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening)
    assert series.inputs()["periods"] == [canonical_quarter(label) for label in labels]
    assert len(series) == len(labels)


@given(quarterly_series())
def test_net_new_arr_sums_to_closing_less_opening(drawn):
    labels, totals, opening = drawn
    table = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening).table()
    scale = max([opening, *totals])
    assert close(sum(table["net_new_arr_musd"]), totals[-1] - opening, len(totals) * scale)


@given(monthly_series(min_size=2))
def test_without_an_opening_net_new_arr_after_the_first_period_sums_to_last_less_first(drawn):
    labels, totals = drawn
    net_new = list(ft.ArrSeries(periods=labels, total_musd=totals).table()["net_new_arr_musd"])
    assert math.isnan(net_new[0])
    assert close(sum(net_new[1:]), totals[-1] - totals[0], len(totals) * max(totals))


@given(quarterly_series())
def test_linear_revenue_of_a_quarter_lies_between_a_quarter_of_its_opening_and_of_its_closing_arr(drawn):
    labels, totals, opening = drawn
    revenue = list(ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening).revenue(LINEAR)["revenue_musd"])
    assert len(revenue) == len(totals)
    for before, after, r in zip([opening, *totals], totals, revenue):
        lo, hi = min(before, after) / 4, max(before, after) / 4
        assert lo - 1e-9 * hi <= r <= hi + 1e-9 * hi


@given(quarterly_series(min_size=4, max_size=4), st.integers(2000, 2096))
def test_a_years_linear_revenue_is_opening_plus_twice_the_first_three_quarters_plus_the_fourth_over_eight(drawn, year):
    # Sum over the year of (x_{i-1} + x_i) / 8 = (O + 2 Q1 + 2 Q2 + 2 Q3 + Q4) / 8.
    _, totals, opening = drawn
    series = ft.ArrSeries(periods=quarter_labels(year, 1, 4), total_musd=totals, opening_musd=opening)
    annual = series.annual_revenue(LINEAR)
    assert list(annual["year"]) == [year]
    expected = (opening + 2 * (totals[0] + totals[1] + totals[2]) + totals[3]) / 8
    assert close(annual["revenue_musd"][0], expected, 8 * max([opening, *totals]))


@given(monthly_series(min_size=3))
def test_monthly_run_rate_revenue_is_a_quarter_of_the_mean_of_the_months_and_lies_between_them(drawn):
    labels, totals = drawn
    revenue = ft.ArrSeries(periods=labels, total_musd=totals).revenue(MONTHLY)
    by_quarter = dict(zip(column(revenue, "quarter"), column(revenue, "revenue_musd")))
    # The whole calendar quarters in the series, found by hand: a run of months 1-3, 4-6, 7-9 or 10-12.
    expected = {}
    for i, label in enumerate(labels[:-2]):
        month = int(label[-2:])
        if month % 3 == 1:
            expected[f"{(month - 1) // 3 + 1}Q{int(label[:4]) % 100:02d}"] = totals[i:i + 3]
    assert list(by_quarter) == list(expected)
    for quarter, months in expected.items():
        r = by_quarter[quarter]
        assert close(r, sum(months) / 12, max(months))
        assert min(months) / 4 - 1e-9 * max(months) <= r <= max(months) / 4 + 1e-9 * max(months)


@given(monthly_series(min_size=12, max_size=36))
def test_monthly_annual_revenue_is_the_sum_of_the_years_twelve_months_over_twelve(drawn):
    labels, totals = drawn
    annual = ft.ArrSeries(periods=labels, total_musd=totals).annual_revenue(MONTHLY)
    years = {}
    for label, value in zip(labels, totals):
        years.setdefault(int(label[:4]), []).append(value)
    complete = {year: values for year, values in years.items() if len(values) == 12}
    assert column(annual, "year") == list(complete)
    for year, r in zip(column(annual, "year"), column(annual, "revenue_musd")):
        assert close(r, sum(complete[year]) / 12, sum(complete[year]))


@given(quarterly_series(values=positive_arr), st.lists(between(-1, 3), min_size=1, max_size=8))
def test_extending_by_growth_rates_multiplies_arr_by_each_one_plus_rate(drawn, rates):
    labels, totals, opening = drawn
    series = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening)
    forecast = series.extended_by_growth(rates)
    values = forecast.inputs()["total_musd"]
    assert len(values) == len(totals) + len(rates)
    assert forecast.inputs()["periods"][:len(labels)] == series.inputs()["periods"]
    assert values[-1] == pytest.approx(totals[-1] * math.prod(1 + r for r in rates), rel=1e-9, abs=1e-9)
    qoq = list(forecast.table()["arr_growth_qoq"])[len(totals):]
    for r, g, base in zip(rates, qoq, values[len(totals) - 1:-1]):
        if base > 0:
            assert g == pytest.approx(r, abs=1e-9)


@given(quarterly_series(), st.lists(between(0, 1e5), min_size=1, max_size=8))
def test_extending_by_net_new_arr_adds_each_amount_in_turn(drawn, amounts):
    labels, totals, opening = drawn
    forecast = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening).extended_by_net_new(amounts)
    values = forecast.inputs()["total_musd"][len(totals):]
    running = totals[-1]
    for value, amount in zip(values, amounts):
        running += amount
        assert close(value, running, running)
    net_new = list(forecast.table()["net_new_arr_musd"])[len(totals):]
    assert net_new == pytest.approx(amounts, abs=1e-9 * max(1.0, running))


@given(quarterly_series(min_size=5, values=moderate_arr))
def test_year_on_year_growth_compounds_the_four_quarterly_growth_rates(drawn):
    labels, totals, opening = drawn
    table = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening).table()
    qoq, yoy = list(table["arr_growth_qoq"]), list(table["arr_growth_yoy"])
    # From 4Q of the first year on, the opening standing in for the quarter before the first.
    for i in range(3, len(totals)):
        assert 1 + yoy[i] == pytest.approx(math.prod(1 + g for g in qoq[i - 3:i + 1]), rel=1e-9)


@given(monthly_series(min_size=4, values=moderate_arr))
def test_growth_over_three_months_compounds_the_three_monthly_rates(drawn):
    labels, totals = drawn
    table = ft.ArrSeries(periods=labels, total_musd=totals).table()
    mom, qoq = list(table["arr_growth_mom"]), list(table["arr_growth_qoq"])
    for i in range(3, len(totals)):
        assert 1 + qoq[i] == pytest.approx(math.prod(1 + g for g in mom[i - 2:i + 1]), rel=1e-9)


@given(quarterly_series(values=positive_arr), st.lists(arr_values, min_size=12, max_size=12))
def test_a_segments_share_times_the_total_is_the_segment(drawn, segment):
    labels, totals, opening = drawn
    segment = segment[:len(totals)]
    table = ft.ArrSeries(periods=labels, total_musd=totals, segments_musd={"api": segment}, opening_musd=opening).table()
    for total, share, value in zip(totals, table["api_share"], segment):
        assert share * total == pytest.approx(value, rel=1e-9, abs=1e-9)


@given(quarterly_series(), between(0.1, 100), between(-1, 1), between(0.01, 100))
def test_the_compute_linkage_splits_revenue_into_cost_and_profit_and_earns_the_closing_arr(drawn, per_mw, margin, price):
    labels, totals, opening = drawn
    series = ft.ArrSeries(periods=labels, total_musd=totals, opening_musd=opening)
    linkage = series.compute_linkage(LINEAR, arr_per_mw_musd_per_mw_year=per_mw, gross_margin=margin,
                                     token_price_usd_per_mtok=price)
    revenue = list(series.revenue(LINEAR)["revenue_musd"])
    assert list(linkage["revenue_musd"]) == pytest.approx(revenue, rel=1e-12, abs=1e-12)
    for row, closing in zip(linkage.to_dict("records"), totals):
        r = row["revenue_musd"]
        assert close(row["inference_cost_musd"] + row["gross_profit_musd"], r, 2 * r)
        assert row["gross_profit_musd"] == pytest.approx(margin * r, rel=1e-9, abs=1e-9)
        assert row["compute_mw"] * per_mw == pytest.approx(closing, rel=1e-9, abs=1e-9)
        # USD M x 1e6 / (USD per Mtok) = Mtok.
        assert row["mtok_served"] * price == pytest.approx(r * 1e6, rel=1e-9, abs=1e-6)


@given(quarterly_series(min_size=2, max_size=6), st.data())
def test_periods_out_of_order_are_refused_naming_a_period(drawn, data):
    labels, totals, opening = drawn
    shuffled = data.draw(st.permutations(labels))
    assume(shuffled != labels)
    with pytest.raises(ValueError) as refused:
        ft.ArrSeries(periods=shuffled, total_musd=totals, opening_musd=opening)
    assert any(canonical_quarter(label) in str(refused.value) for label in labels)


@given(quarterly_series(min_size=1, max_size=6), st.data())
def test_a_repeated_period_is_refused_naming_it(drawn, data):
    labels, totals, _ = drawn
    i = data.draw(st.integers(0, len(labels) - 1))
    repeated = labels[:i + 1] + [labels[i]] + labels[i + 1:]
    with pytest.raises(ValueError, match=f"{canonical_quarter(labels[i])}: the period is given twice"):
        ft.ArrSeries(periods=repeated, total_musd=[*totals, 1.0])


@given(quarterly_series(), st.lists(arr_values, min_size=12, max_size=12))
def test_any_series_survives_repr_and_pickle(drawn, segment):
    labels, totals, opening = drawn
    series = ft.ArrSeries(periods=labels, total_musd=totals, segments_musd={"api": segment[:len(totals)]},
                          opening_musd=opening)
    assert eval(repr(series), vars(ft)) == series  # noqa: S307 - the repr is the library's own
    assert pickle.loads(pickle.dumps(series)) == series
