"""fabtoken.units: quantities, conversions, and what a layer keyword accepts."""

from __future__ import annotations

import numpy as np
import pytest

import fabtoken as ft

u = ft.units


def h200_colocation(**changes) -> ft.Colocation:
    inputs = dict(kw_per_gpu=1.35, pue=1.25, load_factor=1.0, colocation_usd_per_kw_month=110,
                  electricity_usd_per_kwh=0.087)
    return ft.Colocation(**(inputs | changes))


def test_a_unit_called_with_a_magnitude_makes_a_quantity():
    q = u.usd_per_kwh(0.087)
    assert isinstance(q, ft.Quantity)
    assert q.magnitude == 0.087
    assert q.unit == u.usd_per_kwh
    assert (q.unit.name, q.unit.symbol, q.unit.kind) == ("usd_per_kwh", "USD/kWh", "electricity price")


def test_a_number_times_a_unit_makes_the_same_quantity():
    assert 0.087 * u.usd_per_kwh == u.usd_per_kwh(0.087)
    assert (0.087 * u.usd_per_kwh).unit == u.usd_per_kwh
    assert ft.Quantity(0.087, u.usd_per_kwh) == u.usd_per_kwh(0.087)


def test_quantity_repr_and_str_show_magnitude_and_symbol():
    assert repr(u.usd_per_kwh(0.087)) == "Quantity(0.087, 'USD/kWh')"
    assert str(u.usd_per_kwh(0.087)) == "0.087 USD/kWh"
    assert repr(u.usd_per_kwh) == "Unit('USD/kWh')"


def test_87_usd_per_mwh_is_0_087_usd_per_kwh():
    # 87 USD / 1,000 kWh = 0.087 USD/kWh
    converted = u.usd_per_mwh(87).to(u.usd_per_kwh)
    assert converted.unit == u.usd_per_kwh
    assert converted.magnitude == pytest.approx(0.087, rel=1e-15)
    assert u.usd_per_mwh(87).m_as(u.usd_per_kwh) == pytest.approx(0.087, rel=1e-15)


def test_48_months_is_4_years():
    # 48 months x 730 h = 35,040 h = 4 x 8,760 h
    assert u.months(48).to(u.years).magnitude == pytest.approx(4.0, rel=1e-15)
    assert u.months(48) == u.years(4)


def test_1_75_usd_per_mtok_is_1_75e_minus_6_usd_per_token():
    # 1.75 USD / 10^6 tokens
    assert u.usd_per_mtok(1.75).m_as(u.usd_per_token) == pytest.approx(1.75e-6, rel=1e-15)


def test_a_percentage_is_a_fraction_of_a_hundred():
    assert u.percent(80).m_as(u.fraction) == pytest.approx(0.8, rel=1e-15)
    assert float(u.percent(80)) == pytest.approx(0.8, rel=1e-15)


def test_only_a_dimensionless_quantity_converts_to_float():
    with pytest.raises(TypeError, match=r"m_as"):
        float(u.usd(3))


def test_converting_to_a_unit_of_another_kind_raises_type_error():
    with pytest.raises(TypeError) as raised:
        u.usd_per_kwh(1).to(u.usd_per_kw_month)
    assert "USD/kW/month" in str(raised.value)
    assert "USD/kWh" in str(raised.value)


def test_equal_quantities_in_different_units_hash_alike():
    assert hash(u.months(48)) == hash(u.years(4))
    assert u.usd_per_kwh(0.087) != u.usd_per_kwh(0.088)
    assert u.usd(1) != u.usd_per_gpu(1)  # same magnitude, another kind


def test_units_lists_every_unit_it_exports():
    for name in u.__all__:
        assert hasattr(u, name), name
    assert {"usd_per_kwh", "usd_per_mwh", "months", "years", "percent", "usd_per_mtok"} <= set(u.__all__)


