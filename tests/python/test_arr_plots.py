"""The ARR plots draw what the series says (matplotlib's Agg backend, no display).

Bar heights are figures.md s3 (ARR by segment) or hand calculations written out beside them: linear
revenue = (opening + closing) / 2 / 4, monthly run-rate revenue = (sum of the quarter's months) / 12.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, here or by fabtoken.plots

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import fabtoken as ft  # noqa: E402

QUARTERS = ["1Q24", "2Q24", "3Q24", "4Q24", "1Q25", "2Q25", "3Q25", "4Q25", "1Q26", "2Q26", "3Q26", "4Q26"]
# figures.md s3, ARR by segment, end of quarter (USD M).
CONSUMER = [30, 35, 65, 95, 170, 200, 325, 400, 1_550, 2_268, 3_067, 3_718]
TEAM = [0, 21, 26, 20, 40, 70, 120, 180, 600, 983, 1_417, 1_872]
ENTERPRISE = [0, 0, 0, 10, 50, 185, 395, 680, 2_400, 4_200, 8_000, 7_800]
API = [235, 453, 664, 880, 1_740, 3_045, 5_160, 7_740, 25_450, 50_450, 77_950, 107_950]
ARR = [264, 509, 755, 1_000, 2_000, 3_500, 6_000, 9_000, 30_000, 57_999, 88_454, 121_340]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def heights(container) -> list[float]:
    return [float(bar.get_height()) for bar in container]


def bottoms(container) -> list[float]:
    return [float(bar.get_y()) for bar in container]


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


def test_arr_by_segment_stacks_one_bar_set_per_segment_in_file_order():
    ax = ft.plots.arr_by_segment(ft.arr.preset("anthropic-quarterly"))
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [c.get_label() for c in ax.containers] == ["consumer subscription", "team subscription",
                                                      "enterprise subscription", "api consumption"]
    for container, published in zip(ax.containers, [CONSUMER, TEAM, ENTERPRISE, API]):
        assert heights(container) == pytest.approx(published, abs=1e-9)
    assert tick_labels(ax) == QUARTERS


def test_each_segment_sits_on_the_segments_below_it():
    ax = ft.plots.arr_by_segment(ft.arr.preset("anthropic-quarterly"))
    consumer, team, enterprise, api = ax.containers
    assert bottoms(consumer) == [0.0] * 12
    assert bottoms(team) == pytest.approx(CONSUMER, abs=1e-9)
    assert bottoms(enterprise) == pytest.approx([c + t for c, t in zip(CONSUMER, TEAM)], abs=1e-9)
    # API in 1Q24 sits on 30 + 0 + 0 = 30; in 2Q26 on 2,268 + 983 + 4,200 = 7,451.
    assert bottoms(api)[0] == pytest.approx(30, abs=1e-9)
    assert bottoms(api)[9] == pytest.approx(7_451, abs=1e-9)
    # The top of the stack: 1Q24 30 + 0 + 0 + 235 = 265, one above the total ARR of 264 (figures.md s3:
    # segments need not sum exactly to the total).
    assert bottoms(api)[0] + heights(api)[0] == pytest.approx(265, abs=1e-9)


def test_arr_by_segment_draws_the_total_arr_as_a_line():
    ax = ft.plots.arr_by_segment(ft.arr.preset("anthropic-quarterly"))
    (line,) = ax.get_lines()
    assert line.get_label() == "total ARR"
    assert [float(y) for y in line.get_ydata()] == pytest.approx(ARR, abs=1e-9)
    assert ax.get_ylabel() == "ARR (USD M)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "total ARR", "consumer subscription", "team subscription", "enterprise subscription", "api consumption"]


def test_arr_by_segment_of_a_series_without_segments_draws_only_the_total():
    ax = ft.plots.arr_by_segment(ft.ArrSeries(periods=["1Q24", "2Q24"], total_musd=[264, 509]))
    assert len(ax.containers) == 0
    assert [float(y) for y in ax.get_lines()[0].get_ydata()] == pytest.approx([264, 509], abs=1e-9)


def test_arr_by_segment_draws_on_the_axes_it_is_given():
    _, given = plt.subplots()
    assert ft.plots.arr_by_segment(ft.arr.preset("anthropic-quarterly"), ax=given) is given
    assert len(given.containers) == 4


def test_quarterly_revenue_under_the_linear_convention_has_one_bar_per_quarter():
    ax = ft.plots.quarterly_revenue(ft.arr.preset("anthropic-quarterly"), "linear_within_quarter")
    (bars,) = ax.containers
    assert bars.get_label() == "linear within quarter"
    assert tick_labels(ax) == QUARTERS
    # (87 + 264) / 8 = 43.875; (264 + 509) / 8 = 96.625; (509 + 755) / 8 = 158; (30,000 + 57,999) / 8 = 10,999.875.
    assert heights(bars)[:3] == pytest.approx([43.875, 96.625, 158.0], abs=1e-9)
    assert heights(bars)[9] == pytest.approx(10_999.875, abs=1e-9)
    assert ax.get_ylabel() == "recognized revenue (USD M per quarter)"


def test_quarterly_revenue_under_the_monthly_convention_sums_the_months():
    ax = ft.plots.quarterly_revenue(ft.arr.preset("anthropic-monthly"), "monthly_run_rate")
    (bars,) = ax.containers
    assert bars.get_label() == "monthly run rate"
    assert tick_labels(ax) == QUARTERS[:9]
    # (100 + 182 + 264) / 12 = 45.5; (345 + 427 + 509) / 12 = 106.75; (12,000 + 19,000 + 30,000) / 12 = 5,083.33.
    assert heights(bars)[:2] == pytest.approx([45.5, 106.75], abs=1e-9)
    assert heights(bars)[8] == pytest.approx(61_000 / 12, abs=1e-9)


def test_quarterly_revenue_refuses_a_convention_that_does_not_fit():
    with pytest.raises(ValueError, match="monthly_run_rate needs monthly ARR"):
        ft.plots.quarterly_revenue(ft.arr.preset("anthropic-quarterly"), "monthly_run_rate")
    with pytest.raises(ValueError, match="'straight_line'"):
        ft.plots.quarterly_revenue(ft.arr.preset("anthropic-quarterly"), "straight_line")
