"""Each layer, built from keywords, against hand calculations written out here (the same cases as
tests/cpp/test_layers.cpp), and the bill of materials."""

from __future__ import annotations

import pandas as pd
import pytest

import fabtoken as ft
from conftest import CAPEX_PER_GPU, COMPUTE_COST, DEPRECIATION, MTOK_PER_GPU_HOUR


def h200_colocation(**changes) -> ft.Colocation:
    inputs = dict(kw_per_gpu=1.35, pue=1.25, load_factor=1.0, colocation_usd_per_kw_month=110,
                  electricity_usd_per_kwh=0.087)
    return ft.Colocation(**(inputs | changes))


# ---- Server ----------------------------------------------------------------------------------------
def test_server_capex_per_gpu_is_server_price_over_gpus():
    server = ft.Server(usd_per_server=246_391, gpus_per_server=8)
    assert server.capex_usd_per_gpu == pytest.approx(CAPEX_PER_GPU, rel=1e-12)  # 246,391 / 8
    assert server.usd_per_server == 246_391
    assert server.gpus_per_server == 8
    assert server.inputs() == {"usd_per_server": 246_391, "gpus_per_server": 8}


# ---- Depreciation ----------------------------------------------------------------------------------
def test_straight_line_depreciation_spreads_capex_over_the_useful_life():
    four_years = ft.Depreciation(useful_life_years=4, residual_value_fraction=0, cost_of_capital_per_year=0)
    # figures.md s1: 246,391 / 8 / (4 x 8,760) = 0.879 USD/hr/GPU
    assert four_years.capital_charge_usd_per_gpu_hour(CAPEX_PER_GPU) == pytest.approx(DEPRECIATION, abs=1e-7)
    assert four_years.capital_charge_usd_per_gpu_hour(CAPEX_PER_GPU) == pytest.approx(0.88, abs=0.005)


def test_residual_value_is_left_out_of_the_depreciation():
    d = ft.Depreciation(useful_life_years=4, residual_value_fraction=0.2, cost_of_capital_per_year=0)
    # 30,798.875 x (1 - 0.2) / 35,040 h = 0.7031707 USD/hr/GPU
    assert d.capital_charge_usd_per_gpu_hour(CAPEX_PER_GPU) == pytest.approx(0.7031707, abs=1e-7)


def test_cost_of_capital_gives_an_annuity_charge():
    d = ft.Depreciation(useful_life_years=4, residual_value_fraction=0, cost_of_capital_per_year=0.10)
    # 1.1^4 = 1.4641; annuity factor 0.1 / (1 - 1 / 1.4641) = 0.3154708;
    # 30,798.875 x 0.3154708 / 8,760 = 1.1091491 USD/hr/GPU
    assert d.capital_charge_usd_per_gpu_hour(CAPEX_PER_GPU) == pytest.approx(1.1091491, abs=1e-7)


def test_cost_of_capital_discounts_the_residual_value():
    d = ft.Depreciation(useful_life_years=4, residual_value_fraction=0.2, cost_of_capital_per_year=0.10)
    # (1 - 0.2 / 1.4641) x 30,798.875 x 0.3154708 / 8,760 = 0.8633973 x 1.1091491 = 0.9576363
    assert d.capital_charge_usd_per_gpu_hour(CAPEX_PER_GPU) == pytest.approx(0.9576363, abs=1e-7)


# ---- Colocation and power --------------------------------------------------------------------------
def test_colocation_charges_contracted_power_and_electricity_drawn():
    c = h200_colocation()
    # figures.md s1: 110 x 1.35 / 730 + 0.087 x 1.35 x 1.25 = 0.2034247 + 0.1468125 = 0.350
    assert c.colocation_cost_usd_per_gpu_hour == pytest.approx(0.2034247, abs=1e-7)
    assert c.electricity_cost_usd_per_gpu_hour == pytest.approx(0.1468125, abs=1e-12)
    assert c.operating_cost_usd_per_gpu_hour == pytest.approx(0.3502372, abs=1e-7)
    assert c.operating_cost_usd_per_gpu_hour == pytest.approx(0.35, abs=0.005)


def test_load_factor_scales_electricity_but_not_colocation():
    c = h200_colocation(load_factor=0.6)
    # electricity 0.087 x 1.35 x 0.6 x 1.25 = 0.0880875; colocation still 110 x 1.35 / 730 = 0.2034247
    assert c.electricity_cost_usd_per_gpu_hour == pytest.approx(0.0880875, abs=1e-12)
    assert c.colocation_cost_usd_per_gpu_hour == pytest.approx(0.2034247, abs=1e-7)


