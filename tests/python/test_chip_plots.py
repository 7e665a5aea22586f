"""The Pareto-curve and cost-vs-interactivity plots draw what the curves say (matplotlib's Agg backend,
no display).

The curves are illustrative (not published); hand values are written out beside each assertion.
figures.md s5: cost per Mtok = TCO per GPU-hour / (tokens/s/GPU x 3,600 / 10^6).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, here or by fabtoken.plots

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import fabtoken as ft  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def b300() -> ft.ThroughputCurve:
    """Out of order, with a duplicate (40, 2000) and a beaten point (30, 1900); the frontier is
    (10, 5000) (20, 4000) (40, 2000) (80, 500)."""
    return ft.ThroughputCurve(chip="B300", interactivity_tokens_per_s_per_user=[40, 10, 80, 20, 40, 30],
                              tokens_per_s_per_gpu=[2000, 5000, 500, 4000, 2000, 1900])


def h100() -> ft.ThroughputCurve:
    """(20, 1500) and (60, 300)."""
    return ft.ThroughputCurve(chip="H100", interactivity_tokens_per_s_per_user=[60, 20],
                              tokens_per_s_per_gpu=[300, 1500])


def xy(line) -> list[tuple[float, float]]:
    return list(zip(map(float, line.get_xdata()), map(float, line.get_ydata())))


# --- Pareto curves ----------------------------------------------------------------------------------

def test_each_curve_draws_its_frontier_as_a_line_in_order_of_interactivity():
    ax = ft.plots.pareto_curves([b300(), h100()])
    assert isinstance(ax, matplotlib.axes.Axes)
    first, second = ax.get_lines()
    assert xy(first) == [(10, 5000), (20, 4000), (40, 2000), (80, 500)]
    assert xy(second) == [(20, 1500), (60, 300)]
    assert [first.get_label(), second.get_label()] == ["B300", "H100"]


def test_every_measured_point_is_scattered_in_its_curves_colour():
    ax = ft.plots.pareto_curves([b300(), h100()])
    scatters = ax.collections
    assert len(scatters) == 2
    # All six B300 points as given, duplicate and beaten ones included.
    assert [tuple(p) for p in scatters[0].get_offsets().tolist()] == [
        (40, 2000), (10, 5000), (80, 500), (20, 4000), (40, 2000), (30, 1900)]
    for line, scatter in zip(ax.get_lines(), scatters):
        assert tuple(scatter.get_facecolor()[0][:3]) == matplotlib.colors.to_rgb(line.get_color())


def test_the_pareto_axes_are_labeled_and_the_curves_named_in_the_legend():
    ax = ft.plots.pareto_curves([b300(), h100()])
    assert ax.get_xlabel() == "interactivity (tokens/s/user)"
    assert ax.get_ylabel() == "throughput (tokens/s/GPU)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["B300", "H100"]


def test_pareto_curves_draw_on_given_axes_and_take_any_iterable():
    _, ax = plt.subplots()
    assert ft.plots.pareto_curves(iter([h100()]), ax=ax) is ax
    assert xy(ax.get_lines()[0]) == [(20, 1500), (60, 300)]


def test_pareto_curves_of_nothing_is_a_value_error():
    with pytest.raises(ValueError, match="curves is empty"):
        ft.plots.pareto_curves([])


# --- cost per Mtok against interactivity ------------------------------------------------------------

def test_cost_is_sampled_evenly_over_each_curves_measured_range_and_never_beyond():
    # B300 at its catalog TCO 2.808 (figures.md s5), 3 samples over [10, 80]: 10, 45, 80.
    #   10: 2.808 / (5000 x 0.0036) = 2.808 / 18  = 0.156
    #   45: 2000 + (45 - 40) / (80 - 40) x (500 - 2000) = 1812.5; 2.808 / 6.525 = 0.4303448
    #   80: 2.808 / (500 x 0.0036) = 2.808 / 1.8  = 1.56
    # H100 at 1.69 over [20, 60]: 20, 40, 60.
    #   20: 1.69 / (1500 x 0.0036) = 1.69 / 5.4 = 0.3129630
    #   40: 1500 + 0.5 x (300 - 1500) = 900; 1.69 / 3.24 = 0.5216049
    #   60: 1.69 / (300 x 0.0036) = 1.69 / 1.08 = 1.5648148
    chips = ft.chips.catalog()
    ax = ft.plots.cost_vs_interactivity([(b300(), chips["B300"].tco_usd_per_gpu_hour),
                                         (h100(), chips["H100"].tco_usd_per_gpu_hour)], samples=3)
    first, second = ax.get_lines()
    assert list(first.get_xdata()) == pytest.approx([10, 45, 80], rel=1e-12)
    assert list(first.get_ydata()) == pytest.approx([0.156, 0.4303448, 1.56], rel=1e-6)
    assert list(second.get_xdata()) == pytest.approx([20, 40, 60], rel=1e-12)
    assert list(second.get_ydata()) == pytest.approx([0.3129630, 0.5216049, 1.5648148], rel=1e-6)


def test_each_line_is_labeled_with_its_curve_and_price():
    ax = ft.plots.cost_vs_interactivity([(b300(), 2.808), (h100(), 1.69)])
    assert [line.get_label() for line in ax.get_lines()] == ["B300 at 2.808 USD/GPU-hour", "H100 at 1.69 USD/GPU-hour"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["B300 at 2.808 USD/GPU-hour",
                                                                   "H100 at 1.69 USD/GPU-hour"]
    assert ax.get_xlabel() == "interactivity (tokens/s/user)"
    assert ax.get_ylabel() == "cost (USD/Mtok)"
    assert ax.get_yscale() == "log"


def test_by_default_fifty_samples_run_from_one_end_of_the_frontier_to_the_other():
    line = ft.plots.cost_vs_interactivity([(h100(), 1.69)]).get_lines()[0]
    assert len(line.get_xdata()) == 50
    assert (line.get_xdata()[0], line.get_xdata()[-1]) == pytest.approx((20, 60), rel=1e-12)
    # Cost rises along the frontier as throughput per GPU falls.
    assert all(a < b for a, b in zip(line.get_ydata(), line.get_ydata()[1:]))


def test_a_single_point_curve_is_one_sample():
    curve = ft.ThroughputCurve(chip="B300", interactivity_tokens_per_s_per_user=[50], tokens_per_s_per_gpu=[8000])
    line = ft.plots.cost_vs_interactivity([(curve, 2.808)]).get_lines()[0]
    assert xy(line) == [(50, pytest.approx(0.0975, rel=1e-12))]     # 2.808 / 28.8 (figures.md s5)


def test_a_price_given_as_a_quantity_is_plotted_and_labeled_in_usd_per_gpu_hour():
    # 2 USD/GPU-hour at the H100 curve's ends: 2 / 5.4 = 0.3703704 and 2 / 1.08 = 1.8518519.
    line = ft.plots.cost_vs_interactivity([(h100(), ft.units.usd_per_gpu_hour(2))], samples=2).get_lines()[0]
    assert list(line.get_ydata()) == pytest.approx([0.3703704, 1.8518519], rel=1e-6)
    assert line.get_label() == "H100 at 2 USD/GPU-hour"


@pytest.mark.parametrize("samples", [1, 0, -3, 2.5, True])
def test_fewer_than_two_samples_is_a_value_error(samples):
    with pytest.raises(ValueError, match="samples must be a whole number of at least 2"):
        ft.plots.cost_vs_interactivity([(h100(), 1.69)], samples=samples)


def test_a_price_that_is_not_positive_is_refused_by_name():
    with pytest.raises(ValueError, match="price_usd_per_gpu_hour must be a positive finite number"):
        ft.plots.cost_vs_interactivity([(h100(), 0)])


def test_cost_of_nothing_is_a_value_error():
    with pytest.raises(ValueError, match="curves is empty"):
        ft.plots.cost_vs_interactivity([])
