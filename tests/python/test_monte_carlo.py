"""Monte Carlo over the H200 token factory (figures.md s1) through the batch protocol.

Expected numbers are figures.md s1 values (via conftest) or hand calculations beside the assertion.
Statistical checks allow 5 standard errors; the draws are seeded, so they cannot flake.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, here or by fabtoken.plots

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from conftest import COMPUTE_COST, MTOK_PER_GPU_HOUR, TOTAL_COST  # noqa: E402

import fabtoken as ft  # noqa: E402

# figures.md s1: cloud gross margin (1.90 - 1.2292005) / 1.90 = 0.3530524;
# model gross margin (1.75 - 0.7180650) / 1.75 = 0.5896771
CLOUD_GROSS_MARGIN = 0.3530524
MODEL_GROSS_MARGIN = 0.5896771

# total cost per GPU-hour is linear in the two operating rates (conftest's derivation):
#   total = depreciation + colocation x 1.35 / 730 + electricity x 1.35 x 1.25
COLOCATION_SLOPE = 1.35 / 730  # = 0.0018493 USD/hr/GPU per USD/kW/month
ELECTRICITY_SLOPE = 1.35 * 1.25  # = 1.6875 USD/hr/GPU per USD/kWh


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_fixed_inputs_give_the_published_figures_at_every_percentile(h200):
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": 1.90, "tokens_per_s_per_gpu": ft.Fixed(735)}, n=50)
    for output, published in [("compute_cost_usd_per_mtok", COMPUTE_COST), ("total_cost_usd_per_gpu_hour", TOTAL_COST),
                               ("cloud_gross_margin", CLOUD_GROSS_MARGIN), ("model_gross_margin", MODEL_GROSS_MARGIN)]:
        assert list(result.percentiles(output)) == pytest.approx([published] * 3, rel=1e-6)
        row = result.summary().loc[output]
        assert row["mean"] == pytest.approx(published, rel=1e-6)
        assert row["sd"] == 0.0


def test_samples_hold_the_draws_sorted_by_name_then_the_outputs(h200):
    result = ft.monte_carlo(h200, {"utilization": ft.Uniform(0.6, 1.0), "api_price_usd_per_mtok": ft.Uniform(1.5, 2.0)},
                            n=100)
    assert result.inputs == ("api_price_usd_per_mtok", "utilization")
    assert list(result.samples.columns) == [*result.inputs, *ft.batch.output_names(h200)]
    assert result.outputs == tuple(ft.batch.output_names(h200))
    assert len(result.samples) == result.n == 100


def test_a_linear_output_has_the_mean_of_the_linear_function_at_the_input_means(h200):
    # total = const + 0.0018493 x colocation + 1.6875 x electricity, so E[total] is total at the input means:
    #   colocation ~ Uniform(80, 140): mean 110, var 60^2 / 12 = 300
    #   electricity ~ Triangular(0.06, 0.087, 0.114): mean 0.087, var (0.027^2) / 6 = 1.215e-4 (symmetric, half-width 0.027)
    # means are the preset's own values, so E[total] = 1.2292005 (figures.md s1).
    # sd = sqrt(0.0018493^2 x 300 + 1.6875^2 x 1.215e-4) = sqrt(1.02599e-3 + 3.45990e-4) = sqrt(1.37198e-3) = 0.0370403
    n = 20_000
    result = ft.monte_carlo(h200, {"colocation_usd_per_kw_month": ft.Uniform(80, 140),
                                   "electricity_usd_per_kwh": ft.Triangular(0.06, 0.087, 0.114)}, n=n, seed=3)
    sd = math.sqrt(COLOCATION_SLOPE**2 * 300 + ELECTRICITY_SLOPE**2 * 0.027**2 / 6)
    assert sd == pytest.approx(0.0370403, rel=1e-5)
    row = result.summary().loc["total_cost_usd_per_gpu_hour"]
    assert abs(row["mean"] - TOTAL_COST) < 5 * sd / math.sqrt(n)  # 5 x 0.0370403 / 141.42 = 0.0013
    assert row["sd"] == pytest.approx(sd, rel=0.03)  # the sd of a sample sd is ~ sd / sqrt(2n) = 0.5%
    # and row by row it is the linear function of that row's draws
    samples = result.samples
    depreciation_and_so_on = TOTAL_COST - COLOCATION_SLOPE * 110 - ELECTRICITY_SLOPE * 0.087
    by_hand = (depreciation_and_so_on + COLOCATION_SLOPE * samples["colocation_usd_per_kw_month"]
               + ELECTRICITY_SLOPE * samples["electricity_usd_per_kwh"])
    assert np.allclose(samples["total_cost_usd_per_gpu_hour"], by_hand, rtol=1e-6)


def test_compute_cost_mean_follows_the_mean_rental(h200):
    # compute cost = rental / 2.646 Mtok per GPU-hour; rental ~ Pert(1.6, 1.9, 2.4): mean (1.6 + 7.6 + 2.4) / 6 = 1.9333333
    # E[cost] = 1.9333333 / 2.646 = 0.7306626; sd = 0.1490712 / 2.646 = 0.0563383
    n = 10_000
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": ft.Pert(1.6, 1.9, 2.4)}, n=n)
    mean = result.summary().loc["compute_cost_usd_per_mtok", "mean"]
    assert abs(mean - 1.9333333 / MTOK_PER_GPU_HOUR) < 5 * 0.0563383 / math.sqrt(n)


def test_percentiles_of_a_uniform_input_are_where_the_uniform_puts_them(h200):
    # Uniform(1.6, 2.2): the q-th percentile is 1.6 + 0.6 q / 100 -> p5 = 1.63, p50 = 1.9, p95 = 2.17; a sample
    # percentile's standard error is sqrt(q(1-q)/n) / density = sqrt(0.05 x 0.95 / 20000) / (1 / 0.6) = 0.00092
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": ft.Uniform(1.6, 2.2)}, n=20_000, seed=11)
    assert list(result.percentiles("rental_usd_per_gpu_hour")) == pytest.approx([1.63, 1.9, 2.17], abs=5 * 0.00092)
    # compute cost is increasing in rental, so its percentiles are those of rental over 2.646
    cost = result.percentiles("compute_cost_usd_per_mtok", q=[5, 50, 95])
    assert list(cost.index) == [5.0, 50.0, 95.0]
    assert list(cost) == pytest.approx(list(result.percentiles("rental_usd_per_gpu_hour") / MTOK_PER_GPU_HOUR), rel=1e-6)


def test_the_same_seed_gives_the_same_result_whatever_the_mapping_order(h200):
    dists = {"tokens_per_s_per_gpu": ft.Triangular(600, 735, 800), "rental_usd_per_gpu_hour": ft.Pert(1.6, 1.9, 2.4)}
    first = ft.monte_carlo(h200, dists, n=500, seed=42)
    again = ft.monte_carlo(h200, dict(reversed(dists.items())), n=500, seed=42)
    assert first.samples.equals(again.samples)
    other = ft.monte_carlo(h200, dists, n=500, seed=43)
    assert not first.samples.equals(other.samples)


def test_the_draws_are_numpy_pcg64_in_sorted_order(h200):
    # The documented stream: one Generator(PCG64(seed)), inputs in sorted order, n draws each.
    rng = np.random.Generator(np.random.PCG64(5))
    rental = ft.Uniform(1.6, 2.2).sample(rng, 30)
    throughput = ft.Triangular(600, 735, 800).sample(rng, 30)
    result = ft.monte_carlo(h200, {"tokens_per_s_per_gpu": ft.Triangular(600, 735, 800),
                                   "rental_usd_per_gpu_hour": ft.Uniform(1.6, 2.2)}, n=30, seed=5)
    assert (result.samples["rental_usd_per_gpu_hour"].to_numpy() == rental).all()
    assert (result.samples["tokens_per_s_per_gpu"].to_numpy() == throughput).all()
    # compute cost = rental / (throughput x 3,600 / 10^6), row by row
    assert np.allclose(result.samples["compute_cost_usd_per_mtok"], rental / (throughput * 3600 / 1e6), rtol=1e-9)


def test_outputs_restricts_the_columns(h200):
    result = ft.monte_carlo(h200, {"utilization": ft.Uniform(0.5, 1.0)}, n=10, outputs=["cloud_gross_margin"])
    assert list(result.samples.columns) == ["utilization", "cloud_gross_margin"]
    assert list(result.summary().index) == ["cloud_gross_margin"]


def test_histogram_counts_every_draw_between_the_extremes(h200):
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": ft.Uniform(1.6, 2.2)}, n=1000)
    counts, edges = result.histogram("cloud_gross_margin", bins=20)
    assert counts.sum() == 1000
    assert len(edges) == 21
    margins = result.samples["cloud_gross_margin"]
    assert (edges[0], edges[-1]) == (margins.min(), margins.max())


def test_summary_has_mean_sd_and_the_asked_percentiles(h200):
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": ft.Uniform(1.6, 2.2)}, n=200)
    summary = result.summary(q=[2.5, 50, 97.5])
    assert list(summary.columns) == ["mean", "sd", "p2.5", "p50", "p97.5"]
    assert list(summary.index) == ft.batch.output_names(h200)
    assert np.isfinite(summary.to_numpy()).all()


def test_histogram_plot_draws_the_bins_and_percentile_lines(h200):
    result = ft.monte_carlo(h200, {"rental_usd_per_gpu_hour": ft.Uniform(1.6, 2.2)}, n=500)
    ax = ft.plots.histogram(result, "model_gross_margin", bins=25)
    counts, _ = result.histogram("model_gross_margin", bins=25)
    assert len(ax.patches) == 1  # one stairs patch holding the 25 bins
    assert len(ax.lines) == 3  # p5, p50, p95
    assert [line.get_xdata()[0] for line in ax.lines] == pytest.approx(list(result.percentiles("model_gross_margin")))
    assert ax.get_xlabel() == "model_gross_margin"
    assert counts.sum() == 500


def test_a_normal_that_strays_out_of_the_domain_is_refused_not_clipped(h200):
    # Normal(100, 100) throughput goes negative about 16% of the time; the batch refuses those draws.
    with pytest.raises(ValueError, match=r"Monte Carlo draw \d+ .*tokens_per_s_per_gpu.*truncated") as caught:
        ft.monte_carlo(h200, {"tokens_per_s_per_gpu": ft.Normal(100, 100)}, n=100)
    assert "Draws are not clipped" in str(caught.value)
    # truncated, it runs, and every draw is positive
    result = ft.monte_carlo(h200, {"tokens_per_s_per_gpu": ft.Normal(100, 100).truncated(1.0)}, n=100)
    assert (result.samples["tokens_per_s_per_gpu"] >= 1.0).all()


@pytest.mark.parametrize(("n", "error", "message"), [
    (0, ValueError, r"n \(the number of draws\) must be at least 1, got 0"),
    (-3, ValueError, r"n \(the number of draws\) must be at least 1, got -3"),
    (2.5, TypeError, r"n \(the number of draws\) must be a whole number, got 2.5"),
    (True, TypeError, r"n \(the number of draws\) must be a whole number, got True"),
])
def test_the_number_of_draws_must_be_a_positive_whole_number(h200, n, error, message):
    with pytest.raises(error, match=message):
        ft.monte_carlo(h200, {"utilization": ft.Uniform(0.5, 1.0)}, n=n)


def test_an_unknown_input_is_refused_naming_it_and_the_known_ones(h200):
    with pytest.raises(ValueError, match=r"'rental_usd'.*not an input of TokenFactory.*rental_usd_per_gpu_hour"):
        ft.monte_carlo(h200, {"rental_usd": ft.Uniform(1, 2)}, n=10)


def test_an_unknown_output_is_refused(h200):
    with pytest.raises(ValueError, match=r"'margin' is not an output of TokenFactory"):
        ft.monte_carlo(h200, {"utilization": 0.9}, n=10, outputs=["margin"])


def test_a_value_that_is_not_a_distribution_is_a_type_error(h200):
    with pytest.raises(TypeError, match=r"distributions\['utilization'\] must be a distribution .* got 'high'"):
        ft.monte_carlo(h200, {"utilization": "high"}, n=10)  # type: ignore[dict-item]


@pytest.mark.parametrize("distributions", [{}, None])
def test_no_distributions_is_refused(h200, distributions):
    with pytest.raises(ValueError, match="distributions must map at least one input"):
        ft.monte_carlo(h200, distributions, n=10)


def test_a_bad_seed_or_percentile_or_result_column_is_refused(h200):
    with pytest.raises(ValueError, match="seed must be a non-negative whole number or None, got -1"):
        ft.monte_carlo(h200, {"utilization": 0.9}, n=10, seed=-1)
    result = ft.monte_carlo(h200, {"utilization": ft.Uniform(0.5, 1.0)}, n=10)
    with pytest.raises(ValueError, match=r"percentiles must lie in \[0, 100\], got 150.0"):
        result.percentiles("cloud_gross_margin", q=[50, 150])
    with pytest.raises(ValueError, match="'margin' is not in this Monte Carlo result"):
        result.histogram("margin")
    with pytest.raises(ValueError, match="bins must be a whole number of at least 1, got 0"):
        result.histogram("cloud_gross_margin", bins=0)


def test_seed_none_draws_fresh_values(h200):
    first = ft.monte_carlo(h200, {"utilization": ft.Uniform(0.5, 1.0)}, n=50, seed=None)
    second = ft.monte_carlo(h200, {"utilization": ft.Uniform(0.5, 1.0)}, n=50, seed=None)
    assert not first.samples.equals(second.samples)