# ---- GPU rental ------------------------------------------------------------------------------------
def test_rental_margin_is_price_less_cost_over_price():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=1.90, utilization=1.0)
    # figures.md s1: (1.90 - 1.23) / 1.90 = 35.3%; profit 0.67 USD/hr/GPU
    assert rental.gross_margin(1.23) == pytest.approx(0.3526316, abs=1e-7)
    assert rental.gross_profit_usd_per_gpu_hour(1.23) == pytest.approx(0.67, abs=1e-12)
    assert rental.revenue_usd_per_owned_gpu_hour == pytest.approx(1.90, abs=1e-12)


def test_rental_below_full_utilization_earns_only_the_hours_sold():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=1.90, utilization=0.8)
    # 1.90 x 0.8 = 1.52 per owned hour; (1.52 - 1.23) / 1.52 = 19.07895%
    assert rental.revenue_usd_per_owned_gpu_hour == pytest.approx(1.52, abs=1e-12)
    assert rental.gross_margin(cost_usd_per_gpu_hour=1.23) == pytest.approx(0.1907895, abs=1e-7)


# ---- Throughput, API price, app --------------------------------------------------------------------
def test_throughput_cost_per_mtok_is_gpu_hour_price_over_mtok_per_gpu_hour():
    t = ft.Throughput(tokens_per_s_per_gpu=735)
    # figures.md s1: 735 x 3,600 / 10^6 = 2.646 Mtok/GPU-hr; 1.90 / 2.646 = 0.718 USD/Mtok
    assert t.mtok_per_gpu_hour == pytest.approx(MTOK_PER_GPU_HOUR, abs=1e-12)
    assert t.cost_usd_per_mtok(1.90) == pytest.approx(COMPUTE_COST, abs=1e-7)
    assert t.cost_usd_per_mtok(price_usd_per_gpu_hour=1.90) == pytest.approx(0.72, abs=0.005)


def test_api_margin_is_price_less_compute_cost_over_price():
    price = ft.ApiPrice(api_price_usd_per_mtok=1.75)
    # figures.md s1: (1.75 - 0.718) / 1.75 = 59.0%; profit 1.75 - 0.718 = 1.032
    assert price.gross_margin(0.718) == pytest.approx(0.5897143, abs=1e-7)
    assert price.gross_profit_usd_per_mtok(compute_cost_usd_per_mtok=0.718) == pytest.approx(1.032, abs=1e-12)


def test_third_party_app_pays_the_api_price_for_every_token():
    app = ft.App(tokens_per_user_month=10_000_000, arpu_usd_per_month=20)
    e = app.economics(1.75)
    # figures.md s1: 10 Mtok x 1.75 = 17.50; 20 - 17.50 = 2.50; 2.50 / 20 = 12.5%
    assert e.token_unit_cost_usd_per_mtok == pytest.approx(1.75, abs=1e-12)
    assert e.token_cost_usd_per_user_month == pytest.approx(17.50, abs=1e-9)
    assert e.gross_profit_usd_per_user_month == pytest.approx(2.50, abs=1e-9)
    assert e.gross_margin == pytest.approx(0.125, abs=1e-12)


def test_a_loss_making_app_has_a_negative_margin():
    app = ft.App(tokens_per_user_month=10_000_000, arpu_usd_per_month=20)
    # 10 Mtok x 2.50 = 25 USD against 20 USD: -5 USD, -25%
    e = app.economics(token_unit_cost_usd_per_mtok=2.50)
    assert e.gross_profit_usd_per_user_month == pytest.approx(-5.0, abs=1e-9)
    assert e.gross_margin == pytest.approx(-0.25, abs=1e-12)


def test_an_app_whose_users_use_no_tokens_keeps_all_its_revenue():
    # 0 tokens x 1.75 = 0 USD: profit 20, margin 100%
    e = ft.App(tokens_per_user_month=0, arpu_usd_per_month=20).economics(1.75)
    assert e.gross_profit_usd_per_user_month == pytest.approx(20.0, abs=1e-12)
    assert e.gross_margin == 1.0


