"""Throughput curves: the Pareto frontier, interpolation along it, the refusal to extrapolate, and what
a curve says about cost, energy and the split into input and output throughput.

Every expected number is a hand calculation written out beside its assertion. The curve below is
illustrative (not published); its hand values are derived once here:

    points, as given:  (40, 2000, 1200 W)  (10, 5000)  (20, 3000)  (80, 500)  (20, 4000, 1000 W)
                       (40, 2000, 1200 W)  (30, 1900)              (tokens/s/user, tokens/s/GPU)
    (20, 3000) is beaten by (20, 4000); (40, 2000) appears twice; (30, 1900) is beaten by (40, 2000)
    on both counts. The frontier is (10, 5000) (20, 4000) (40, 2000) (80, 500).

    at 15: 5000 + (15 - 10) / (20 - 10) x (4000 - 5000) = 4500
    at 30: 4000 + (30 - 20) / (40 - 20) x (2000 - 4000) = 3000   (not the dominated 1900)
    at 60: 2000 + (60 - 40) / (80 - 40) x (500 - 2000)  = 1250
    power at 30: 1000 + 0.5 x (1200 - 1000) = 1100 W -> 1100 / 3000 = 0.3666667 J/token
    tokens per MW-year at 30: 10^6 W x 8,760 h x 3,600 s / 0.3666667 J = 8.6007273e13 tokens
                              = 86,007,272.7 Mtok
    cost at 30 and 2 USD/GPU-hour: 2 / (3000 x 3,600 / 10^6) = 2 / 10.8 = 0.1851852 USD/Mtok
"""

from __future__ import annotations

import copy
import math
import pickle

import pandas as pd
import pytest

import fabtoken as ft
from conftest import run_in_child

u = ft.units
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
COLUMNS = ["interactivity_tokens_per_s_per_user", "tokens_per_s_per_gpu", "input_tokens_per_s_per_gpu",
           "output_tokens_per_s_per_gpu", "power_w_per_gpu", "ttft_median_ms", "ttft_p99_ms"]

# The illustrative curve of the module docstring (figures.md s5 publishes no curve).
INTERACTIVITY = [40, 10, 20, 80, 20, 40, 30]
THROUGHPUT = [2000, 5000, 3000, 500, 4000, 2000, 1900]
POWER = [1200, None, None, None, 1000, 1200, None]


def curve_of(**changes) -> ft.ThroughputCurve:
    terms = dict(chip="TEST", interactivity_tokens_per_s_per_user=INTERACTIVITY, tokens_per_s_per_gpu=THROUGHPUT,
                 power_w_per_gpu=POWER)
    terms.update(changes)
    return ft.ThroughputCurve(**terms)


def split_curve() -> ft.ThroughputCurve:
    """Two points with input and output throughput measured: (10, 5000 = 4500 in + 500 out) and
    (20, 4000 = 3600 in + 400 out); illustrative."""
    return ft.ThroughputCurve(chip="B300", model="dsr1", precision="fp8", framework="sglang", input_length=8192,
                              output_length=1024, interactivity_tokens_per_s_per_user=[10, 20],
                              tokens_per_s_per_gpu=[5000, 4000], input_tokens_per_s_per_gpu=[4500, 3600],
                              output_tokens_per_s_per_gpu=[500, 400], ttft_median_ms=[300, 200],
                              ttft_p99_ms=[900, 600])


def pairs(frame: pd.DataFrame) -> list[tuple[float, float]]:
    return list(zip(frame["interactivity_tokens_per_s_per_user"], frame["tokens_per_s_per_gpu"]))


# --- the frontier -----------------------------------------------------------------------------------

def test_the_frontier_leaves_out_dominated_duplicate_and_beaten_points_and_sorts_the_rest():
    assert pairs(curve_of().frontier()) == [(10, 5000), (20, 4000), (40, 2000), (80, 500)]


def test_the_points_are_kept_as_given_duplicates_and_order_included():
    assert pairs(curve_of().points()) == list(zip(INTERACTIVITY, THROUGHPUT))


