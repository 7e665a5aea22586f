"""The value-chain and deal-margin plots draw what the tables say (matplotlib's Agg backend, no display).

Expected values are hand calculations written out beside them (the value-chain ones are derived in
test_value_capture.py's header).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, here or by fabtoken.plots

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402

import fabtoken as ft  # noqa: E402

TERMS = dict(revenue_share=0.25, iaas_fee_musd_per_mw_year=7.5, cloud_opex_musd_per_mw_year=6.5)
IAAS = dict(rental_usd_per_gpu_hour=1.90, kw_per_gpu=1.35, cloud_opex_musd_per_mw_year=6.5, term_years=5,
            compute_mw=1)
TEST_MARGINS = dict(system_vendor_gross_margin=0.75, memory_share_of_system_cost=0.20, memory_gross_margin=0.60,
                    foundry_share_of_system_cost=0.10, foundry_gross_margin=0.60, datacenter_gross_margin=0.30)
LAYERS = ["Application", "Model provider", "Cloud", "Datacenter and power", "System vendor", "Financing", "Memory",
          "Foundry", "Datacenter and power: own costs", "Other components and assembly", "Memory: cost of goods",
          "Foundry: cost of goods"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def chain(h200) -> ft.ValueCapture:
    return ft.ValueCapture(h200, ft.SupplierMargins(**TEST_MARGINS))


def bars(ax) -> dict[str, list[float]]:
    """Each stacked layer's bar heights, one per path, by legend label."""
    return {c.get_label(): [p.get_height() for p in c.patches] for c in ax.containers if isinstance(c, BarContainer)}


# --- the value chain -------------------------------------------------------------------------------

def test_the_value_chain_stacks_one_bar_per_path_with_a_segment_per_layer(chain):
    ax = ft.plots.value_chain(chain)
    assert isinstance(ax, matplotlib.axes.Axes)
    heights = bars(ax)
    assert list(heights) == LAYERS
    assert all(len(h) == 2 for h in heights.values())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["3P app", "1P app (the lab's own)"]
    assert ax.get_ylabel() == "share of the user's dollar"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == LAYERS


def test_each_path_stacks_up_to_the_users_whole_dollar(chain):
    heights = bars(ft.plots.value_chain(chain))
    for path in range(2):
        assert sum(h[path] for h in heights.values()) == pytest.approx(1.0, abs=1e-12)


def test_the_segments_are_each_layers_profit_and_each_cost_left_at_the_bottom(chain):
    # Per dollar: 3P app 2.50 / 20 = 0.125, 1P app 12.81935 / 20 = 0.6409675; model provider
    # 10.31935 / 20 = 0.5159675 on 3P and nothing on 1P; other components 0.581325 / 20 = 0.0290662.
    heights = bars(ft.plots.value_chain(chain))
    assert heights["Application"] == pytest.approx([0.125, 0.6409675], abs=1e-7)
    assert heights["Model provider"] == pytest.approx([0.5159675, 0.0], abs=1e-7)
    assert heights["Other components and assembly"] == pytest.approx([0.0290662, 0.0290662], abs=1e-7)


def test_each_segment_sits_on_the_ones_below_it(chain):
    ax = ft.plots.value_chain(chain)
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    tops = [0.0, 0.0]
    for container in containers:
        for path, patch in enumerate(container.patches):
            assert patch.get_y() == pytest.approx(tops[path], abs=1e-12)
            tops[path] += patch.get_height()


def test_the_value_chain_per_user_month_stacks_up_to_the_20_usd_paid(chain):
    ax = ft.plots.value_chain(chain, per="user_month")
    assert ax.get_ylabel() == "USD per user-month"
    heights = bars(ax)
    assert sum(h[0] for h in heights.values()) == pytest.approx(20.0, abs=1e-9)
    assert heights["Application"][0] == pytest.approx(2.50, abs=1e-9)


def test_the_value_chain_per_mtok_stacks_up_to_2_usd_per_mtok(chain):
    # 20 USD for 10 Mtok.
    ax = ft.plots.value_chain(chain, per="mtok")
    assert ax.get_ylabel() == "USD per Mtok"
    assert sum(h[1] for h in bars(ax).values()) == pytest.approx(2.0, abs=1e-12)


def test_the_value_chain_draws_on_the_axes_given(chain):
    _, ax = plt.subplots()
    assert ft.plots.value_chain(chain, ax=ax) is ax


# --- the deal's margins ----------------------------------------------------------------------------

