"""The distributions of fabtoken.scenarios: closed-form means and sds, samples that match them, and
parameters refused with a message naming the parameter, the value and what was expected.

Every expected mean and sd is a textbook formula worked out by hand beside the assertion. A sample
mean is checked within 5 standard errors (5 sd / sqrt(n)) of the distribution's mean; the draws are
seeded, so the checks cannot flake.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

import fabtoken as ft
from fabtoken.scenarios.distributions import Distribution

N = 200_000


def draws(distribution: Distribution, n: int = N, seed: int = 1) -> np.ndarray:
    return distribution.sample(np.random.Generator(np.random.PCG64(seed)), n)


def assert_sample_matches(distribution: Distribution, mean: float, sd: float) -> np.ndarray:
    """The closed forms equal the hand values, and a sample agrees with them."""
    assert distribution.mean == pytest.approx(mean, rel=1e-6)  # the hand values carry 7 or 8 digits
    assert distribution.sd == pytest.approx(sd, rel=1e-6)
    sample = draws(distribution)
    assert sample.shape == (N,)
    assert sample.dtype == np.float64
    assert abs(sample.mean() - mean) < 5 * sd / math.sqrt(N)
    assert sample.std() == pytest.approx(sd, rel=0.02)  # the sd of a sample sd is ~ sd / sqrt(2n), 0.16% here
    return sample


def test_uniform_mean_is_the_midpoint_and_sd_the_width_over_root_12():
    # (1.6 + 2.2) / 2 = 1.9; (2.2 - 1.6) / sqrt(12) = 0.6 / 3.4641016 = 0.1732051
    sample = assert_sample_matches(ft.Uniform(1.6, 2.2), 1.9, 0.1732051)
    assert sample.min() >= 1.6 and sample.max() <= 2.2


def test_triangular_mean_is_the_average_of_its_three_points():
    # (600 + 735 + 800) / 3 = 711.6667
    # var = (600^2 + 735^2 + 800^2 - 600*735 - 600*800 - 735*800) / 18
    #     = (360,000 + 540,225 + 640,000 - 441,000 - 480,000 - 588,000) / 18 = 31,225 / 18 = 1,734.7222
    # sd = 41.650
    sample = assert_sample_matches(ft.Triangular(600, 735, 800), 711.6666667, math.sqrt(31_225 / 18))
    assert sample.min() >= 600 and sample.max() <= 800


def test_pert_mean_weighs_the_mode_four_times():
    # (1.6 + 4 x 1.9 + 2.4) / 6 = 11.6 / 6 = 1.9333333
    # sd = sqrt((mean - low)(high - mean) / 7) = sqrt(0.3333333 x 0.4666667 / 7) = sqrt(0.0222222) = 0.1490712
    sample = assert_sample_matches(ft.Pert(1.6, 1.9, 2.4), 11.6 / 6, math.sqrt(0.0222222222))
    assert sample.min() >= 1.6 and sample.max() <= 2.4


def test_pert_with_another_weight_of_the_mode():
    # lamb = 2: (0 + 2 x 0.25 + 1) / 4 = 0.375; sd = sqrt(0.375 x 0.625 / 5) = sqrt(0.046875) = 0.2165064
    assert_sample_matches(ft.Pert(0, 0.25, 1, lamb=2), 0.375, 0.2165064)


def test_a_symmetric_pert_is_a_beta_3_3():
    # Pert(0, 0.5, 1) is Beta(1 + 4 x 0.5, 1 + 4 x 0.5) = Beta(3, 3): mean 1/2, var 3 x 3 / (6^2 x 7) = 1/28
    assert_sample_matches(ft.Pert(0, 0.5, 1), 0.5, math.sqrt(1 / 28))


def test_normal_has_the_mean_and_sd_it_is_given():
    assert_sample_matches(ft.Normal(1.9, 0.1), 1.9, 0.1)


def test_lognormal_is_parametrized_by_median_and_sd_of_the_log():
    # LogNormal(2, 0.5): mean = 2 exp(0.5^2 / 2) = 2 exp(0.125) = 2 x 1.1331485 = 2.2662969
    # sd = mean x sqrt(exp(0.25) - 1) = 2.2662969 x sqrt(0.2840254) = 2.2662969 x 0.5329403 = 1.2078011
    distribution = ft.LogNormal(2.0, 0.5)
    sample = assert_sample_matches(distribution, 2.2662969, 1.2078011)
    assert sample.min() > 0
    assert np.median(sample) == pytest.approx(2.0, rel=0.01)
    logs = np.log(sample)
    assert logs.std() == pytest.approx(0.5, rel=0.01)


def test_lognormal_from_mean_and_sd():
    # sd/mean = 0.5: spread 1 + 0.25 = 1.25; sigma = sqrt(ln 1.25) = sqrt(0.2231436) = 0.4723807;
    # median = 10 / sqrt(1.25) = 8.9442719
    distribution = ft.LogNormal.from_mean_sd(10.0, 5.0)
    assert distribution.sigma == pytest.approx(0.4723807, rel=1e-6)
    assert distribution.median == pytest.approx(8.9442719, rel=1e-6)
    assert_sample_matches(distribution, 10.0, 5.0)


def test_fixed_draws_its_value_every_time():
    sample = draws(ft.Fixed(1.25), 100)
    assert (sample == 1.25).all()
    assert (ft.Fixed(1.25).mean, ft.Fixed(1.25).sd) == (1.25, 0.0)


def test_a_normal_truncated_at_its_mean_is_a_half_normal():
    # Half-normal of scale 1: mean sqrt(2 / pi) = 0.7978846, sd sqrt(1 - 2 / pi) = 0.6028103
    half = ft.Normal(0.0, 1.0).truncated(0.0)
    assert isinstance(half, ft.TruncatedNormal)
    sample = assert_sample_matches(half, 0.7978846, 0.6028103)
    assert sample.min() >= 0


def test_a_symmetric_truncation_keeps_the_mean_and_every_draw_inside():
    # Truncated to mean +- 1 sd: mean stays 5; var = 2^2 (1 - 2 x 1 x phi(1) / (Phi(1) - Phi(-1)))
    #   phi(1) = 0.2419707, Phi(1) - Phi(-1) = 0.6826895 -> 1 - 0.4839414 / 0.6826895 = 1 - 0.7088749 = 0.2911251
    #   sd = 2 x sqrt(0.2911251) = 2 x 0.5395601 = 1.0791202
    sample = assert_sample_matches(ft.Normal(5.0, 2.0).truncated(3.0, 7.0), 5.0, 1.0791202)
    assert sample.min() >= 3.0 and sample.max() <= 7.0


def test_the_same_generator_state_gives_the_same_draws():
    for distribution in (ft.Uniform(0, 1), ft.Triangular(0, 1, 3), ft.Pert(0, 1, 3), ft.Normal(0, 1),
                         ft.LogNormal(1, 0.3), ft.Normal(0, 1).truncated(-1, 2)):
        assert (draws(distribution, 1000, seed=7) == draws(distribution, 1000, seed=7)).all()
        assert not (draws(distribution, 1000, seed=7) == draws(distribution, 1000, seed=8)).all()


def test_distributions_are_frozen_values():
    uniform = ft.Uniform(1.0, 2.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        uniform.low = 0.0  # type: ignore[misc]
    assert uniform == ft.Uniform(1.0, 2.0)
    assert hash(uniform) == hash(ft.Uniform(1.0, 2.0))
    assert isinstance(uniform, Distribution)


@pytest.mark.parametrize(("make", "words"), [
    (lambda: ft.Uniform(2.0, 1.0), ["Uniform", "high", "greater than low", "1.0"]),
    (lambda: ft.Uniform(1.0, 1.0), ["Uniform", "high", "greater than low"]),
    (lambda: ft.Uniform(0.0, math.inf), ["Uniform", "high", "finite", "inf"]),
    (lambda: ft.Triangular(0.0, 5.0, 3.0), ["Triangular", "mode", "[low, high]", "5.0"]),
    (lambda: ft.Triangular(0.0, -1.0, 3.0), ["Triangular", "mode", "-1.0"]),
    (lambda: ft.Triangular(3.0, 3.0, 3.0), ["Triangular", "high", "greater than low"]),
    (lambda: ft.Pert(1.0, 0.5, 2.0), ["Pert", "mode", "0.5"]),
    (lambda: ft.Pert(0.0, 0.5, 1.0, lamb=0.0), ["Pert", "lamb", "positive", "0.0"]),
    (lambda: ft.Normal(1.0, -0.1), ["Normal", "sd", "positive", "-0.1"]),
    (lambda: ft.Normal(1.0, 0.0), ["Normal", "sd", "positive", "Fixed"]),
    (lambda: ft.Normal(math.nan, 1.0), ["Normal", "mean", "finite", "nan"]),
    (lambda: ft.LogNormal(0.0, 0.5), ["LogNormal", "median", "positive", "0.0"]),
    (lambda: ft.LogNormal(1.0, -0.5), ["LogNormal", "sigma", "positive", "-0.5"]),
    (lambda: ft.LogNormal.from_mean_sd(-1.0, 0.5), ["mean", "positive", "-1.0"]),
    (lambda: ft.Fixed(math.nan), ["Fixed", "value", "finite"]),
    (lambda: ft.Normal(0.0, 1.0).truncated(2.0, 1.0), ["TruncatedNormal", "high", "greater than low"]),
    (lambda: ft.Normal(0.0, 1.0).truncated(10.0, 11.0), ["TruncatedNormal", "holds only", "[10.0, 11.0]"]),
])
def test_bad_parameters_are_refused_naming_the_parameter_and_value(make, words):
    with pytest.raises(ValueError) as caught:
        make()
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("make", [lambda: ft.Uniform("1", 2.0), lambda: ft.Fixed(True), lambda: ft.Normal(None, 1.0)])
def test_a_parameter_that_is_not_a_number_is_a_type_error(make):
    with pytest.raises(TypeError, match="must be a real number"):
        make()


@pytest.mark.parametrize("n", [0, -5])
def test_the_number_of_draws_must_be_positive(n):
    with pytest.raises(ValueError, match=rf"n \(the number of draws\) must be at least 1, got {n}"):
        draws(ft.Uniform(0, 1), n)


def test_the_number_of_draws_must_be_whole():
    with pytest.raises(TypeError, match="whole number, got 2.5"):
        draws(ft.Uniform(0, 1), 2.5)  # type: ignore[arg-type]