def test_a_point_as_fast_per_gpu_as_a_more_interactive_one_is_not_on_the_frontier():
    # (10, 5000) is matched in throughput by (20, 5000), which also serves users faster.
    curve = ft.ThroughputCurve(chip="X", interactivity_tokens_per_s_per_user=[10, 20],
                               tokens_per_s_per_gpu=[5000, 5000])
    assert pairs(curve.frontier()) == [(20, 5000)]


def test_a_single_point_is_its_own_frontier_and_read_only_at_its_interactivity():
    curve = ft.ThroughputCurve(chip="X", interactivity_tokens_per_s_per_user=[50], tokens_per_s_per_gpu=[8000])
    assert pairs(curve.frontier()) == [(50, 8000)]
    assert curve.throughput_at(50) == pytest.approx(8000, rel=1e-12)
    with pytest.raises(ValueError, match=r"outside the measured range \[50, 50\]"):
        curve.throughput_at(51)


def test_points_and_frontier_are_data_frames_with_every_column_and_none_where_not_measured():
    points, frontier = curve_of().points(), curve_of().frontier()
    assert isinstance(points, pd.DataFrame) and isinstance(frontier, pd.DataFrame)
    assert list(points.columns) == COLUMNS and list(frontier.columns) == COLUMNS
    assert len(points) == 7 and len(frontier) == 4
    # Power is measured at (20, 4000) = 1000 W and (40, 2000) = 1200 W only; nothing else at all.
    assert [None if pd.isna(w) else w for w in frontier["power_w_per_gpu"]] == [None, 1000, 1200, None]
    assert all(pd.isna(v) for v in frontier["input_tokens_per_s_per_gpu"])
    assert all(pd.isna(v) for v in points["ttft_p99_ms"])


def test_the_frontier_of_a_fully_measured_curve_carries_every_column():
    row = split_curve().frontier().iloc[1]
    # The second point as given: (20, 4000), 3600 in, 400 out, TTFT 200 / 600 ms.
    assert row.tolist()[:4] == [20, 4000, 3600, 400]
    assert pd.isna(row["power_w_per_gpu"])
    assert (row["ttft_median_ms"], row["ttft_p99_ms"]) == (200, 600)


# --- interpolation ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("interactivity", "expected"), [
    (10, 5000),   # the frontier's first point
    (15, 4500),   # 5000 + 0.5 x (4000 - 5000)
    (20, 4000),   # the undominated point at 20, not (20, 3000)
    (30, 3000),   # 4000 + 0.5 x (2000 - 4000), not the dominated (30, 1900)
    (40, 2000),
    (60, 1250),   # 2000 + 0.5 x (500 - 2000)
    (80, 500),    # the frontier's last point
])
def test_throughput_is_linear_between_frontier_points(interactivity, expected):
    assert curve_of().throughput_at(interactivity) == pytest.approx(expected, rel=1e-12)


def test_an_interactivity_may_be_given_as_a_quantity():
    # 15 tokens/s/user as a quantity: the same 4500 as above.
    assert curve_of().throughput_at(u.tokens_per_s_per_user(15)) == pytest.approx(4500, rel=1e-12)


def test_an_interactivity_of_the_wrong_kind_is_a_type_error_naming_the_expected_unit():
    with pytest.raises(TypeError, match="interactivity_tokens_per_s_per_user expects a token rate in tokens/s/user"):
        curve_of().throughput_at(u.tokens_per_s_per_gpu(15))
    with pytest.raises(TypeError, match="interactivity_tokens_per_s_per_user"):
        curve_of().throughput_at("15")


# --- no extrapolation unless asked ------------------------------------------------------------------

@pytest.mark.parametrize("interactivity", [85, 5, 0, -1])
def test_outside_the_measured_range_is_a_value_error_naming_the_interactivity_and_the_range(interactivity):
    with pytest.raises(ValueError, match=r"interactivity .* tokens/s/user is outside the measured range \[10, 80\]"
                                         r" of TEST"):
        curve_of().throughput_at(interactivity)


def test_the_refusal_shows_the_interactivity_asked_for():
    with pytest.raises(ValueError, match="^interactivity 85 tokens/s/user"):
        curve_of().throughput_at(85)


