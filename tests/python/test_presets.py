"""Built-in presets and the loader for preset CSV files of one's own."""

from __future__ import annotations

import os
import pathlib

import pandas as pd
import pytest

import fabtoken as ft


def test_the_h200_preset_is_built_in():
    assert "h200-deepseek-r1" in ft.presets.names()
    assert ft.presets.DEFAULT == "h200-deepseek-r1"
    assert ft.presets.token_factory() == ft.presets.token_factory("h200-deepseek-r1")


def test_provenance_gives_a_source_and_date_for_all_sixteen_parameters():
    provenance = ft.presets.provenance("h200-deepseek-r1")
    assert isinstance(provenance, pd.DataFrame)
    assert list(provenance.columns) == ["parameter", "value", "unit", "source", "date", "note"]
    assert sorted(provenance["parameter"]) == sorted(ft.TokenFactory.parameters()["name"])
    assert len(provenance) == 16
    assert all(isinstance(s, str) and s.strip() for s in provenance["source"])
    assert all(isinstance(d, str) and d.strip() for d in provenance["date"])


def test_provenance_keeps_each_value_as_written():
    by_name = ft.presets.provenance().set_index("parameter")
    # figures.md s1: 246,391 USD per 8-GPU server; 110 USD/kW/month
    assert by_name.loc["usd_per_server", "value"] == 246_391
    assert by_name.loc["usd_per_server", "unit"] == "USD"
    assert by_name.loc["colocation_usd_per_kw_month", "value"] == 110
    assert "figures.md" in by_name.loc["colocation_usd_per_kw_month", "source"]


def test_an_unknown_preset_lists_the_available_ones():
    with pytest.raises(ValueError, match=r"unknown preset 'h100'.*available: .*h200-deepseek-r1"):
        ft.presets.token_factory("h100")
    with pytest.raises(ValueError, match=r"available: .*h200-deepseek-r1"):
        ft.presets.provenance("h100")


def test_a_copy_of_the_preset_file_reads_back_equal(write_preset):
    path = write_preset()
    assert ft.read_token_factory(path) == ft.presets.token_factory()
    assert ft.read_token_factory(str(path)) == ft.presets.token_factory()
    assert len(ft.read_provenance(path)) == 16


def test_a_useful_life_in_months_is_converted_to_years(write_preset):
    path = write_preset({"useful_life_years": "useful_life_years,48,months,test,2026,"})
    # 48 months / 12 = 4 years: the same factory as the preset
    factory = ft.read_token_factory(path)
    assert factory.inputs()["useful_life_years"] == pytest.approx(4.0, rel=1e-15)
    assert factory == ft.presets.token_factory()
    provenance = ft.read_provenance(path).set_index("parameter")
    assert (provenance.loc["useful_life_years", "value"], provenance.loc["useful_life_years", "unit"]) == (48, "months")


def test_an_electricity_price_in_usd_per_mwh_is_converted_to_usd_per_kwh(write_preset):
    path = write_preset({"electricity_usd_per_kwh": "electricity_usd_per_kwh,87,USD/MWh,test,2026,"})
    # 87 USD/MWh / 1,000 = 0.087 USD/kWh
    assert ft.read_token_factory(path).inputs()["electricity_usd_per_kwh"] == pytest.approx(0.087, rel=1e-15)


def test_a_unit_may_be_given_by_name_as_well_as_symbol(write_preset):
    path = write_preset({"utilization": "utilization,80,percent,test,2026,"})
    # 80% = 0.8; revenue per owned hour 1.90 x 0.8 = 1.52
    factory = ft.read_token_factory(path)
    assert factory.inputs()["utilization"] == pytest.approx(0.8, rel=1e-15)
    assert factory.evaluate().cloud_revenue_usd_per_gpu_hour == pytest.approx(1.52, abs=1e-12)