# ---- Quantities as layer keywords ------------------------------------------------------------------
def test_an_electricity_price_in_usd_per_mwh_is_converted_to_usd_per_kwh():
    c = h200_colocation(electricity_usd_per_kwh=u.usd_per_mwh(87))
    assert c.electricity_usd_per_kwh == pytest.approx(0.087, rel=1e-15)  # 87 / 1,000
    # and the cost follows: 0.087 x 1.35 x 1.25 = 0.1468125 USD/hr/GPU
    assert c.electricity_cost_usd_per_gpu_hour == pytest.approx(0.1468125, abs=1e-12)


def test_a_useful_life_in_months_is_converted_to_years():
    d = ft.Depreciation(useful_life_years=u.months(48), residual_value_fraction=0, cost_of_capital_per_year=0)
    assert d.useful_life_years == pytest.approx(4.0, rel=1e-15)  # 48 / 12


def test_a_utilization_in_percent_is_converted_to_a_fraction():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=1.90, utilization=u.percent(80))
    assert rental.utilization == pytest.approx(0.8, rel=1e-15)
    # 1.90 x 0.8 = 1.52
    assert rental.revenue_usd_per_owned_gpu_hour == pytest.approx(1.52, abs=1e-12)


def test_a_token_factory_change_accepts_a_quantity(h200):
    changed = h200.with_(electricity_usd_per_kwh=u.usd_per_mwh(87), useful_life_years=u.months(48))
    assert changed == h200  # 87 USD/MWh = 0.087 USD/kWh and 48 months = 4 years: nothing changed


def test_a_quantity_of_the_unit_named_is_taken_as_is():
    assert ft.Throughput(tokens_per_s_per_gpu=u.tokens_per_s_per_gpu(735)).tokens_per_s_per_gpu == 735


def test_a_quantity_of_the_wrong_kind_names_the_parameter_and_the_expected_unit():
    with pytest.raises(TypeError) as raised:
        h200_colocation(colocation_usd_per_kw_month=u.usd_per_kwh(0.087))
    message = str(raised.value)
    assert "colocation_usd_per_kw_month" in message
    assert "USD/kW/month" in message
    assert "USD/kWh" in message  # what was given


@pytest.mark.parametrize(("keyword", "quantity", "expected_symbol"), [
    ("electricity_usd_per_kwh", u.usd_per_kw_month(110), "USD/kWh"),
    ("kw_per_gpu", u.usd(1), "kW/GPU"),
    ("pue", u.years(1), "ratio"),
])
def test_every_keyword_refuses_a_quantity_of_another_kind(keyword, quantity, expected_symbol):
    with pytest.raises(TypeError) as raised:
        h200_colocation(**{keyword: quantity})
    assert keyword in str(raised.value)
    assert expected_symbol in str(raised.value)


@pytest.mark.parametrize("value", ["0.087", None, True, False, 0.087j, [0.087], object()],
                         ids=["str", "None", "True", "False", "complex", "list", "object"])
def test_a_value_that_is_not_a_number_raises_type_error_naming_the_parameter(value):
    with pytest.raises(TypeError) as raised:
        h200_colocation(electricity_usd_per_kwh=value)
    assert "electricity_usd_per_kwh" in str(raised.value)
    assert "USD/kWh" in str(raised.value)


def test_a_numpy_bool_is_refused_like_a_python_bool():
    # True is refused (a bool is not a price); numpy's bool must not slip through as 1.0.
    with pytest.raises(TypeError) as raised:
        h200_colocation(electricity_usd_per_kwh=np.True_)
    assert "electricity_usd_per_kwh" in str(raised.value)


@pytest.mark.parametrize("value", [np.float64(0.087), np.float32(0.087)], ids=["float64", "float32"])
def test_numpy_floats_are_accepted(value):
    assert h200_colocation(electricity_usd_per_kwh=value).electricity_usd_per_kwh == pytest.approx(0.087, rel=1e-7)


def test_numpy_integers_are_accepted():
    assert ft.Server(usd_per_server=np.int64(246_391), gpus_per_server=np.int64(8)).capex_usd_per_gpu == \
        pytest.approx(30_798.875, rel=1e-12)  # 246,391 / 8