def test_layer_with_changes_one_input_and_returns_a_new_layer():
    rental = ft.GpuRental(rental_usd_per_gpu_hour=1.90, utilization=1.0)
    half_sold = rental.with_(utilization=0.5)
    # 1.90 x 0.5 = 0.95 per owned hour
    assert half_sold.revenue_usd_per_owned_gpu_hour == pytest.approx(0.95, abs=1e-12)
    assert half_sold.rental_usd_per_gpu_hour == pytest.approx(1.90, rel=1e-15)
    assert rental.utilization == 1.0


# ---- Bill of materials -----------------------------------------------------------------------------
def example_bom() -> ft.BillOfMaterials:
    return ft.BillOfMaterials([
        ft.Component(name="GPU board", count=8, unit_cost_usd=20_000, supplier_gross_margin=0.75),
        ft.Component(name="memory", count=1, unit_cost_usd=10_000, supplier_gross_margin=0.60),
        ft.Component(name="chassis", unit_cost_usd=30_000, supplier_gross_margin=0.0),
    ])


def test_a_component_is_priced_at_its_suppliers_margin():
    board = ft.Component(name="GPU board", count=8, unit_cost_usd=20_000, supplier_gross_margin=0.75)
    # 8 x 20,000 = 160,000 at cost; at a 75% margin 160,000 / (1 - 0.75) = 640,000; profit 480,000
    assert board.cost_usd == pytest.approx(160_000, abs=1e-9)
    assert board.price_usd == pytest.approx(640_000, abs=1e-9)
    assert board.supplier_gross_profit_usd == pytest.approx(480_000, abs=1e-9)
    assert (board.name, board.count, board.unit_cost_usd, board.supplier_gross_margin) == ("GPU board", 8, 20_000, 0.75)


def test_a_component_counts_one_part_unless_told_otherwise():
    assert ft.Component(name="chassis", unit_cost_usd=30_000, supplier_gross_margin=0.0).count == 1


def test_bill_of_materials_sums_cost_price_and_supplier_profit():
    bom = example_bom()
    # memory 10,000 / (1 - 0.60) = 25,000, profit 15,000; chassis at cost, 30,000
    assert bom.components[1].supplier_gross_profit_usd == pytest.approx(15_000, abs=1e-9)
    assert bom.cost_usd == pytest.approx(200_000, abs=1e-9)  # 160,000 + 10,000 + 30,000
    assert bom.system_price_usd == pytest.approx(695_000, abs=1e-9)  # 640,000 + 25,000 + 30,000
    assert bom.supplier_gross_profit_usd == pytest.approx(495_000, abs=1e-9)  # 695,000 - 200,000
    assert [c.name for c in bom.components] == ["GPU board", "memory", "chassis"]


def test_bill_of_materials_prices_a_server_at_its_system_price():
    server = example_bom().server(gpus_per_server=8)
    assert isinstance(server, ft.Server)
    assert server.usd_per_server == pytest.approx(695_000, abs=1e-9)
    assert server.capex_usd_per_gpu == pytest.approx(86_875, abs=1e-9)  # 695,000 / 8


def test_bill_of_materials_table_has_one_row_per_component():
    table = example_bom().table()
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["component", "count", "unit_cost_usd", "cost_usd", "supplier_gross_margin",
                                   "price_usd", "supplier_gross_profit_usd"]
    assert list(table["component"]) == ["GPU board", "memory", "chassis"]
    # prices 640,000 / 25,000 / 30,000; profits 480,000 / 15,000 / 0 (worked out above)
    assert list(table["price_usd"]) == pytest.approx([640_000, 25_000, 30_000], abs=1e-9)
    assert list(table["supplier_gross_profit_usd"]) == pytest.approx([480_000, 15_000, 0], abs=1e-9)


@pytest.mark.parametrize(("changes", "fragment"), [
    (dict(supplier_gross_margin=1.0), "supplier_gross_margin must be in [0, 1), got 1"),
    (dict(count=0), "count must be a positive finite number, got 0"),
    (dict(unit_cost_usd=-5), "unit_cost must be a finite number >= 0, got -5"),
    (dict(name=""), "name must not be empty"),
])
def test_a_component_rejects_bad_parts(changes, fragment):
    inputs = dict(name="HBM", count=1, unit_cost_usd=100, supplier_gross_margin=0.5) | changes
    with pytest.raises(ValueError) as raised:
        ft.Component(**inputs)
    assert fragment in str(raised.value)
    if inputs["name"]:
        assert "component 'HBM'" in str(raised.value)


def test_a_bill_of_materials_needs_a_component():
    with pytest.raises(ValueError, match="at least one component"):
        ft.BillOfMaterials([])
