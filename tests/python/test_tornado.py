"""ft.tornado: each input alone at its low and its high, the swings sorted, bad arguments refused; and
ft.plots.tornado draws the table (matplotlib's Agg backend, no display).

Hand calculations (figures.md s1, values derived in conftest.py):
  cloud margin = 1 - total cost / rental, total cost = depreciation + operating cost
               = usd_per_server / (8 x 4 x 8,760) + 0.3502372             (8 x 4 x 8,760 = 280,320 GPU-hours)
  model margin = 1 - compute cost / api price, compute cost = rental / 2.646
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, here or by fabtoken.plots

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import fabtoken as ft  # noqa: E402
from conftest import COMPUTE_COST  # noqa: E402

COLUMNS = ["input", "low", "high", "output_at_low", "output_at_high", "swing"]
CLOUD_RANGES = {"rental_usd_per_gpu_hour": (1.7, 2.1), "usd_per_server": (200_000.0, 300_000.0)}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def cloud_table(h200):
    return ft.tornado(h200, "cloud_gross_margin", CLOUD_RANGES)


def test_given_ranges_move_each_input_alone_and_the_largest_swing_comes_first(cloud_table):
    # rental 1.70: 1 - 1.2292005 / 1.70 = 0.2769409; 2.10: 1 - 1.2292005 / 2.10 = 0.4146664; swing 0.1377255
    # server 200,000: total 200,000 / 280,320 + 0.3502372 = 0.7134703 + 0.3502372 = 1.0637075
    #                 -> 1 - 1.0637075 / 1.90 = 0.4401539
    # server 300,000: total 1.0702055 + 0.3502372 = 1.4204427 -> 1 - 1.4204427 / 1.90 = 0.2523986; swing 0.1877553
    assert list(cloud_table.columns) == COLUMNS
    assert cloud_table["input"].tolist() == ["usd_per_server", "rental_usd_per_gpu_hour"]  # sorted, not as given
    server, rental = cloud_table.iloc[0], cloud_table.iloc[1]
    assert (server["low"], server["high"]) == (200_000.0, 300_000.0)
    assert (server["output_at_low"], server["output_at_high"], server["swing"]) == pytest.approx(
        (0.4401539, 0.2523986, 0.1877553), abs=1e-7)
    assert (rental["low"], rental["high"]) == (1.7, 2.1)
    assert (rental["output_at_low"], rental["output_at_high"], rental["swing"]) == pytest.approx(
        (0.2769409, 0.4146664, 0.1377255), abs=1e-7)


def test_the_base_output_is_in_the_attributes(cloud_table):
    # figures.md s1: (1.90 - 1.2292005) / 1.90 = 0.3530524 (published as 35%)
    assert cloud_table.attrs["base"] == pytest.approx(0.3530524, abs=1e-7)
    assert cloud_table.attrs["output"] == "cloud_gross_margin"


def test_a_relative_move_of_the_named_inputs(h200):
    table = ft.tornado(h200, "model_gross_margin", relative=0.2,
                       inputs=["rental_usd_per_gpu_hour", "usd_per_server", "api_price_usd_per_mtok"])
    # api price 1.75 x 0.8 = 1.40: 1 - 0.7180650 / 1.40 = 0.4870964; x 1.2 = 2.10: 1 - 0.7180650 / 2.10 = 0.6580643
    #   swing 0.1709679
    # rental 1.90 x 0.8 = 1.52: compute cost 0.5744520 -> 1 - 0.5744520 / 1.75 = 0.6717417;
    #   x 1.2 = 2.28: 0.8616780 -> 1 - 0.8616780 / 1.75 = 0.5076126; swing 0.1641291
    # server price: the model provider pays the rental, not the server: swing 0
    assert table["input"].tolist() == ["api_price_usd_per_mtok", "rental_usd_per_gpu_hour", "usd_per_server"]
    assert table["low"].tolist() == pytest.approx([1.4, 1.52, 246_391 * 0.8])
    assert table["high"].tolist() == pytest.approx([2.1, 2.28, 246_391 * 1.2])
    assert table["output_at_low"].tolist() == pytest.approx([0.4870964, 0.6717417, 0.5896771], abs=1e-7)
    assert table["output_at_high"].tolist() == pytest.approx([0.6580643, 0.5076126, 0.5896771], abs=1e-7)
    assert table["swing"].tolist() == pytest.approx([0.1709679, 0.1641291, 0.0], abs=1e-7)
    assert table.attrs["base"] == pytest.approx(1 - COMPUTE_COST / 1.75, abs=1e-7)


def test_swings_are_sorted_largest_first_and_are_absolute(h200):
    table = ft.tornado(h200, "cloud_gross_margin", relative=0.1,
                       inputs=["electricity_usd_per_kwh", "rental_usd_per_gpu_hour", "kw_per_gpu", "usd_per_server"])
    swings = table["swing"].to_numpy()
    assert np.all(swings[:-1] >= swings[1:])
    assert np.all(swings >= 0)
    assert swings == pytest.approx(np.abs(table["output_at_high"] - table["output_at_low"]).to_numpy())


def test_relative_without_inputs_moves_every_base_input(h200):
    # +/-25% keeps every input of this stack valid: 8 GPUs -> 6 and 10 (whole numbers), utilization and
    # load factor 0.8 -> 0.6 and 1.0 (at most 1), PUE 1.5 -> 1.125 and 1.875 (at least 1); inputs at 0 stay at 0.
    factory = h200.with_(utilization=0.8, load_factor=0.8, pue=1.5)
    table = ft.tornado(factory, "cloud_gross_margin", relative=0.25)
    base = ft.batch.base_inputs(factory)
    assert sorted(table["input"]) == sorted(base)
    moved = table.set_index("input")
    for name, value in base.items():
        assert (moved.loc[name, "low"], moved.loc[name, "high"]) == pytest.approx((0.75 * value, 1.25 * value))


def test_relative_on_the_preset_moves_utilization_above_1_and_says_so(h200):
    # the preset runs at utilization 1.0 (and load factor 1.0): +20% is no scenario, and gpus_per_server
    # 8 x 0.8 = 6.4 is no whole number; whichever the model reports, the error names an input and its end
    with pytest.raises(ValueError, match=r"tornado: \w+ at its (low|high) end \(.*, base .*\) makes the scenario invalid"):
        ft.tornado(h200, "cloud_gross_margin", relative=0.2)


def test_an_input_whose_move_is_invalid_is_named_with_its_end(h200):
    # utilization is a fraction at most 1: its high end 1.5 is no scenario
    with pytest.raises(ValueError, match=r"tornado: utilization at its high end \(1\.5, base 1\.0\) makes the scenario invalid: .*utilization"):
        ft.tornado(h200, "cloud_gross_margin", {"rental_usd_per_gpu_hour": (1.7, 2.1), "utilization": (0.5, 1.5)})


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    ((), {}, r"give either ranges=\{input: \(low, high\), \.\.\.\} or relative=<fraction such as 0.2>, not neither"),
    ((CLOUD_RANGES,), dict(relative=0.2), r"give either ranges=.* not both"),
    ((CLOUD_RANGES,), dict(inputs=["usd_per_server"]), r"inputs picks the inputs moved by relative="),
    ((), dict(relative=0.0), r"relative must be between 0 and 1 \(exclusive\), e.g. 0.2 for \+/-20%, got 0.0"),
    ((), dict(relative=1.0), r"relative must be between 0 and 1 \(exclusive\).*got 1.0"),
    ((), dict(relative=-0.2), r"relative must be between 0 and 1 \(exclusive\).*got -0.2"),
    ((), dict(relative=float("nan")), r"relative must be a finite number, got nan"),
    ((), dict(relative=0.2, inputs=[]), r"inputs is empty"),
    ((), dict(relative=0.2, inputs=["bogus"]), r"inputs names 'bogus', which is not an input of TokenFactory; expected one of: .*usd_per_server"),
    ((), dict(relative=0.2, inputs=["pue", "pue"]), r"inputs names an input more than once: \['pue', 'pue'\]"),
    (({},), {}, r"ranges is empty"),
    (({"bogus": (1, 2)},), {}, r"ranges names 'bogus', which is not an input"),
    (({"pue": (1.5, 1.2)},), {}, r"ranges\['pue'\] must be \(low, high\) with low < high, got \(1.5, 1.2\)"),
    (({"pue": (1.2, 1.2)},), {}, r"ranges\['pue'\] must be \(low, high\) with low < high, got \(1.2, 1.2\)"),
    (({"pue": (1.1, 1.2, 1.3)},), {}, r"ranges\['pue'\] must be a \(low, high\) pair, got \(1.1, 1.2, 1.3\)"),
    (({"pue": (1.1, float("inf"))},), {}, r"the high end of ranges\['pue'\] must be a finite number, got inf"),
])
def test_bad_arguments_are_refused_naming_the_parameter(h200, args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        ft.tornado(h200, "cloud_gross_margin", *args, **kwargs)


def test_arguments_of_the_wrong_type_are_a_type_error(h200):
    with pytest.raises(TypeError, match=r"inputs must be a list of input names, got 'pue'"):
        ft.tornado(h200, "cloud_gross_margin", relative=0.2, inputs="pue")
    with pytest.raises(TypeError, match=r"relative must be a real number, got '0.2'"):
        ft.tornado(h200, "cloud_gross_margin", relative="0.2")
    with pytest.raises(TypeError, match=r"ranges must be a mapping \{input: \(low, high\)\}"):
        ft.tornado(h200, "cloud_gross_margin", [("pue", (1.1, 1.3))])


def test_an_unknown_output_is_refused(h200):
    with pytest.raises(ValueError, match=r"output='margin' is not an output of TokenFactory; expected one of: .*cloud_gross_margin"):
        ft.tornado(h200, "margin", relative=0.2)


def test_the_plot_draws_a_bar_from_the_base_to_each_end(cloud_table):
    ax = ft.plots.tornado(cloud_table)
    lows, highs = ax.containers
    base = cloud_table.attrs["base"]
    # every bar starts at the base output and ends at the output with the input at that end
    assert [bar.get_x() for bar in lows] == pytest.approx([base, base])
    assert [bar.get_x() + bar.get_width() for bar in lows] == pytest.approx(cloud_table["output_at_low"].tolist())
    assert [bar.get_x() + bar.get_width() for bar in highs] == pytest.approx(cloud_table["output_at_high"].tolist())
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels[0].startswith("usd_per_server") and labels[1].startswith("rental_usd_per_gpu_hour")
    assert ax.yaxis_inverted()  # the largest swing on top
    assert "cloud_gross_margin" in ax.get_xlabel()


def test_the_plot_draws_on_a_given_axes(cloud_table):
    _, ax = plt.subplots()
    assert ft.plots.tornado(cloud_table, ax=ax) is ax


def test_the_plot_refuses_a_table_that_is_not_a_tornado(cloud_table):
    with pytest.raises(ValueError, match=r"table must come from ft.tornado .*missing: \['output_at_low'"):
        ft.plots.tornado(cloud_table.drop(columns="output_at_low"))
    stripped = cloud_table.copy()
    stripped.attrs = {}
    with pytest.raises(ValueError, match=r"missing: \['attrs\[base\]'\]"):
        ft.plots.tornado(stripped)
    with pytest.raises(ValueError, match=r"table is empty"):
        ft.plots.tornado(cloud_table.iloc[0:0])
