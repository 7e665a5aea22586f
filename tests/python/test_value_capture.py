"""Value capture: the end user's payment split over every layer of the H200 chain (figures.md
section 1), in three units and on both paths, with the supplier margins bundled from figures.md
section 7 or given in a file of one's own.

Every expected number comes from figures.md or from a hand calculation written out beside it; the
figures.md s1 values (depreciation, operating cost, compute cost) are derived in conftest.py.
"""

from __future__ import annotations

import math
import pathlib

import pytest

import fabtoken as ft

# Supplier margins for the tests (not published figures): system vendor 75%, memory 20% of its cost
# at a 60% margin, foundry 10% at 60%, datacenter 30% (as in tests/cpp/test_value_capture.cpp).
TEST_MARGINS = dict(system_vendor_gross_margin=0.75, memory_share_of_system_cost=0.20, memory_gross_margin=0.60,
                    foundry_share_of_system_cost=0.10, foundry_gross_margin=0.60, datacenter_gross_margin=0.30)

# Per user-month, 10 Mtok on the H200 stack, 20 USD paid:
#   GPU-hours        = 10 / 2.646                                   = 3.7792895
#   API spend        = 10 x 1.75                                    = 17.50
#   rental spend     = 10 x 0.7180650                               = 7.180650
#   hardware         = 3.7792895 x 0.8789633                        = 3.321857 (the system vendor's revenue)
#   datacenter       = 3.7792895 x 0.3502372                        = 1.323648 (30% kept: 0.397094; 0.926553 own costs)
#   cloud cost       = 3.321857 + 1.323648                          = 4.645505; profit 7.180650 - 4.645505 = 2.535146
#   vendor COGS      = 3.321857 x 0.25                              = 0.830464; profit 3.321857 x 0.75 = 2.491393
#   memory           = 0.830464 x 0.20                              = 0.166093 (60% kept: 0.099656; COGS 0.066437)
#   foundry          = 0.830464 x 0.10                              = 0.083046 (60% kept: 0.049828; COGS 0.033219)
#   other components = 0.830464 - 0.166093 - 0.083046              = 0.581325
# layer -> (revenue, cost, gross profit) per user-month, third-party path
THIRD_PARTY = {
    "Application": (20.0, 17.50, 2.50),
    "Model provider": (17.50, 7.180650, 10.319350),
    "Cloud": (7.180650, 4.645505, 2.535146),
    "Datacenter and power": (1.323648, 0.926553, 0.397094),
    "System vendor": (3.321857, 0.830464, 2.491393),
    "Financing": (0.0, 0.0, 0.0),
    "Memory": (0.166093, 0.066437, 0.099656),
    "Foundry": (0.083046, 0.033219, 0.049828),
}
# costs left at the bottom: revenue 0, no profit
BOTTOM = {
    "Datacenter and power: own costs": 0.926553,
    "Other components and assembly": 0.581325,
    "Memory: cost of goods": 0.066437,
    "Foundry: cost of goods": 0.033219,
}
LAYER_ORDER_3P = ["Application", "Model provider", "Cloud", "Datacenter and power", "System vendor", "Financing",
                  "Memory", "Foundry", *BOTTOM]
# Each row's hand value is rounded to 6 decimals, so compare at 1e-6 USD per user-month.
TOLERANCE = 1.5e-6

UNITS = {"user_month": ("_usd_per_user_month", 1.0), "mtok": ("_usd_per_mtok", 10.0), "dollar": ("_per_usd", 20.0)}


def margins_for_tests() -> ft.SupplierMargins:
    return ft.SupplierMargins(**TEST_MARGINS)


@pytest.fixture
def chain(h200) -> ft.ValueCapture:
    return ft.ValueCapture(h200, margins_for_tests())


def by_layer(table) -> dict[str, dict]:
    return {row["layer"]: row for row in table.to_dict("records")}


def kept(table, suffix: str) -> float:
    """Every layer's gross profit plus every cost left at the bottom."""
    return sum(row["cost" + suffix] if row["role"] == "cost left at the bottom" else row["gross_profit" + suffix]
               for row in table.to_dict("records"))


# --- the hand-calculated chain ---------------------------------------------------------------------