def test_every_reading_refuses_to_extrapolate():
    curve = curve_of()
    for read in (lambda: curve.cost_usd_per_mtok_at(85, 2.0), lambda: curve.joules_per_token_at(85),
                 lambda: curve.mtok_per_mw_year_at(5), lambda: curve.input_throughput_at(5),
                 lambda: curve.output_throughput_at(85)):
        with pytest.raises(ValueError, match=r"outside the measured range \[10, 80\]"):
            read()


def test_clamp_reads_the_nearest_measurement_at_either_end():
    curve = curve_of()
    assert curve.throughput_at(85, clamp=True) == pytest.approx(500, rel=1e-12)   # the point at 80
    assert curve.throughput_at(5, clamp=True) == pytest.approx(5000, rel=1e-12)   # the point at 10
    # 2 / (500 x 3,600 / 10^6) = 2 / 1.8 = 1.1111111 USD/Mtok
    assert curve.cost_usd_per_mtok_at(1000, 2.0, clamp=True) == pytest.approx(1.1111111, rel=1e-7)


def test_clamp_changes_nothing_inside_the_range():
    assert curve_of().throughput_at(30, clamp=True) == pytest.approx(3000, rel=1e-12)


@pytest.mark.parametrize("clamp", [False, True])
def test_an_infinite_interactivity_is_refused_even_when_clamping(clamp):
    with pytest.raises(ValueError, match="interactivity_tokens_per_s_per_user must be a finite number, got inf"):
        curve_of().throughput_at(math.inf, clamp=clamp)


@pytest.mark.parametrize("clamp", [False, True])
def test_a_nan_interactivity_is_a_value_error_not_a_read_past_the_frontier(clamp):
    # NaN compares false with both ends of the range, so it passes the range check and is looked up
    # in the frontier, where it lands before the first point; the curve must refuse it instead.
    # Run in a child: the look-up reads outside the frontier's storage.
    outcome = run_in_child(lambda: curve_of().throughput_at(math.nan, clamp=clamp))
    assert outcome.startswith("ValueError: ") and "interactivity" in outcome, outcome


# --- cost, energy, input and output -----------------------------------------------------------------

def test_cost_per_mtok_is_the_price_over_the_tokens_of_a_gpu_hour():
    curve = curve_of()
    assert curve.cost_usd_per_mtok_at(30, 2.0) == pytest.approx(0.1851852, rel=1e-6)     # 2 / 10.8
    # B300's 2.808 USD/GPU-hour (figures.md s5) at 60: 2.808 / (1250 x 0.0036) = 2.808 / 4.5 = 0.624
    assert curve.cost_usd_per_mtok_at(60, 2.808) == pytest.approx(0.624, rel=1e-12)
    assert curve.cost_usd_per_mtok_at(30, u.usd_per_gpu_hour(2)) == pytest.approx(0.1851852, rel=1e-6)


@pytest.mark.parametrize("price", [0, -2.0, math.nan, math.inf])
def test_a_price_that_is_not_positive_and_finite_is_refused_by_name(price):
    with pytest.raises(ValueError, match="price_usd_per_gpu_hour must be a positive finite number"):
        curve_of().cost_usd_per_mtok_at(30, price)


def test_a_price_of_the_wrong_kind_is_a_type_error():
    with pytest.raises(TypeError, match="price_usd_per_gpu_hour"):
        curve_of().cost_usd_per_mtok_at(30, u.usd_per_kwh(2))


def test_energy_per_token_and_tokens_per_mw_year_come_from_the_measured_power():
    curve = curve_of()
    assert curve.joules_per_token_at(30) == pytest.approx(0.3666667, rel=1e-6)            # 1100 W / 3000
    assert curve.mtok_per_mw_year_at(30) == pytest.approx(86_007_272.7, rel=1e-8)
    # At 40, a measured point: 1200 W / 2000 = 0.6 J/token; 3.1536e13 J / 0.6 = 5.256e13 tokens = 52.56 M Mtok.
    assert curve.joules_per_token_at(40) == pytest.approx(0.6, rel=1e-12)
    assert curve.mtok_per_mw_year_at(40) == pytest.approx(52_560_000, rel=1e-12)