def test_the_margin_lines_are_both_parties_margins_in_percent():
    # cloud: 100 (7.5 + 0.25 R - 6.5) / (7.5 + 0.25 R); lab: 100 (0.75 R - 7.5) / R, R = 10 .. 40 by 1
    ax = ft.plots.deal_margins(ft.MarketplaceDeal(**TERMS))
    cloud, lab = ax.get_lines()[:2]
    revenues = np.arange(10, 41, dtype=float)
    assert np.array_equal(cloud.get_xdata(), revenues)
    assert np.allclose(cloud.get_ydata(), 100 * (1 + 0.25 * revenues) / (7.5 + 0.25 * revenues), rtol=0, atol=1e-10)
    assert np.allclose(lab.get_ydata(), 100 * (0.75 * revenues - 7.5) / revenues, rtol=0, atol=1e-10)
    assert (cloud.get_label(), lab.get_label()) == ("cloud EBIT margin", "lab gross margin")
    assert ax.get_xlabel() == "lab gross revenue (USD M per MW-year)"
    assert ax.get_ylabel() == "margin (%)"


def test_the_margin_lines_equal_the_sensitivity_margins_at_the_revenues_given():
    deal = ft.MarketplaceDeal(**TERMS, hurdles=[ft.RevenueShareHurdle(threshold_musd_per_mw_year=30, share=0.15)])
    revenues = [10, 15, 20, 25, 30, 35, 40]
    cloud, lab = ft.plots.deal_margins(deal, lab_revenues_musd_per_mw_year=revenues).get_lines()[:2]
    table = deal.sensitivity(revenues)
    assert list(cloud.get_ydata()) == list(100 * table["cloud_ebit_margin"])
    assert list(lab.get_ydata()) == list(100 * table["lab_gross_margin"])
    # With the hurdle, at 40: net 7.5 + 7.5 + 1.5 = 16.5, EBIT 10, margin 60.61%.
    assert cloud.get_ydata()[-1] == pytest.approx(100 * 10 / 16.5, abs=1e-10)


def test_the_revenues_may_be_a_numpy_array():
    # At 20: cloud 100 x 6 / 12.5 = 48%, lab 100 x 7.5 / 20 = 37.5%.
    ax = ft.plots.deal_margins(ft.MarketplaceDeal(**TERMS), lab_revenues_musd_per_mw_year=np.array([20.0, 30.0]))
    cloud, lab = ax.get_lines()[:2]
    assert cloud.get_ydata()[0] == pytest.approx(48.0, abs=1e-10)
    assert lab.get_ydata()[0] == pytest.approx(37.5, abs=1e-10)


def test_an_empty_list_of_revenues_is_refused_naming_it():
    with pytest.raises(ValueError, match="lab_revenues_musd_per_mw_year"):
        ft.plots.deal_margins(ft.MarketplaceDeal(**TERMS), lab_revenues_musd_per_mw_year=[])


def test_with_an_iaas_deal_the_plot_marks_its_margin_and_the_break_even():
    # IaaS EBIT margin 5.828889 / 12.328889 = 47.2783%; same EBIT at R = 19.3156 (label 19.3).
    ax = ft.plots.deal_margins(ft.MarketplaceDeal(**TERMS), iaas=ft.IaasDeal(**IAAS))
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"cloud EBIT margin", "lab gross margin", "cloud EBIT margin, IaaS deal",
                          "same cloud EBIT at 19.3"}
    assert list(lines["cloud EBIT margin, IaaS deal"].get_ydata()) == pytest.approx([47.2783, 47.2783], abs=1e-4)
    assert list(lines["same cloud EBIT at 19.3"].get_xdata()) == pytest.approx([19.3155556, 19.3155556], abs=1e-6)


def test_without_a_break_even_the_plot_marks_only_the_iaas_margin():
    # A 0% share above 20 caps the cloud's share at 5, short of the 8.72 a 2.50 USD rental needs.
    deal = ft.MarketplaceDeal(**TERMS, hurdles=[ft.RevenueShareHurdle(threshold_musd_per_mw_year=20, share=0.0)])
    ax = ft.plots.deal_margins(deal, iaas=ft.IaasDeal(**{**IAAS, "rental_usd_per_gpu_hour": 2.50}))
    assert [line.get_label() for line in ax.get_lines()] == ["cloud EBIT margin", "lab gross margin",
                                                             "cloud EBIT margin, IaaS deal"]


def test_the_deal_margins_draw_on_the_axes_given():
    _, ax = plt.subplots()
    assert ft.plots.deal_margins(ft.MarketplaceDeal(**TERMS), ax=ax) is ax
    assert len(ax.get_lines()) == 2