@pytest.mark.parametrize("layer", list(THIRD_PARTY))
def test_each_layer_of_the_third_party_chain_matches_the_hand_calculation(chain, layer):
    revenue, cost, profit = THIRD_PARTY[layer]
    row = by_layer(chain.table(path="3p"))[layer]
    assert row["role"] == "layer"
    assert row["revenue_usd_per_user_month"] == pytest.approx(revenue, abs=TOLERANCE)
    assert row["cost_usd_per_user_month"] == pytest.approx(cost, abs=TOLERANCE)
    assert row["gross_profit_usd_per_user_month"] == pytest.approx(profit, abs=TOLERANCE)


@pytest.mark.parametrize("layer", list(BOTTOM))
def test_each_cost_left_at_the_bottom_matches_the_hand_calculation(chain, layer):
    row = by_layer(chain.table(path="3p"))[layer]
    assert row["role"] == "cost left at the bottom"
    assert row["cost_usd_per_user_month"] == pytest.approx(BOTTOM[layer], abs=TOLERANCE)
    assert row["revenue_usd_per_user_month"] == 0.0
    assert row["gross_profit_usd_per_user_month"] == 0.0
    assert row["share_of_profit"] == 0.0


def test_the_third_party_chain_runs_from_the_app_down_to_the_costs_left_at_the_bottom(chain):
    assert chain.table(path="3p")["layer"].tolist() == LAYER_ORDER_3P


def test_the_first_party_app_keeps_the_model_providers_margin_and_has_no_model_provider(chain):
    # The lab's own app pays compute cost: 20 - 10 x 0.718065 = 12.81935 (figures.md s1: 12.82, 64.1%).
    rows = by_layer(chain.table(path="1p"))
    assert "Model provider" not in rows
    assert list(rows) == [name for name in LAYER_ORDER_3P if name != "Model provider"]
    app = rows["Application"]
    assert app["revenue_usd_per_user_month"] == pytest.approx(20.0, abs=1e-12)
    assert app["cost_usd_per_user_month"] == pytest.approx(7.180650, abs=TOLERANCE)
    assert app["gross_profit_usd_per_user_month"] == pytest.approx(12.819350, abs=TOLERANCE)
    assert app["gross_profit_usd_per_user_month"] / 20 == pytest.approx(0.641, abs=0.0005)  # s1: 64.1%


def test_below_the_app_both_paths_are_the_same(chain):
    # The cloud and everything under it serve the same tokens whoever sells them.
    third, first = by_layer(chain.table(path="3p")), by_layer(chain.table(path="1p"))
    for layer in LAYER_ORDER_3P[2:]:
        revenue, cost = THIRD_PARTY.get(layer, (0.0, BOTTOM.get(layer)))[:2]
        assert first[layer]["revenue_usd_per_user_month"] == pytest.approx(revenue, abs=TOLERANCE), layer
        assert first[layer]["cost_usd_per_user_month"] == pytest.approx(cost, abs=TOLERANCE), layer
        for column in ("revenue_usd_per_user_month", "cost_usd_per_user_month", "gross_profit_usd_per_user_month"):
            assert third[layer][column] == pytest.approx(first[layer][column], abs=TOLERANCE), (layer, column)


def test_the_third_party_apps_margin_is_figures_md_s1s_twelve_and_a_half_percent(chain):
    # figures.md s1: 3P gross profit per user 2.50 USD/month, margin 12.5%.
    app = by_layer(chain.table(path="3p", per="dollar"))["Application"]
    assert app["gross_profit_per_usd"] == pytest.approx(0.125, abs=1e-12)


def test_shares_of_profit_divide_each_layers_profit_by_all_profit(chain):
    # All profit = 20 - bottom costs (0.926553 + 0.581325 + 0.066437 + 0.033219 = 1.607534) = 18.392466.
    # App 2.5 / 18.392466 = 13.5925%; model provider 10.319350 / 18.392466 = 56.1064%.
    rows = by_layer(chain.table(path="3p"))
    assert rows["Application"]["share_of_profit"] == pytest.approx(0.1359252, abs=1e-6)
    assert rows["Model provider"]["share_of_profit"] == pytest.approx(0.5610640, abs=1e-6)
    # 1P: the app keeps (2.5 + 10.319350) / 18.392466 = 69.6989%.
    assert by_layer(chain.table(path="1p"))["Application"]["share_of_profit"] == pytest.approx(0.6969892, abs=1e-6)