def test_without_power_at_both_ends_of_the_segment_energy_is_none():
    curve = curve_of()
    assert curve.joules_per_token_at(15) is None     # (10, 5000) has no power
    assert curve.mtok_per_mw_year_at(60) is None     # (80, 500) has no power
    assert split_curve().joules_per_token_at(15) is None


def test_input_and_output_throughput_interpolate_like_the_total():
    curve = split_curve()
    # At 15: 4500 + 0.5 x (3600 - 4500) = 4050 in, 500 + 0.5 x (400 - 500) = 450 out; 4050 + 450 = 4500.
    assert curve.input_throughput_at(15) == pytest.approx(4050, rel=1e-12)
    assert curve.output_throughput_at(15) == pytest.approx(450, rel=1e-12)
    assert curve.throughput_at(15) == pytest.approx(4500, rel=1e-12)
    assert curve.output_throughput_at(25, clamp=True) == pytest.approx(400, rel=1e-12)


def test_input_and_output_throughput_are_none_when_not_measured():
    assert curve_of().input_throughput_at(30) is None
    assert curve_of().output_throughput_at(30) is None


# --- the configuration ------------------------------------------------------------------------------

def test_the_label_names_chip_model_precision_framework_and_lengths():
    curve = split_curve()
    assert curve.label == "B300 / dsr1 / fp8 / sglang / 8192 in, 1024 out"
    assert (curve.chip, curve.model, curve.precision, curve.framework) == ("B300", "dsr1", "fp8", "sglang")
    assert (curve.input_length, curve.output_length, curve.optimizations) == (8192, 1024, "")


def test_a_bare_curve_is_labeled_by_its_chip_and_the_optimizations_follow_the_framework():
    assert curve_of().label == "TEST"
    assert curve_of(framework="sglang", optimizations="wide EP + MTP").label == "TEST / sglang / wide EP + MTP"


# --- constructor errors -----------------------------------------------------------------------------

def test_columns_of_different_lengths_are_refused_with_both_lengths():
    with pytest.raises(ValueError, match="one value per point, got 7 and 6"):
        curve_of(tokens_per_s_per_gpu=THROUGHPUT[:6])
    with pytest.raises(ValueError, match=r"power_w_per_gpu must have one value per point \(7\), got 2"):
        curve_of(power_w_per_gpu=[1, 2])


@pytest.mark.parametrize(("column", "values", "message"), [
    ("tokens_per_s_per_gpu", [5000, 0], r"points\[1\]\.tokens_per_s_per_gpu must be a positive finite number"),
    ("interactivity_tokens_per_s_per_user", [10, -1],
     r"points\[1\]\.interactivity_tokens_per_s_per_user must be a positive finite number"),
    ("interactivity_tokens_per_s_per_user", [math.nan, 20],
     r"points\[0\]\.interactivity_tokens_per_s_per_user must be a positive finite number"),
    ("tokens_per_s_per_gpu", [5000, math.inf], r"points\[1\]\.tokens_per_s_per_gpu"),
    ("power_w_per_gpu", [None, -5], r"points\[1\]\.power_w_per_gpu must be a positive finite number"),
    ("input_tokens_per_s_per_gpu", [0, None], r"points\[0\]\.input_tokens_per_s_per_gpu must be a positive"),
    ("output_tokens_per_s_per_gpu", [None, 0], r"points\[1\]\.output_tokens_per_s_per_gpu must be a positive"),
    ("ttft_p99_ms", [-1, None], r"points\[0\]\.ttft_p99_ms must be a finite number >= 0"),
    ("ttft_median_ms", [None, -1], r"points\[1\]\.ttft_median_ms must be a finite number >= 0"),
])
def test_a_bad_value_is_refused_naming_its_point_and_column(column, values, message):
    terms = dict(chip="X", interactivity_tokens_per_s_per_user=[10, 20], tokens_per_s_per_gpu=[5000, 4000])
    terms[column] = values
    with pytest.raises(ValueError, match=message):
        ft.ThroughputCurve(**terms)


def test_a_curve_needs_at_least_one_point():
    with pytest.raises(ValueError, match="curve 'X' has no points"):
        ft.ThroughputCurve(chip="X", interactivity_tokens_per_s_per_user=[], tokens_per_s_per_gpu=[])


