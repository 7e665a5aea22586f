"""ft.goal_seek: inputs that bring an output to a target, known in closed form for the H200 stack; one
scenario or many; no root and bad arguments refused.

Hand calculations (figures.md s1, values derived in conftest.py):
  compute cost  = rental / 2.646                        (2.646 Mtok per GPU-hour at 735 tok/s)
  model margin  = 1 - compute cost / api price           -> 0 at api price = compute cost = 0.7180650
  cloud margin  = 1 - total cost / rental, total cost = usd_per_server / 280,320 + 0.3502372
                                                          (280,320 = 8 GPUs x 4 years x 8,760 h)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fabtoken as ft
from conftest import COMPUTE_COST, MTOK_PER_GPU_HOUR, OPERATING_COST, TOTAL_COST

GPU_HOURS_OF_LIFE = 8 * 4 * 8_760  # 280,320


def test_the_break_even_api_price_is_the_compute_cost(h200):
    # model margin 0 <=> api price = compute cost = 1.90 / 2.646 = 0.7180650 USD/Mtok
    price = ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0))
    assert isinstance(price, float)
    assert price == pytest.approx(0.7180650, abs=1e-7)
    assert price == pytest.approx(COMPUTE_COST, abs=1e-7)


def test_the_api_price_for_the_published_model_margin(h200):
    # 1 - 0.7180650 / p = 0.59  ->  p = 0.7180650 / 0.41 = 1.7513780 (figures.md: 1.75 at 59.0%, rounded)
    price = ft.goal_seek(h200, "model_gross_margin", 0.59, "api_price_usd_per_mtok", bracket=(0.1, 10.0))
    assert price == pytest.approx(1.7513780, abs=1e-7)


def test_the_highest_server_price_that_keeps_a_35_percent_cloud_margin(h200):
    # 1 - total / 1.90 = 0.35  ->  total = 0.65 x 1.90 = 1.235 USD/hr/GPU
    # depreciation = 1.235 - 0.3502372 = 0.8847628 -> server = 0.8847628 x 280,320 = 248,016.7 USD
    server = ft.goal_seek(h200, "cloud_gross_margin", 0.35, "usd_per_server", bracket=(1e5, 5e5))
    assert server == pytest.approx(248_016.7, abs=0.1)
    assert server == pytest.approx((0.65 * 1.9 - OPERATING_COST) * GPU_HOURS_OF_LIFE, abs=0.1)


def test_the_rental_price_that_gives_a_35_percent_cloud_margin(h200):
    # 1 - 1.2292005 / r = 0.35 -> r = 1.2292005 / 0.65 = 1.8910777 USD/hr/GPU: the lowest rental with 35%
    rental = ft.goal_seek(h200, "cloud_gross_margin", 0.35, "rental_usd_per_gpu_hour", bracket=(1.3, 5.0))
    assert rental == pytest.approx(1.8910777, abs=1e-7)
    assert rental == pytest.approx(TOTAL_COST / 0.65, abs=1e-7)


def test_a_linear_relation_is_solved_to_xtol(h200):
    # compute cost = rental / 2.646 = 1.00 USD/Mtok  ->  rental = 2.646
    rental = ft.goal_seek(h200, "compute_cost_usd_per_mtok", 1.0, "rental_usd_per_gpu_hour", bracket=(0.5, 50.0))
    assert rental == pytest.approx(MTOK_PER_GPU_HOUR, abs=1e-10)
    loose = ft.goal_seek(h200, "compute_cost_usd_per_mtok", 1.0, "rental_usd_per_gpu_hour", bracket=(0.5, 50.0),
                         xtol=1e-3)
    assert abs(loose - 2.646) <= 1e-3


def test_one_root_per_scenario(h200):
    # server = (0.65 x rental - 0.3502372) x 280,320:
    #   rental 1.70 -> 0.7547628 x 280,320 = 211,575.1;  1.90 -> 248,016.7;  2.10 -> 1.0147628 x 280,320 = 284,458.3
    rentals = np.array([1.7, 1.9, 2.1])
    servers = ft.goal_seek(h200, "cloud_gross_margin", 0.35, "usd_per_server", bracket=(1e5, 5e5),
                           scenarios={"rental_usd_per_gpu_hour": rentals})
    assert isinstance(servers, np.ndarray)
    assert servers.shape == (3,)
    assert servers.tolist() == pytest.approx([211_575.1, 248_016.7, 284_458.3], abs=0.1)


def test_many_scenarios_give_what_each_scenario_gives_alone(h200):
    rng = np.random.default_rng(7)
    rentals, throughputs = rng.uniform(1.0, 3.0, 40), rng.uniform(300, 3000, 40)
    scenarios = {"rental_usd_per_gpu_hour": rentals, "tokens_per_s_per_gpu": throughputs}
    prices = ft.goal_seek(h200, "model_gross_margin", 0.5, "api_price_usd_per_mtok", bracket=(0.01, 100.0),
                          scenarios=scenarios)
    for i in range(0, 40, 7):
        alone = ft.goal_seek(h200, "model_gross_margin", 0.5, "api_price_usd_per_mtok", bracket=(0.01, 100.0),
                             scenarios={"rental_usd_per_gpu_hour": rentals[i], "tokens_per_s_per_gpu": throughputs[i]})
        assert isinstance(alone, float)
        assert prices[i] == pytest.approx(alone, rel=1e-12)
    # margin 0.5 at twice the compute cost: p = 2 x rental / (throughput x 3,600 / 10^6)
    assert prices == pytest.approx(2 * rentals / (throughputs * 3600 / 1e6), rel=1e-10)


def test_a_target_per_scenario(h200):
    # p = 0.7180650 / (1 - m): m = 0 -> 0.7180650; m = 0.5 -> 1.4361300; m = 0.75 -> 2.8722600
    prices = ft.goal_seek(h200, "model_gross_margin", [0.0, 0.5, 0.75], "api_price_usd_per_mtok", bracket=(0.1, 10.0))
    assert prices.tolist() == pytest.approx([0.7180650, 1.4361300, 2.8722600], abs=1e-7)


def test_a_one_element_array_gives_an_array_and_scalars_give_a_float(h200):
    as_array = ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0),
                            scenarios={"rental_usd_per_gpu_hour": [2.646]})
    as_float = ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0),
                            scenarios={"rental_usd_per_gpu_hour": 2.646})
    # rental 2.646 / 2.646 Mtok per GPU-hour = 1.00 USD/Mtok, the break-even price
    assert isinstance(as_array, np.ndarray) and as_array.shape == (1,)
    assert isinstance(as_float, float)
    assert as_array[0] == pytest.approx(1.0, abs=1e-9)
    assert as_float == pytest.approx(1.0, abs=1e-9)


def test_a_root_just_inside_an_end_of_the_bracket_is_found(h200):
    # the break-even price 0.71806500378 (= 1.90 / 2.646) lies 4e-9 above the low end
    price = ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.7180650, 10.0))
    assert price == pytest.approx(0.7180650, abs=1e-7)


def test_the_model_is_left_unchanged(h200):
    ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0),
                 scenarios={"rental_usd_per_gpu_hour": [1.0, 2.0]})
    assert ft.batch.base_inputs(h200)["api_price_usd_per_mtok"] == 1.75
    assert ft.batch.base_inputs(h200)["rental_usd_per_gpu_hour"] == 1.9


@settings(max_examples=25)
@given(target=st.floats(0.05, 20.0), low=st.floats(0.01, 0.04), high=st.floats(21.0, 1e4))
def test_any_compute_cost_is_reached_by_rental_times_2646(target, low, high):
    # a fresh preset per example (hypothesis runs a function-scoped fixture only once)
    h200 = ft.presets.token_factory("h200-deepseek-r1")
    # compute cost = rental / 2.646 is linear: the rental for a target cost c is 2.646 c
    rental = ft.goal_seek(h200, "compute_cost_usd_per_mtok", target, "rental_usd_per_gpu_hour",
                          bracket=(low * 2.646, high * 2.646))
    assert rental == pytest.approx(2.646 * target, rel=1e-9)


def test_no_root_in_the_bracket_names_both_ends_and_the_target(h200):
    # margin at 1.00: 1 - 0.7180650 = 0.281935; at 10.00: 1 - 0.0718065 = 0.9281935; never 0
    with pytest.raises(ValueError, match=r"no root in \[1\.0, 10\.0\] for api_price_usd_per_mtok: "
                                         r"model_gross_margin goes from 0\.281935 to 0\.9281935, target 0"):
        ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(1.0, 10.0))


def test_no_root_in_some_scenarios_names_them(h200):
    # at 735 tok/s break-even is 0.718 (outside [1, 10]); at 100 tok/s it is 1.90 / 0.36 = 5.28 (inside);
    # at 50 tok/s it is 1.90 / 0.18 = 10.56 (outside): the margin at 10 is 1 - 10.5555556 / 10 = -0.0555556
    with pytest.raises(ValueError, match=r"no root in \[1\.0, 10\.0\] for api_price_usd_per_mtok in scenarios 0, 2: "
                                         r"scenario 0: model_gross_margin goes from 0\.281935 to 0\.9281935, target 0; "
                                         r"scenario 2: model_gross_margin goes from -9\.555556 to -0\.05555556, target 0"):
        ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(1.0, 10.0),
                     scenarios={"tokens_per_s_per_gpu": [735, 100, 50]})


def test_too_few_iterations_is_an_error_not_a_rough_answer(h200):
    # the margin is not linear in the price, so two steps do not land on the root
    with pytest.raises(ValueError, match=r"goal_seek did not converge within max_iterations=2: the bracket for "
                                         r"api_price_usd_per_mtok is still \[.*\], wider than xtol=1e-12; raise max_iterations or xtol"):
        ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0), max_iterations=2)


def test_a_bracket_end_where_the_model_is_invalid_names_the_input_and_value(h200):
    # a utilization above 1 is no scenario
    with pytest.raises(ValueError, match=r"goal_seek: the model is invalid at utilization=1\.5 \(scenario 0\): .*utilization"):
        ft.goal_seek(h200, "cloud_gross_margin", 0.35, "utilization", bracket=(0.5, 1.5))


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(bracket=(10.0, 0.1)), r"bracket must be \(low, high\) with low < high, got \(10\.0, 0\.1\)"),
    (dict(bracket=(1.0, 1.0)), r"bracket must be \(low, high\) with low < high, got \(1\.0, 1\.0\)"),
    (dict(bracket=(0.1, 1.0, 10.0)), r"bracket must be a \(low, high\) pair of the solved input, got \(0\.1, 1\.0, 10\.0\)"),
    (dict(bracket=(0.1, float("inf"))), r"bracket\[1\] \(high\) must be a finite number, got inf"),
    (dict(bracket=(float("nan"), 1.0)), r"bracket\[0\] \(low\) must be a finite number, got nan"),
    (dict(target=float("nan")), r"target must be a finite number, got nan"),
    (dict(target=float("inf")), r"target must be a finite number, got inf"),
    (dict(target=[0.0, float("-inf")]), r"target must hold finite numbers, got -inf at position 1"),
    (dict(xtol=0.0), r"xtol must be positive \(a tolerance on api_price_usd_per_mtok\), got 0\.0"),
    (dict(xtol=-1e-9), r"xtol must be positive .*got -1e-09"),
    (dict(xtol=float("nan")), r"xtol must be a finite number, got nan"),
    (dict(max_iterations=0), r"max_iterations must be a whole number of at least 1, got 0"),
    (dict(max_iterations=10.5), r"max_iterations must be a whole number of at least 1, got 10\.5"),
    (dict(max_iterations=True), r"max_iterations must be a whole number of at least 1, got True"),
    (dict(input="bogus"), r"input names 'bogus', which is not an input of TokenFactory; expected one of: .*api_price_usd_per_mtok"),
    (dict(output="margin"), r"output='margin' is not an output of TokenFactory; expected one of: .*model_gross_margin"),
    (dict(scenarios={"api_price_usd_per_mtok": [1.0, 2.0]}), r"scenarios sets 'api_price_usd_per_mtok', the input goal_seek solves for"),
    (dict(scenarios={"bogus": [1.0]}), r"scenarios names 'bogus', which is not an input"),
    (dict(scenarios={"rental_usd_per_gpu_hour": []}), r"scenarios\['rental_usd_per_gpu_hour'\] is empty"),
    (dict(scenarios={"rental_usd_per_gpu_hour": [1.0, np.nan]}), r"scenarios\['rental_usd_per_gpu_hour'\] must hold finite numbers, got nan at position 1"),
    (dict(scenarios={"rental_usd_per_gpu_hour": [1.0, 2.0], "tokens_per_s_per_gpu": [500, 600, 700]}),
     r"scenarios and target must have one length per scenario, got lengths \{'rental_usd_per_gpu_hour': 2, 'tokens_per_s_per_gpu': 3\}"),
    (dict(scenarios={"rental_usd_per_gpu_hour": [1.0, 2.0]}, target=[0.1, 0.2, 0.3]),
     r"scenarios and target must have one length per scenario, got lengths \{'rental_usd_per_gpu_hour': 2, 'target': 3\}"),
])
def test_bad_arguments_are_refused_naming_the_parameter(h200, kwargs, message):
    arguments = dict(output="model_gross_margin", target=0.0, input="api_price_usd_per_mtok", bracket=(0.1, 10.0))
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        ft.goal_seek(h200, **arguments)


def test_arguments_of_the_wrong_type_are_a_type_error(h200):
    with pytest.raises(TypeError, match=r"target must be a number or a 1-D array of numbers, got 'zero'"):
        ft.goal_seek(h200, "model_gross_margin", "zero", "api_price_usd_per_mtok", bracket=(0.1, 10.0))
    with pytest.raises(TypeError, match=r"bracket\[0\] \(low\) must be a real number, got '0.1'"):
        ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=("0.1", 10.0))
    with pytest.raises(TypeError, match=r"scenarios must be a mapping \{input: value or array\}, got \[1\.0\]"):
        ft.goal_seek(h200, "model_gross_margin", 0.0, "api_price_usd_per_mtok", bracket=(0.1, 10.0), scenarios=[1.0])
