"""ft.data_table: one- and two-way what-if grids of the H200 stack, labelled, and bad arguments refused.

Hand calculations (figures.md s1, values derived in conftest.py):
  compute cost      = rental / (throughput x 3,600 / 10^6)    = 1.90 / 2.646 = 0.7180650 USD/Mtok
  model margin      = 1 - compute cost / api price
  cloud margin      = 1 - total cost / rental                 total cost = 1.2292005 USD/hr/GPU
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import fabtoken as ft
from conftest import COMPUTE_COST, TOTAL_COST

PRICES = [1.0, 1.75, 2.0]


def test_a_one_way_table_of_model_margin_against_the_api_price(h200):
    table = ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": PRICES})
    # 1 - 0.7180650 / 1.00 = 0.2819350; / 1.75 -> 0.5896771 (figures.md: 59.0%); / 2.00 -> 0.6409675
    assert table["model_gross_margin"].tolist() == pytest.approx([0.2819350, 0.5896771, 0.6409675], abs=1e-7)
    assert table.shape == (3, 1)
    assert list(table.columns) == ["model_gross_margin"]
    assert table.index.name == "api_price_usd_per_mtok"
    assert table.index.tolist() == PRICES


def test_a_one_way_table_with_several_outputs_has_one_column_each(h200):
    table = ft.data_table(h200, ["compute_cost_usd_per_mtok", "model_gross_margin"],
                          x={"api_price_usd_per_mtok": np.array(PRICES)})
    assert list(table.columns) == ["compute_cost_usd_per_mtok", "model_gross_margin"]
    # the compute cost does not depend on the price the provider charges: 0.7180650 in every row
    assert table["compute_cost_usd_per_mtok"].tolist() == pytest.approx([COMPUTE_COST] * 3, abs=1e-7)
    assert table["model_gross_margin"].tolist() == pytest.approx([1 - COMPUTE_COST / p for p in PRICES], abs=1e-7)


def test_a_one_way_table_of_cloud_margin_against_the_rental_price(h200):
    table = ft.data_table(h200, "cloud_gross_margin", x={"rental_usd_per_gpu_hour": [1.9, 2.5]})
    # 1 - 1.2292005 / 1.90 = 0.3530524 (figures.md: 35%); 1 - 1.2292005 / 2.50 = 0.5083198
    assert table["cloud_gross_margin"].tolist() == pytest.approx([0.3530524, 0.5083198], abs=1e-7)
    assert table["cloud_gross_margin"].tolist() == pytest.approx([1 - TOTAL_COST / 1.9, 1 - TOTAL_COST / 2.5], abs=1e-7)


def test_a_two_way_table_of_model_margin_against_price_and_throughput_with_a_fixed_rental(h200):
    table = ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": PRICES},
                          y={"tokens_per_s_per_gpu": [500, 735]}, rental_usd_per_gpu_hour=2.0)
    # compute cost at a 2.00 rental: 500 tok/s -> 2.0 / 1.8 = 1.1111111; 735 tok/s -> 2.0 / 2.646 = 0.7558579
    expected = [[1 - 1.1111111 / p, 1 - 0.7558579 / p] for p in PRICES]
    # price 1.00: -0.1111111, 0.2441421; price 2.00: 0.4444444, 0.6220711
    assert expected[0] == pytest.approx([-0.1111111, 0.2441421], abs=1e-7)
    assert expected[2] == pytest.approx([0.4444444, 0.6220711], abs=1e-7)
    assert table.shape == (3, 2)
    assert table.to_numpy() == pytest.approx(np.array(expected), abs=1e-7)
    assert table.index.name == "api_price_usd_per_mtok"
    assert table.columns.name == "tokens_per_s_per_gpu"
    assert table.index.tolist() == PRICES
    assert table.columns.tolist() == [500.0, 735.0]


def test_a_two_way_table_cell_is_row_x_by_column_y(h200):
    # A grid that is not square catches a transposed reshape: 2 rentals x 3 throughputs.
    table = ft.data_table(h200, "compute_cost_usd_per_mtok", x={"rental_usd_per_gpu_hour": [1.9, 3.8]},
                          y={"tokens_per_s_per_gpu": [367.5, 735, 1470]})
    # 1.90 / 2.646 = 0.7180650; half the throughput doubles it, twice the rental doubles it
    c = COMPUTE_COST
    assert table.to_numpy() == pytest.approx(np.array([[2 * c, c, c / 2], [4 * c, 2 * c, c]]), abs=1e-7)


def test_a_single_x_value_gives_a_one_row_table(h200):
    table = ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": 1.75})
    assert table.shape == (1, 1)
    assert table.iloc[0, 0] == pytest.approx(0.5896771, abs=1e-7)


def test_the_model_is_left_unchanged(h200):
    ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": PRICES}, rental_usd_per_gpu_hour=3.0)
    assert ft.batch.base_inputs(h200)["rental_usd_per_gpu_hour"] == 1.9
    assert ft.batch.base_inputs(h200)["api_price_usd_per_mtok"] == 1.75


def test_the_result_is_a_dataframe_of_floats(h200):
    table = ft.data_table(h200, "model_gross_margin", x={"api_price_usd_per_mtok": [1, 2]},
                          y={"tokens_per_s_per_gpu": [500, 735]})
    assert isinstance(table, pd.DataFrame)
    assert all(dtype == np.float64 for dtype in table.dtypes)


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(x={}), r"x must hold exactly one input, got 0"),
    (dict(x={"api_price_usd_per_mtok": [1.0], "utilization": [0.5]}), r"x must hold exactly one input, got 2"),
    (dict(x={"bogus": [1.0]}), r"x names 'bogus', which is not an input of TokenFactory; expected one of: .*api_price_usd_per_mtok"),
    (dict(x={"api_price_usd_per_mtok": []}), r"x\['api_price_usd_per_mtok'\] is empty"),
    (dict(x={"api_price_usd_per_mtok": [1.0, np.nan]}), r"x\['api_price_usd_per_mtok'\] must hold finite numbers, got nan at position 1"),
    (dict(x={"api_price_usd_per_mtok": [[1.0, 2.0]]}), r"x\['api_price_usd_per_mtok'\] must be a number or a 1-D array, got an array of shape \(1, 2\)"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, y={"api_price_usd_per_mtok": [2.0]}), r"x and y both vary 'api_price_usd_per_mtok'"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, y={"nope": [2.0]}), r"y names 'nope', which is not an input"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, bogus=2.0), r"a fixed input \(keyword argument\) names 'bogus', which is not an input"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, api_price_usd_per_mtok=2.0), r"api_price_usd_per_mtok is both varied \(x or y\) and fixed at 2.0"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, rental_usd_per_gpu_hour=float("inf")), r"rental_usd_per_gpu_hour must be a finite number, got inf"),
])
def test_bad_axes_and_fixed_inputs_are_refused_naming_the_parameter(h200, kwargs, message):
    with pytest.raises(ValueError, match=message):
        ft.data_table(h200, "model_gross_margin", **kwargs)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    (dict(x={"api_price_usd_per_mtok": "cheap"}), TypeError, r"x\['api_price_usd_per_mtok'\] must be a number or a 1-D array of numbers, got 'cheap'"),
    (dict(x={"api_price_usd_per_mtok": [1.0]}, rental_usd_per_gpu_hour="2"), TypeError, r"rental_usd_per_gpu_hour must be a real number, got '2'"),
    (dict(x={3: [1.0]}), TypeError, r"x must name an input \(str\), got 3"),
    (dict(x=[1.0, 2.0]), TypeError, r"x must be a mapping of one input name to its values, .*got \[1.0, 2.0\]"),
])
def test_values_of_the_wrong_type_are_a_type_error(h200, kwargs, error, message):
    with pytest.raises(error, match=message):
        ft.data_table(h200, "model_gross_margin", **kwargs)


def test_an_unknown_output_is_refused_with_the_known_ones(h200):
    with pytest.raises(ValueError, match=r"output='margin' is not an output of TokenFactory; expected one of: .*model_gross_margin"):
        ft.data_table(h200, "margin", x={"api_price_usd_per_mtok": PRICES})
    with pytest.raises(ValueError, match=r"each name in output='margin' is not an output"):
        ft.data_table(h200, ["model_gross_margin", "margin"], x={"api_price_usd_per_mtok": PRICES})


def test_an_empty_or_repeated_output_list_is_refused(h200):
    with pytest.raises(ValueError, match=r"output is empty"):
        ft.data_table(h200, [], x={"api_price_usd_per_mtok": PRICES})
    with pytest.raises(ValueError, match=r"output names an output more than once"):
        ft.data_table(h200, ["model_gross_margin", "model_gross_margin"], x={"api_price_usd_per_mtok": PRICES})


def test_a_two_way_table_takes_one_output(h200):
    with pytest.raises(ValueError, match=r"a two-way data table shows one output, got output=\['model_gross_margin', 'cloud_gross_margin'\]"):
        ft.data_table(h200, ["model_gross_margin", "cloud_gross_margin"], x={"api_price_usd_per_mtok": PRICES},
                      y={"tokens_per_s_per_gpu": [500, 735]})


def test_an_invalid_cell_names_its_inputs(h200):
    # A utilization above 1 is no scenario at all; the error says which cell of the grid it was (either
    # of the two cells with utilization 1.5).
    with pytest.raises(ValueError, match=r"data table: the cell utilization=1\.5, api_price_usd_per_mtok=[12]\.0 is invalid: .*utilization"):
        ft.data_table(h200, "model_gross_margin", x={"utilization": [0.5, 1.5]}, y={"api_price_usd_per_mtok": [1.0, 2.0]})