@pytest.mark.parametrize("length", [-5, math.nan, math.inf])
def test_an_input_length_that_is_negative_or_not_finite_is_refused_by_name(length):
    # The importers refuse a negative isl / input_length; a curve built directly must too. (A NaN
    # length also makes the curve unequal to itself and its repr unevaluable.)
    with pytest.raises(ValueError, match="input_length"):
        curve_of(input_length=length)


def test_an_output_length_that_is_negative_is_refused_by_name():
    with pytest.raises(ValueError, match="output_length"):
        curve_of(output_length=-1)


def test_a_throughput_of_the_wrong_kind_is_a_type_error_naming_its_point():
    with pytest.raises(TypeError, match=r"tokens_per_s_per_gpu\[0\] expects a throughput per GPU in tokens/s/GPU"):
        curve_of(tokens_per_s_per_gpu=[u.usd_per_kwh(1)] + THROUGHPUT[1:])
    with pytest.raises(TypeError, match=r"interactivity_tokens_per_s_per_user\[2\] expects a token rate"):
        curve_of(interactivity_tokens_per_s_per_user=[40, 10, u.tokens_per_s_per_gpu(20)] + INTERACTIVITY[3:])
    with pytest.raises(TypeError, match=r"power_w_per_gpu\[0\]"):
        curve_of(power_w_per_gpu=["1200"] + POWER[1:])


def test_columns_given_as_quantities_are_converted():
    # 1.2 kW per GPU = 1200 W: the same curve as with 1200.
    curve = curve_of(power_w_per_gpu=[u.kw_per_gpu(1.2)] + POWER[1:])
    assert curve.joules_per_token_at(40) == pytest.approx(0.6, rel=1e-12)   # 1200 W / 2000


def test_an_unknown_keyword_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        curve_of(colour="red")


def test_a_missing_chip_or_column_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="missing keyword argument 'chip'"):
        ft.ThroughputCurve(interactivity_tokens_per_s_per_user=[1], tokens_per_s_per_gpu=[1])
    with pytest.raises(TypeError, match="missing keyword argument 'tokens_per_s_per_gpu'"):
        ft.ThroughputCurve(chip="X", interactivity_tokens_per_s_per_user=[1])


def test_text_fields_must_be_text():
    with pytest.raises(TypeError, match="chip expects text"):
        curve_of(chip=3)


# --- value semantics --------------------------------------------------------------------------------

def test_the_repr_evaluates_back_to_an_equal_curve():
    for curve in (curve_of(), split_curve()):
        text = repr(curve)
        assert text.startswith("ThroughputCurve(chip=")
        assert eval(text, vars(ft)) == curve  # noqa: S307 - the repr is the library's own


def test_equal_curves_compare_equal_and_hash_alike():
    a, b = curve_of(), curve_of()
    assert a == b and not (a != b)
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


@pytest.mark.parametrize("change", [dict(chip="OTHER"), dict(model="dsr1"), dict(input_length=8192),
                                    dict(power_w_per_gpu=None),
                                    dict(tokens_per_s_per_gpu=[2000, 5000, 3000, 500, 4000, 2000, 1901])])
def test_a_curve_that_differs_anywhere_compares_unequal(change):
    assert curve_of(**change) != curve_of()


def test_comparing_a_curve_with_another_type_is_false():
    assert (curve_of() == "TEST") is False
    assert curve_of() != 3


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_a_copy_is_an_equal_new_curve(copier):
    curve = curve_of()
    duplicate = copier(curve)
    assert duplicate == curve and duplicate is not curve


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_curve_pickles_over_every_protocol(protocol):
    curve = split_curve()
    restored = pickle.loads(pickle.dumps(curve, protocol=protocol))
    assert type(restored) is ft.ThroughputCurve
    assert restored == curve
    assert restored.input_throughput_at(15) == pytest.approx(4050, rel=1e-12)   # as computed above


def test_inputs_hold_the_configuration_and_every_column():
    inputs = split_curve().inputs()
    assert inputs["chip"] == "B300" and inputs["input_length"] == 8192
    assert inputs["tokens_per_s_per_gpu"] == [5000, 4000]
    assert inputs["power_w_per_gpu"] == [None, None]
    assert ft.ThroughputCurve(**inputs) == split_curve()