@pytest.mark.parametrize("path", ["3p", "1p"])
@pytest.mark.parametrize("per", list(UNITS))
def test_shares_of_profit_sum_to_one(chain, path, per):
    assert chain.table(path=path, per=per)["share_of_profit"].sum() == pytest.approx(1.0, abs=1e-12)


# --- units -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("per", list(UNITS))
def test_the_columns_carry_the_unit_asked_for(chain, per):
    suffix, _ = UNITS[per]
    assert list(chain.table(per=per).columns) == ["layer", "role", "revenue" + suffix, "cost" + suffix,
                                                  "gross_profit" + suffix, "share_of_profit"]


@pytest.mark.parametrize("per", ["mtok", "dollar"])
def test_flows_per_mtok_and_per_dollar_are_the_monthly_flows_divided_by_10_mtok_or_20_usd(chain, per):
    suffix, divisor = UNITS[per]
    rows = by_layer(chain.table(path="3p", per=per))
    for layer, (revenue, cost, profit) in THIRD_PARTY.items():
        assert rows[layer]["revenue" + suffix] == pytest.approx(revenue / divisor, abs=TOLERANCE / divisor), layer
        assert rows[layer]["cost" + suffix] == pytest.approx(cost / divisor, abs=TOLERANCE / divisor), layer
        assert rows[layer]["gross_profit" + suffix] == pytest.approx(profit / divisor, abs=TOLERANCE / divisor), layer


def test_per_mtok_the_model_provider_earns_the_api_price_and_pays_the_compute_cost(chain):
    # figures.md s1: API price 1.75, compute cost 0.718 USD/Mtok; 1P app 2.00 - 0.718 = 1.282 per Mtok.
    rows = by_layer(chain.table(path="3p", per="mtok"))
    assert rows["Model provider"]["revenue_usd_per_mtok"] == pytest.approx(1.75, abs=1e-12)
    assert rows["Model provider"]["cost_usd_per_mtok"] == pytest.approx(0.718, abs=0.0005)
    assert by_layer(chain.table(path="1p", per="mtok"))["Application"]["gross_profit_usd_per_mtok"] == pytest.approx(
        1.281935, abs=1e-6)


def test_flows_per_mtok_need_a_user_who_consumes_tokens(h200):
    chain = ft.ValueCapture(h200.with_(tokens_per_user_month=0), margins_for_tests())
    with pytest.raises(ValueError, match="tokens_per_user_month"):
        chain.table(per="mtok")
    # Without tokens the app keeps the whole 20 USD.
    assert by_layer(chain.table())["Application"]["gross_profit_usd_per_user_month"] == 20.0


# --- conservation ----------------------------------------------------------------------------------

STACKS = {
    "h200": {},
    "cost of capital 8%": {"cost_of_capital_per_year": 0.08},
    "utilization 70%": {"utilization": 0.7},
    "cost of capital 8%, utilization 70%, residual 20%": {"cost_of_capital_per_year": 0.08, "utilization": 0.7,
                                                          "residual_value_fraction": 0.2},
}


@pytest.mark.parametrize("path", ["3p", "1p"])
@pytest.mark.parametrize("per", list(UNITS))
@pytest.mark.parametrize("stack", list(STACKS))
def test_profits_plus_the_costs_left_at_the_bottom_add_up_to_what_the_user_paid(h200, stack, per, path):
    # 20 USD per user-month = 20 / 10 Mtok = 2 USD per Mtok = 1 per dollar.
    suffix, divisor = UNITS[per]
    table = ft.ValueCapture(h200.with_(**STACKS[stack]), margins_for_tests()).table(path=path, per=per)
    assert kept(table, suffix) == pytest.approx(20.0 / divisor, abs=1e-12)


@pytest.mark.parametrize("path", ["3p", "1p"])
def test_the_bundled_margins_conserve_the_users_dollar_too(path):
    table = ft.value_chain.for_preset().table(path=path, per="dollar")
    assert kept(table, "_per_usd") == pytest.approx(1.0, abs=1e-12)