BAD_LINES = [
    # (parameter, replacement line, what the message says)
    ("pue", "pue,abc,ratio,test,2026,", "value of 'pue' must be a number, got 'abc'"),
    ("pue", "pue,1.2,USD/kWh,test,2026,", "unit of 'pue' must be a dimensionless number such as ratio, got 'USD/kWh'"),
    ("electricity_usd_per_kwh", "electricity_usd_per_kwh,110,USD/kW/month,test,2026,",
     "such as USD/kWh, got 'USD/kW/month'"),
    ("pue", "pew,1.2,ratio,test,2026,", "unknown parameter 'pew'"),
    ("pue", None, "missing parameters: pue"),
    ("pue", "pue,1.2,ratio,test,2026,\npue,1.3,ratio,test,2026,", "parameter 'pue' is given again"),
    ("pue", "pue,1.2,ratio,,2026,", "'pue' has no source"),
    ("pue", "pue,1.2,ratio,test,,", "'pue' has no date"),
    ("pue", "pue,0.8,ratio,test,2026,", "pue must be a finite number >= 1, got 0.8"),
    ("gpus_per_server", "gpus_per_server,7.5,GPUs,test,2026,", "gpus_per_server must be a whole number, got 7.5"),
]


@pytest.mark.parametrize(("parameter", "line", "says"), BAD_LINES, ids=[says for _, _, says in BAD_LINES])
def test_a_bad_preset_file_raises_value_error_naming_the_file_and_the_parameter(write_preset, parameter, line, says):
    path = write_preset({parameter: line}, name="my stack.csv")
    with pytest.raises(ValueError) as raised:
        ft.read_token_factory(path)
    message = str(raised.value)
    assert message.startswith(str(path) + ":")
    culprit = line.split(",")[0] if line else parameter
    assert culprit in message.removeprefix(str(path))
    assert says in message
    with pytest.raises(ValueError, match="my stack.csv"):
        ft.read_provenance(path)


def test_a_bad_value_is_located_by_its_line(write_preset):
    text = (pathlib.Path(ft.presets.path("h200-deepseek-r1"))).read_text(encoding="utf-8")
    line_number = 1 + text.splitlines().index(next(line for line in text.splitlines() if line.startswith("pue,")))
    path = write_preset({"pue": "pue,0.8,ratio,test,2026,"})
    with pytest.raises(ValueError, match=rf"{path.name}:{line_number}: pue"):
        ft.read_token_factory(path)


def test_a_file_without_the_required_columns_is_refused(write_preset):
    path = write_preset(text="name,value\npue,1.2\n")
    with pytest.raises(ValueError, match=r"must name the column 'parameter'"):
        ft.read_token_factory(path)


def test_a_missing_file_is_file_not_found_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nowhere\.csv: no such file"):
        ft.read_token_factory(tmp_path / "nowhere.csv")


def test_a_quoted_source_may_hold_commas_quotes_and_line_breaks(write_preset):
    path = write_preset({"pue": 'pue,1.25,ratio,"a ""quoted"", multi\nline source",2026,'})
    provenance = ft.read_provenance(path).set_index("parameter")
    assert provenance.loc["pue", "source"] == 'a "quoted", multi\nline source'
    assert ft.read_token_factory(path) == ft.presets.token_factory()


def test_windows_line_ends_read_the_same(write_preset):
    text = pathlib.Path(ft.presets.path("h200-deepseek-r1")).read_text(encoding="utf-8")
    path = write_preset(name="crlf.csv")
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert ft.read_token_factory(path) == ft.presets.token_factory()


def test_reading_a_preset_never_modifies_the_file(write_preset):
    path = write_preset({"pue": "pue,1.3,ratio,test,2026,"})
    stamp = 1_700_000_000  # a fixed past mtime, so any write would show
    os.utime(path, (stamp, stamp))
    before = path.read_bytes()
    ft.read_token_factory(path)
    ft.read_provenance(path)
    assert path.read_bytes() == before
    assert path.stat().st_mtime == stamp


def test_reading_a_bad_preset_never_modifies_the_file(write_preset):
    path = write_preset({"pue": "pue,0.8,ratio,test,2026,"})
    stamp = 1_700_000_000
    os.utime(path, (stamp, stamp))
    before = path.read_bytes()
    with pytest.raises(ValueError):
        ft.read_token_factory(path)
    assert path.read_bytes() == before
    assert path.stat().st_mtime == stamp
