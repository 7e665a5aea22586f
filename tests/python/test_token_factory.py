"""The H200 token factory against figures.md section 1, and TokenFactory's Python surface."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import fabtoken as ft
from conftest import CAPEX_PER_GPU, COMPUTE_COST, DEPRECIATION, MTOK_PER_GPU_HOUR, OPERATING_COST, TOTAL_COST

# figures.md s1, row by row: (layer, item, unit, published value, half a unit of the last digit shown).
# Units are the library's symbols for the published ones ("USD per 8-GPU server" is USD for one
# server; "tokens" per user per month is tokens/month).
PUBLISHED = [
    ("Chip", "Total server capital cost", "USD", 246_391, 0.5),
    ("IaaS", "Useful life", "years", 4.0, 0.05),
    ("IaaS", "Depreciation expense", "USD/hr/GPU", 0.88, 0.005),
    ("IaaS", "Colocation cost", "USD/kW/month", 110, 0.5),
    ("IaaS", "Electricity cost", "USD/kWh", 0.087, 0.0005),
    ("IaaS", "Operating cost", "USD/hr/GPU", 0.35, 0.005),
    ("IaaS", "Total variable cost", "USD/hr/GPU", 1.23, 0.005),
    ("IaaS", "Revenue (rental price)", "USD/hr/GPU", 1.90, 0.005),
    ("IaaS", "Neocloud gross margin", "%", 35, 0.5),
    ("PaaS", "Effective inference throughput", "tokens/s/GPU", 735, 0.5),
    ("PaaS", "Inference compute cost", "USD/Mtok", 0.72, 0.005),
    ("PaaS", "Inference API blended price", "USD/Mtok", 1.75, 0.005),
    ("PaaS", "Model gross margin", "%", 59.0, 0.05),
    ("Application", "Tokens per user per month", "tokens/month", 10_000_000, 0.5),
    ("Application", "3P token unit cost", "USD/Mtok", 1.75, 0.005),
    ("Application", "Average revenue per user", "USD/month", 20.00, 0.005),
    ("Application", "3P gross profit per user", "USD/month", 2.50, 0.005),
    ("Application", "3P application gross margin", "%", 12.5, 0.05),
    ("Application", "1P token unit cost", "USD/Mtok", 0.72, 0.005),
    ("Application", "1P gross profit per user", "USD/month", 12.82, 0.005),
    ("Application", "1P application gross margin", "%", 64.1, 0.05),
]


def row(table: pd.DataFrame, item: str) -> pd.Series:
    matches = table[table["item"] == item]
    assert len(matches) == 1, f"expected one row {item!r}, found {len(matches)}"
    return matches.iloc[0]


@pytest.mark.parametrize(("layer", "item", "unit", "published", "half_digit"), PUBLISHED,
                         ids=[p[1] for p in PUBLISHED])
def test_h200_preset_reproduces_every_published_row(h200, layer, item, unit, published, half_digit):
    found = row(h200.table(), item)
    assert found["layer"] == layer
    assert found["unit"] == unit
    assert abs(found["value"] - published) <= half_digit, f"{item}: got {found['value']}, published {published}"


def test_table_has_the_columns_layer_item_unit_value_role(h200):
    table = h200.table()
    assert list(table.columns) == ["layer", "item", "unit", "value", "role"]
    # 21 published rows + GPUs per server, capital cost per GPU, residual value, cost of capital,
    # power per GPU, PUE, load factor and utilization = 29 rows.
    assert len(table) == 29
    assert set(table["role"]) == {"input", "result"}
    assert row(table, "Revenue (rental price)")["role"] == "input"
    assert row(table, "Model gross margin")["role"] == "result"


def test_table_follows_the_derivations_in_figures(h200):
    table = h200.table()
    # figures.md s1 "How the rows follow from each other", at the precision written there.
    assert row(table, "Depreciation expense")["value"] == pytest.approx(0.879, abs=0.0005)
    assert row(table, "Operating cost")["value"] == pytest.approx(0.350, abs=0.0005)
    assert row(table, "Neocloud gross margin")["value"] == pytest.approx(35.3, abs=0.05)
    assert row(table, "Inference compute cost")["value"] == pytest.approx(0.718, abs=0.0005)
    # 246,391 / 8 = 30,798.875 USD/GPU
    assert row(table, "Capital cost per GPU")["value"] == pytest.approx(CAPEX_PER_GPU, rel=1e-12)


def test_every_value_in_the_table_is_finite(h200):
    assert all(math.isfinite(v) for v in h200.table()["value"])


def test_evaluate_gives_every_result_in_the_units_its_name_carries(h200):
    e = h200.evaluate()
    assert e.capex_usd_per_gpu == pytest.approx(CAPEX_PER_GPU, rel=1e-12)
    assert e.depreciation_usd_per_gpu_hour == pytest.approx(DEPRECIATION, abs=1e-7)
    assert e.colocation_cost_usd_per_gpu_hour == pytest.approx(0.2034247, abs=1e-7)  # 110 x 1.35 / 730
    assert e.electricity_cost_usd_per_gpu_hour == pytest.approx(0.1468125, abs=1e-12)  # 0.087 x 1.35 x 1.25
    assert e.operating_cost_usd_per_gpu_hour == pytest.approx(OPERATING_COST, abs=1e-7)
    assert e.total_cost_usd_per_gpu_hour == pytest.approx(TOTAL_COST, abs=1e-7)
    assert e.cloud_revenue_usd_per_gpu_hour == pytest.approx(1.90, abs=1e-12)  # 1.90 x 100% sold
    # 1.90 - 1.2292005 = 0.6707995; / 1.90 = 0.3530524
    assert e.cloud_gross_profit_usd_per_gpu_hour == pytest.approx(0.6707995, abs=1e-7)
    assert e.cloud_gross_margin == pytest.approx(0.3530524, abs=1e-7)
    assert e.mtok_per_gpu_hour == pytest.approx(MTOK_PER_GPU_HOUR, rel=1e-12)
    assert e.compute_cost_usd_per_mtok == pytest.approx(COMPUTE_COST, abs=1e-7)  # 1.90 / 2.646
    # 1.75 - 0.7180650 = 1.0319350; / 1.75 = 0.5896771
    assert e.model_gross_profit_usd_per_mtok == pytest.approx(1.0319350, abs=1e-7)
    assert e.model_gross_margin == pytest.approx(0.5896771, abs=1e-7)


def test_third_party_app_pays_the_api_price(h200):
    app = h200.evaluate().third_party_app
    assert isinstance(app, ft.AppEconomics)
    # figures.md s1: 10 Mtok x 1.75 = 17.50; 20 - 17.50 = 2.50; 2.50 / 20 = 12.5%
    assert app.token_unit_cost_usd_per_mtok == pytest.approx(1.75, abs=1e-12)
    assert app.token_cost_usd_per_user_month == pytest.approx(17.50, abs=1e-9)
    assert app.gross_profit_usd_per_user_month == pytest.approx(2.50, abs=1e-9)
    assert app.gross_margin == pytest.approx(0.125, abs=1e-12)


def test_first_party_app_pays_the_compute_cost(h200):
    app = h200.evaluate().first_party_app
    assert isinstance(app, ft.AppEconomics)
    # figures.md s1: 10 x 0.7180650 = 7.180650; 20 - 7.180650 = 12.819350; / 20 = 64.09675%
    assert app.token_unit_cost_usd_per_mtok == pytest.approx(COMPUTE_COST, abs=1e-7)
    assert app.token_cost_usd_per_user_month == pytest.approx(7.180650, abs=1e-6)
    assert app.gross_profit_usd_per_user_month == pytest.approx(12.819350, abs=1e-6)
    assert app.gross_margin == pytest.approx(0.6409675, abs=1e-7)


def test_app_economics_repr_shows_cost_profit_and_margin(h200):
    text = repr(h200.evaluate().third_party_app)
    assert text.startswith("AppEconomics(") and text.endswith(")")
    shown = {name: float(value) for name, value in re.findall(r"(\w+)=([-+0-9.e]+)", text)}
    # figures.md s1: 3P unit cost 1.75; profit 20 - 17.50 = 2.50; margin 2.50 / 20 = 12.5%
    assert shown == pytest.approx({"token_unit_cost_usd_per_mtok": 1.75, "gross_profit_usd_per_user_month": 2.50,
                                   "gross_margin": 0.125}, abs=1e-9)


def test_with_a_dearer_rental_raises_compute_cost_and_leaves_the_original_untouched(h200):
    dearer = h200.with_(rental_usd_per_gpu_hour=2.10)
    # 2.10 / 2.646 = 0.7936508 USD/Mtok
    assert dearer.evaluate().compute_cost_usd_per_mtok == pytest.approx(0.7936508, abs=1e-7)
    # (2.10 - 1.2292005) / 2.10 = 41.46664%; (1.75 - 0.7936508) / 1.75 = 54.64853%
    assert dearer.evaluate().cloud_gross_margin == pytest.approx(0.4146664, abs=1e-7)
    assert dearer.evaluate().model_gross_margin == pytest.approx(0.5464853, abs=1e-7)
    assert dearer.inputs()["rental_usd_per_gpu_hour"] == pytest.approx(2.10, rel=1e-15)
    # the original still pays 1.90: 1.90 / 2.646 = 0.7180650
    assert h200.evaluate().compute_cost_usd_per_mtok == pytest.approx(COMPUTE_COST, abs=1e-7)
    assert h200.inputs()["rental_usd_per_gpu_hour"] == pytest.approx(1.90, rel=1e-15)
    assert dearer != h200


def test_utilization_below_full_lowers_only_the_cloud_margin(h200):
    sold_75 = h200.with_(utilization=0.75).evaluate()
    # 1.90 x 0.75 = 1.425 USD per GPU-hour owned; (1.425 - 1.2292005) / 1.425 = 13.74032%
    assert sold_75.cloud_revenue_usd_per_gpu_hour == pytest.approx(1.425, abs=1e-12)
    assert sold_75.cloud_gross_margin == pytest.approx(0.1374032, abs=1e-7)
    # the provider still pays 1.90 per hour it rents: 1.90 / 2.646 = 0.7180650
    assert sold_75.compute_cost_usd_per_mtok == pytest.approx(COMPUTE_COST, abs=1e-7)
    assert row(h200.with_(utilization=0.75).table(), "Utilization")["value"] == pytest.approx(75.0, abs=1e-9)


def test_cost_of_capital_turns_depreciation_into_an_annuity(h200):
    financed = h200.with_(cost_of_capital_per_year=0.10)
    e = financed.evaluate()
    # r = 10%, n = 4: 1.1^4 = 1.4641; annuity factor = 0.1 / (1 - 1 / 1.4641) = 0.3154708;
    # 30,798.875 x 0.3154708 / 8,760 = 1.1091491 USD/hr/GPU
    assert e.depreciation_usd_per_gpu_hour == pytest.approx(1.1091491, abs=1e-7)
    # total 1.1091491 + 0.3502372 = 1.4593863; margin (1.90 - 1.4593863) / 1.90 = 23.19020%
    assert e.total_cost_usd_per_gpu_hour == pytest.approx(1.4593863, abs=1e-7)
    assert e.cloud_gross_margin == pytest.approx(0.2319020, abs=1e-7)
    assert row(financed.table(), "Cost of capital")["value"] == pytest.approx(10.0, abs=1e-9)


def test_residual_value_is_not_depreciated(h200):
    # 30,798.875 x (1 - 0.2) / (4 x 8,760) = 0.7031707 USD/hr/GPU
    e = h200.with_(residual_value_fraction=0.2).evaluate()
    assert e.depreciation_usd_per_gpu_hour == pytest.approx(0.7031707, abs=1e-7)


def test_cost_of_capital_with_residual_value_discounts_the_residual(h200):
    # residual 20% is worth 0.2 / 1.4641 = 0.1366027 of capex today;
    # (1 - 0.1366027) x 30,798.875 x 0.3154708 / 8,760 = 0.9576363 USD/hr/GPU
    e = h200.with_(residual_value_fraction=0.2, cost_of_capital_per_year=0.10).evaluate()
    assert e.depreciation_usd_per_gpu_hour == pytest.approx(0.9576363, abs=1e-7)


@pytest.mark.parametrize("rate", [1e-9, 1e-12, 1e-17])
def test_a_vanishing_cost_of_capital_gives_the_straight_line_charge(h200, rate):
    # As r -> 0 the annuity r / (1 - (1 + r)^-n) tends to 1 / n: the charge tends to straight line,
    # 30,798.875 / (4 x 8,760) = 0.8789633 USD/hr/GPU, and a positive rate never charges less.
    # At r = 1e-9 the exact charge is 0.8789633 x (1 + about 2.5e-9), well inside 1e-7.
    charge = h200.with_(cost_of_capital_per_year=rate).evaluate().depreciation_usd_per_gpu_hour
    assert math.isfinite(charge)
    assert charge == pytest.approx(DEPRECIATION, abs=1e-7)


def test_a_vanishing_cost_of_capital_keeps_every_table_value_finite(h200):
    # cost_of_capital_per_year = 1e-17 is a valid input (the range is [0, 1]); with a residual of
    # 100% nothing is left to depreciate, so the charge is 0 and the margin (1.90 - 0.3502372) / 1.90.
    table = h200.with_(cost_of_capital_per_year=1e-17, residual_value_fraction=1.0).table()
    bad = {item: value for item, value in zip(table["item"], table["value"]) if not math.isfinite(value)}
    assert bad == {}
    assert row(table, "Neocloud gross margin")["value"] == pytest.approx(81.5665, abs=1e-3)


def test_a_factory_rebuilt_from_its_inputs_is_equal(h200):
    assert ft.TokenFactory.from_inputs(**h200.inputs()) == h200


def test_a_factory_built_from_its_layers_equals_the_preset(h200):
    built = ft.TokenFactory(
        server=ft.Server(usd_per_server=246_391, gpus_per_server=8),
        depreciation=ft.Depreciation(useful_life_years=4, residual_value_fraction=0, cost_of_capital_per_year=0),
        colocation=ft.Colocation(kw_per_gpu=1.35, pue=1.25, load_factor=1.0, colocation_usd_per_kw_month=110,
                                 electricity_usd_per_kwh=0.087),
        rental=ft.GpuRental(rental_usd_per_gpu_hour=1.90, utilization=1.0),
        throughput=ft.Throughput(tokens_per_s_per_gpu=735),
        api_price=ft.ApiPrice(api_price_usd_per_mtok=1.75),
        app=ft.App(tokens_per_user_month=10_000_000, arpu_usd_per_month=20.0),
    )
    assert built == h200
    assert built.server == h200.server
    assert built.rental.rental_usd_per_gpu_hour == pytest.approx(1.90, rel=1e-15)


def test_inputs_name_all_sixteen_parameters(h200):
    inputs = h200.inputs()
    assert list(inputs) == list(ft.TokenFactory.parameters()["name"])
    assert inputs["usd_per_server"] == 246_391  # figures.md s1
    assert inputs["electricity_usd_per_kwh"] == pytest.approx(0.087, rel=1e-15)
    assert inputs["tokens_per_user_month"] == pytest.approx(10_000_000, rel=1e-15)


def test_parameters_lists_sixteen_inputs_with_layer_item_and_unit():
    parameters = ft.TokenFactory.parameters()
    assert list(parameters.columns) == ["name", "layer", "item", "unit"]
    # server 2 + depreciation 3 + colocation 5 + rental 2 + throughput 1 + API price 1 + app 2 = 16
    assert len(parameters) == 16
    assert parameters["name"].is_unique
    by_name = parameters.set_index("name")
    assert by_name.loc["electricity_usd_per_kwh", "unit"] == "USD/kWh"
    assert by_name.loc["electricity_usd_per_kwh", "layer"] == "IaaS"
    assert by_name.loc["api_price_usd_per_mtok", "item"] == "Inference API blended price"
    assert by_name.loc["arpu_usd_per_month", "layer"] == "Application"


def test_the_notebook_html_is_the_table(h200):
    html = h200._repr_html_()
    assert html.lstrip().startswith("<table")
    assert "Model gross margin" in html
    assert "Neocloud gross margin" in html


def test_report_is_an_aligned_text_table_of_every_row(h200):
    text = h200.report()
    lines = text.splitlines()
    assert lines[0].split() == ["Layer", "Item", "Unit", "Value"]
    assert set(lines[1]) == {"-"}
    assert len(lines) == 2 + 29
    assert len({len(line) for line in lines}) == 1  # every line padded to one width
    # figures.md s1 at the rounding the report shows: 246,391; 0.879; 0.350; 0.718;
    # (1.75 - 0.7180650) / 1.75 = 58.97%; 20 - 7.180650 = 12.82
    for shown in ["246,391", "0.879", "0.350", "0.718", "58.97", "12.82", "10,000,000"]:
        assert shown in text, shown
    model_margin = next(line for line in lines if "Model gross margin" in line)
    assert model_margin.split()[0] == "PaaS"
    assert model_margin.rstrip().endswith("58.97")