def test_a_cost_of_capital_adds_a_financing_layer_that_keeps_the_charge_above_straight_line(h200):
    # 8% over 4 years: annuity factor 0.08 / (1 - 1.08^-4) = 0.3019208; 30,798.875 x 0.3019208 / 8,760
    # = 1.0615093 USD per GPU-hour against straight line 0.8789633: 0.1825459 more. At 70% utilization
    # the user's 10 Mtok take 3.7792895 / 0.7 = 5.3989850 owned GPU-hours: 0.985563 USD per user-month.
    table = ft.ValueCapture(h200.with_(cost_of_capital_per_year=0.08, utilization=0.7), margins_for_tests()).table()
    financing = by_layer(table)["Financing"]
    assert financing["revenue_usd_per_user_month"] == pytest.approx(0.985563, abs=1e-6)
    assert financing["cost_usd_per_user_month"] == 0.0
    assert financing["gross_profit_usd_per_user_month"] == pytest.approx(0.985563, abs=1e-6)


def test_below_full_utilization_the_cloud_pays_for_the_unsold_hours(h200):
    # At 50%: 3.7792895 / 0.5 = 7.558579 owned GPU-hours x 1.2292005 = 9.291009 of cost against the
    # same 7.180650 of rental revenue: a loss of 2.110359 per user-month.
    cloud = by_layer(ft.ValueCapture(h200.with_(utilization=0.5), margins_for_tests()).table())["Cloud"]
    assert cloud["revenue_usd_per_user_month"] == pytest.approx(7.180650, abs=1e-6)
    assert cloud["cost_usd_per_user_month"] == pytest.approx(9.291009, abs=2e-6)
    assert cloud["gross_profit_usd_per_user_month"] == pytest.approx(-2.110359, abs=2e-6)


# --- the bundled supplier margins and files of one's own -------------------------------------------

def test_the_bundled_system_vendor_margin_is_figures_md_s7s_mid_seventies():
    # figures.md s7: Nvidia targets an overall system gross margin in the mid-70s %.
    assert ft.value_chain.supplier_margins().system_vendor_gross_margin == 0.75


def test_every_bundled_supplier_margin_has_a_source():
    provenance = ft.value_chain.supplier_margins_provenance()
    assert list(provenance.columns) == ["parameter", "value", "unit", "source", "date", "note"]
    assert provenance["parameter"].tolist() == list(TEST_MARGINS)
    assert all(source.strip() for source in provenance["source"])
    sources = dict(zip(provenance["parameter"], provenance["source"]))
    assert "figures.md s7" in sources["system_vendor_gross_margin"]
    # The rest are not published: they say they are assumptions.
    for name in TEST_MARGINS:
        if name != "system_vendor_gross_margin":
            assert "assumption" in sources[name], name


def test_the_provenance_values_are_the_bundled_margins():
    margins = ft.value_chain.supplier_margins()
    provenance = ft.value_chain.supplier_margins_provenance()
    assert dict(zip(provenance["parameter"], provenance["value"])) == margins.inputs()


def test_for_preset_uses_the_h200_preset_and_the_bundled_margins_unless_given(h200):
    chain = ft.value_chain.for_preset()
    assert chain.factory == h200
    assert chain.margins == ft.value_chain.supplier_margins()
    assert ft.value_chain.for_preset("h200-deepseek-r1", margins=margins_for_tests()) == ft.ValueCapture(h200, margins_for_tests())
    assert chain.user_payment_usd_per_month == 20.0  # figures.md s1 ARPU


def test_for_preset_names_an_unknown_preset():
    with pytest.raises(ValueError, match="h100"):
        ft.value_chain.for_preset("h100")


def margins_file(tmp_path: pathlib.Path, values: dict[str, object], name: str = "margins.csv") -> pathlib.Path:
    lines = ["parameter,value,unit,source,date,note"]
    lines += [f"{key},{value},fraction,my own estimate,2026,test" for key, value in values.items()]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_margins_file_of_ones_own_is_read_with_its_provenance(tmp_path):
    path = margins_file(tmp_path, {**TEST_MARGINS, "memory_gross_margin": 0.5})
    margins = ft.value_chain.supplier_margins(path)
    assert margins == ft.SupplierMargins(**{**TEST_MARGINS, "memory_gross_margin": 0.5})
    provenance = ft.value_chain.supplier_margins_provenance(str(path))
    assert set(provenance["source"]) == {"my own estimate"}
    # Memory keeps 0.166093 x 0.5 = 0.083046 of the chain per user-month with these margins.
    chain = ft.value_chain.for_preset(margins=margins)
    assert by_layer(chain.table())["Memory"]["gross_profit_usd_per_user_month"] == pytest.approx(0.083046, abs=1e-6)


def test_a_margin_may_be_given_in_percent(tmp_path):
    path = tmp_path / "margins.csv"
    rows = ["parameter,value,unit,source,date,note"]
    rows += [f"{k},{100 * v:g},percent,test,2026," for k, v in TEST_MARGINS.items()]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert ft.value_chain.supplier_margins(path) == ft.SupplierMargins(**TEST_MARGINS)


@pytest.mark.parametrize(("changes", "line", "culprit"), [
    ({"memory_gross_margin": 1.5}, 4, "memory_gross_margin must be between -1 and 1, got 1.5"),
    ({"memory_share_of_system_cost": 0.7, "foundry_share_of_system_cost": 0.4}, 5,
     "memory_share_of_system_cost + foundry_share_of_system_cost must be at most 1, got 0.7 + 0.4"),
    ({"datacenter_gross_margin": "abc"}, 7, "datacenter_gross_margin"),
], ids=["margin above 1", "shares above 1", "not a number"])
def test_a_bad_value_in_a_margins_file_names_the_file_and_line(tmp_path, changes, line, culprit):
    # Line 1 is the header; the parameters follow in TEST_MARGINS order from line 2.
    path = margins_file(tmp_path, {**TEST_MARGINS, **changes})
    with pytest.raises(ValueError) as raised:
        ft.value_chain.supplier_margins(path)
    assert f"{path}:{line}:" in str(raised.value)
    assert culprit in str(raised.value)


def test_a_missing_margin_in_a_file_is_named(tmp_path):
    values = {k: v for k, v in TEST_MARGINS.items() if k != "foundry_gross_margin"}
    with pytest.raises(ValueError, match="foundry_gross_margin") as raised:
        ft.value_chain.supplier_margins(margins_file(tmp_path, values))
    assert str(tmp_path) in str(raised.value)


def test_a_missing_margins_file_is_named(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        ft.value_chain.supplier_margins(missing)


# --- bad input -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("keyword", "value", "message"), [
    ("system_vendor_gross_margin", 1.5, "got 1.5"),
    ("memory_gross_margin", -1.5, "got -1.5"),
    ("memory_share_of_system_cost", -0.1, "got -0.1"),
    ("foundry_share_of_system_cost", 1.2, "got 1.2"),
    ("datacenter_gross_margin", math.nan, "got nan"),
])
def test_a_supplier_margin_out_of_range_is_named(keyword, value, message):
    with pytest.raises(ValueError) as raised:
        ft.SupplierMargins(**{**TEST_MARGINS, keyword: value})
    assert str(raised.value).startswith(keyword + " ")
    assert message in str(raised.value)


def test_memory_and_foundry_shares_may_not_add_up_to_more_than_the_vendors_cost():
    with pytest.raises(ValueError, match="must be at most 1, got 0.7 \\+ 0.4"):
        ft.SupplierMargins(**{**TEST_MARGINS, "memory_share_of_system_cost": 0.7, "foundry_share_of_system_cost": 0.4})


def test_a_supplier_may_sell_at_a_loss():
    # Margins down to -100% are allowed: a -20% datacenter margin keeps 1.323648 x -0.2 = -0.264730.
    margins = ft.SupplierMargins(**{**TEST_MARGINS, "datacenter_gross_margin": -0.2})
    table = ft.value_chain.for_preset(margins=margins).table()
    assert by_layer(table)["Datacenter and power"]["gross_profit_usd_per_user_month"] == pytest.approx(-0.264730,
                                                                                                        abs=1e-6)
    assert kept(table, "_usd_per_user_month") == pytest.approx(20.0, abs=1e-12)


@pytest.mark.parametrize(("keyword", "value"), [("path", "2p"), ("path", "3P"), ("path", ""), ("per", "year"),
                                                ("per", "usd")])
def test_an_unknown_path_or_unit_raises_value_error_listing_the_choices(chain, keyword, value):
    with pytest.raises(ValueError, match=f"{keyword} must be .*got '{value}'"):
        chain.table(**{keyword: value})


def test_value_capture_takes_a_token_factory_and_supplier_margins(h200):
    with pytest.raises(TypeError):
        ft.ValueCapture(margins_for_tests(), h200)
    with pytest.raises(TypeError, match="unexpected keyword argument 'memory_margin'"):
        ft.SupplierMargins(**TEST_MARGINS, memory_margin=0.5)
