"""`fabtoken arr`, in-process through fabtoken.cli.main and once through the installed script.

Expected values are figures.md s3 at the output's rounding (growth in whole percent and ARR in USD M
may differ by one in the last digit shown: the figures were rounded from unrounded model values) or
hand calculations written out beside them. Linear revenue = (opening + closing) / 2 / 4; monthly
run-rate revenue = (sum of the quarter's monthly ARR) / 12.
"""

from __future__ import annotations

import io
import json
import re
import subprocess

import pandas as pd
import pytest

from conftest import run_cli as run

# figures.md s3.
QUARTERS = ["1Q24", "2Q24", "3Q24", "4Q24", "1Q25", "2Q25", "3Q25", "4Q25", "1Q26", "2Q26", "3Q26", "4Q26"]
ARR = ["264", "509", "755", "1,000", "2,000", "3,500", "6,000", "9,000", "30,000", "57,999", "88,454", "121,340"]
QOQ_PCT = [203, 93, 48, 33, 100, 75, 71, 50, 233, 93, 53, 37]
YOY_PCT = [None, None, None, None, 658, 588, 695, 800, 1_400, 1_557, 1_374, 1_248]
NET_NEW = [177, 245, 245, 245, 1_000, 1_500, 2_500, 3_000, 21_000, 27_999, 30_455, 32_886]


def number(cell: str) -> float:
    return float(cell.replace(",", "").rstrip("%"))


def within_one(cell: str, published: float) -> bool:
    return abs(number(cell) - published) <= 1 + 1e-9


def table(out: str, header_start: str) -> dict[str, dict[str, str]]:
    """The table whose header line starts with the words of `header_start`, as {row label: {column: cell}}. Columns are
    found from the header (names separated by two or more spaces, numbers right-aligned under them), so
    blank cells read as ""."""
    lines = out.splitlines()
    words = header_start.split()
    at = next(i for i, line in enumerate(lines) if line.split()[:len(words)] == words)
    header = lines[at]
    assert set(lines[at + 1]) == {"-"}, lines[at + 1]
    names = [(m.group(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", header)]
    rows = {}
    for line in lines[at + 2:]:
        if not line.strip():
            break
        label = line.split()[0]
        cells, start = {}, len(label)
        for name, end in names[1:]:
            cells[name] = line[max(start, 0):end].strip()
            start = end
        rows[label] = cells
    return rows


def refused(code: int, out: str, err: str) -> str:
    """The one-line message of a refused command."""
    assert code == 2
    assert out == ""
    assert err.startswith("fabtoken: error: ") and err.count("\n") == 1, err
    return err


def strict_json(text: str) -> object:
    """JSON as the standard defines it: NaN and Infinity are not JSON."""
    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


# --- the quarterly build ----------------------------------------------------------------------------

def test_arr_table_shows_the_published_arr_net_new_and_growth(capsys):
    code, out, err = run(capsys, "arr", "anthropic-quarterly")
    assert (code, err) == (0, "")
    assert out.startswith("ARR build: anthropic-quarterly (USD M)\n")
    rows = table(out, "Period")
    assert list(rows) == QUARTERS
    for quarter, arr, net_new, qoq, yoy in zip(QUARTERS, ARR, NET_NEW, QOQ_PCT, YOY_PCT):
        row = rows[quarter]
        assert row["ARR"] == arr, quarter
        assert within_one(row["Net new"], net_new), (quarter, row["Net new"])
        assert within_one(row["q/q"], qoq), (quarter, row["q/q"])
        if yoy is not None:
            assert within_one(row["y/y"], yoy), (quarter, row["y/y"])


def test_arr_table_row_1q25_reads_2000_1000_100_percent_and_658_percent(capsys):
    _, out, _ = run(capsys, "arr", "anthropic-quarterly")
    row = table(out, "Period")["1Q25"]
    assert [row["ARR"], row["Net new"], row["q/q"], row["y/y"]] == ["2,000", "1,000", "100%", "658%"]


def test_arr_table_has_no_year_on_year_growth_before_4q24_and_measures_4q24_from_the_opening(capsys):
    _, out, _ = run(capsys, "arr", "anthropic-quarterly")
    rows = table(out, "Period")
    assert [rows[q]["y/y"] for q in ("1Q24", "2Q24", "3Q24")] == ["", "", ""]
    assert rows["4Q24"]["y/y"] == "1,049%"  # 1,000 / 87 - 1 = 10.494 (figures.md leaves it blank)
    assert rows["3Q24"]["Net new"] == "246"  # 755 - 509 (published 245, within one)


def test_arr_table_shows_each_segments_share_with_api_at_85_to_89_percent(capsys):
    _, out, _ = run(capsys, "arr", "anthropic-quarterly")
    rows = table(out, "Period")
    assert list(rows["1Q24"])[4:] == ["consumer subscription", "team subscription", "enterprise subscription",
                                      "api consumption"]
    for quarter in QUARTERS:
        assert 85 <= number(rows[quarter]["api consumption"]) <= 89, quarter
    # 1Q24: consumer 30 / 264 = 11.4%; 2Q26: enterprise 4,200 / 57,999 = 7.2%.
    assert rows["1Q24"]["consumer subscription"] == "11%"
    assert rows["2Q26"]["enterprise subscription"] == "7%"


def test_arr_shows_linear_revenue_with_growth_and_annual_revenue_by_default(capsys):
    _, out, _ = run(capsys, "arr", "anthropic-quarterly")
    assert "\nRecognized revenue, linear within quarter (USD M)\n" in out
    revenue = table(out, "Quarter Revenue")
    assert list(revenue) == QUARTERS
    assert revenue["1Q24"] == {"Revenue": "43.9", "q/q": "", "y/y": ""}        # (87 + 264) / 8 = 43.875
    assert revenue["2Q24"]["Revenue"] == "96.6"                                 # (264 + 509) / 8 = 96.625
    assert revenue["2Q24"]["q/q"] == "120%"                                     # 96.625 / 43.875 - 1 = 120.2%
    assert revenue["1Q25"] == {"Revenue": "375.0", "q/q": "71%", "y/y": "755%"}  # 375/219.375 - 1; 375/43.875 - 1
    assert revenue["2Q26"]["Revenue"] == "10,999.9"                             # (30,000 + 57,999) / 8 = 10,999.875
    annual = table(out, "Year")
    # 2024: 4,143 / 8 = 517.875; 2025: 33,000 / 8 = 4,125; 2026: 483,246 / 8 = 60,405.75.
    assert annual == {"2024": {"Revenue": "517.9"}, "2025": {"Revenue": "4,125.0"}, "2026": {"Revenue": "60,405.8"}}


def test_arr_with_a_compute_path_shows_mw_cost_profit_and_tokens(capsys):
    code, out, err = run(capsys, "arr", "anthropic-quarterly", "--arr-per-mw", "42", "--gross-margin", "0.65",
                         "--token-price", "10")
    assert (code, err) == (0, "")
    compute = table(out, "Quarter MW")
    assert list(compute) == QUARTERS
    # 2Q26: 57,999 / 42 = 1,380.93 MW; revenue 10,999.875 x 0.35 = 3,849.956 cost, x 0.65 = 7,149.919 profit;
    # 10,999.875e6 USD / 10 USD per Mtok = 1,099,987,500 Mtok.
    assert compute["2Q26"] == {"MW": "1,381", "Inference cost": "3,850.0", "Gross profit": "7,149.9",
                               "Mtok served": "1,099,987,500"}
    # 1Q24: 264 / 42 = 6.29 MW; 43.875 x 0.35 = 15.356; x 0.65 = 28.519; 43.875e6 / 10 = 4,387,500 Mtok.
    assert compute["1Q24"] == {"MW": "6", "Inference cost": "15.4", "Gross profit": "28.5", "Mtok served": "4,387,500"}


def test_arr_without_a_compute_path_shows_no_compute_table(capsys):
    _, out, _ = run(capsys, "arr", "anthropic-quarterly")
    assert "Inference cost" not in out and "Mtok served" not in out


# --- conventions and the monthly build ---------------------------------------------------------------

def test_arr_of_the_monthly_build_defaults_to_the_monthly_run_rate(capsys):
    code, out, err = run(capsys, "arr", "anthropic-monthly")
    assert (code, err) == (0, "")
    assert "\nRecognized revenue, monthly run rate (USD M)\n" in out
    rows = table(out, "Period")
    assert rows["2024-04"]["q/q"] == "245%"   # over three months: 345 / 100 - 1
    assert within_one(rows["2025-03"]["y/y"], 658)   # 2,000 / 264 - 1, the published 1Q25 y/y
    revenue = table(out, "Quarter Revenue")
    assert list(revenue) == QUARTERS[:9]
    assert revenue["1Q24"]["Revenue"] == "45.5"       # (100 + 182 + 264) / 12
    assert revenue["1Q25"]["Revenue"] == "366.7"      # (1,000 + 1,400 + 2,000) / 12 = 366.67
    assert revenue["1Q26"]["Revenue"] == "5,083.3"    # (12,000 + 19,000 + 30,000) / 12 = 5,083.33
    annual = table(out, "Year")
    assert annual == {"2024": {"Revenue": "550.0"}, "2025": {"Revenue": "4,366.7"}}  # 6,600 / 12; 52,400 / 12


def test_arr_convention_can_be_named(capsys):
    code, out, _ = run(capsys, "arr", "anthropic-monthly", "--convention", "monthly_run_rate")
    assert code == 0
    assert "Recognized revenue, monthly run rate" in out
    code, out, _ = run(capsys, "arr", "anthropic-quarterly", "--convention", "linear_within_quarter")
    assert code == 0
    assert table(out, "Quarter Revenue")["1Q24"]["Revenue"] == "43.9"


def test_arr_refuses_a_convention_that_does_not_fit_the_series(capsys):
    err = refused(*run(capsys, "arr", "anthropic-quarterly", "--convention", "monthly_run_rate"))
    assert "monthly_run_rate needs monthly ARR" in err


def test_arr_refuses_an_unknown_convention_by_name(capsys):
    err = refused(*run(capsys, "arr", "anthropic-quarterly", "--convention", "straight_line"))
    assert "'straight_line'" in err


# --- csv and json ----------------------------------------------------------------------------------

def test_arr_as_csv_is_the_arr_table(capsys):
    code, out, err = run(capsys, "arr", "anthropic-quarterly", "--format", "csv")
    assert (code, err) == (0, "")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns[:5]) == ["period", "arr_musd", "net_new_arr_musd", "arr_growth_qoq", "arr_growth_yoy"]
    assert list(frame["period"]) == QUARTERS
    row = frame.set_index("period").loc["1Q25"]
    assert row["arr_musd"] == pytest.approx(2_000, abs=1e-9)
    assert row["net_new_arr_musd"] == pytest.approx(1_000, abs=1e-9)   # 2,000 - 1,000
    assert row["arr_growth_qoq"] == pytest.approx(1.0, abs=1e-12)       # 2,000 / 1,000 - 1
    assert row["arr_growth_yoy"] == pytest.approx(2_000 / 264 - 1, rel=1e-12)
    assert row["api_consumption_share"] == pytest.approx(1_740 / 2_000, rel=1e-12)


def test_arr_as_json_is_standard_json_with_null_for_missing_growth(capsys):
    code, out, err = run(capsys, "arr", "anthropic-quarterly", "--format", "json")
    assert (code, err) == (0, "")
    data = strict_json(out)
    assert data["arr"][0]["period"] == "1Q24"
    assert data["arr"][0]["arr_growth_yoy"] is None       # 1Q23 is not in the series
    assert data["revenue"][0]["revenue_growth_qoq"] is None


def test_arr_as_json_has_arr_revenue_annual_revenue_and_compute(capsys):
    code, out, _ = run(capsys, "arr", "anthropic-quarterly", "--format", "json", "--arr-per-mw", "42",
                       "--gross-margin", "0.65", "--token-price", "10")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"series", "convention", "arr", "revenue", "annual_revenue", "compute"}
    assert (data["series"], data["convention"]) == ("anthropic-quarterly", "linear_within_quarter")
    assert [r["period"] for r in data["arr"]] == QUARTERS
    assert data["arr"][4]["arr_growth_yoy"] == pytest.approx(2_000 / 264 - 1, rel=1e-12)  # 1Q25, 658%
    assert data["revenue"][0]["revenue_musd"] == pytest.approx(43.875, abs=1e-9)            # (87 + 264) / 8
    assert data["annual_revenue"] == [{"year": 2024, "revenue_musd": pytest.approx(517.875, abs=1e-9)},
                                      {"year": 2025, "revenue_musd": pytest.approx(4_125, abs=1e-9)},
                                      {"year": 2026, "revenue_musd": pytest.approx(60_405.75, abs=1e-9)}]
    q2 = data["compute"][9]
    assert q2["quarter"] == "2Q26"
    assert q2["compute_mw"] == pytest.approx(57_999 / 42, rel=1e-12)    # 1,380.93
    assert q2["gross_profit_musd"] == pytest.approx(7_149.91875, abs=1e-6)


# --- a file of one's own ----------------------------------------------------------------------------

def test_arr_reads_a_csv_file_with_an_opening_and_a_segment(capsys, tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text("period,total,api\nopening,87,\n1Q24,264,235\n2Q24,509,453\n", encoding="utf-8")
    code, out, err = run(capsys, "arr", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"ARR build: {path} (USD M)\n")
    rows = table(out, "Period")
    # 1Q24: 264 - 87 = 177, 264 / 87 - 1 = 203%, 235 / 264 = 89%; 2Q24: 245, 509 / 264 - 1 = 93%, 453 / 509 = 89%.
    assert rows["1Q24"] == {"ARR": "264", "Net new": "177", "q/q": "203%", "y/y": "", "api": "89%"}
    assert rows["2Q24"] == {"ARR": "509", "Net new": "245", "q/q": "93%", "y/y": "", "api": "89%"}
    assert table(out, "Quarter Revenue")["2Q24"]["Revenue"] == "96.6"  # (264 + 509) / 8 = 96.625


def test_arr_refuses_a_file_with_a_gap_naming_file_and_period(capsys, tmp_path):
    path = tmp_path / "gappy.csv"
    path.write_text("period,total\n1Q24,264\n3Q24,755\n", encoding="utf-8")
    err = refused(*run(capsys, "arr", str(path)))
    assert "gappy.csv" in err and "3Q24: a gap after 1Q24 (expected 2Q24)" in err


def test_arr_refuses_a_bad_cell_naming_file_line_and_period(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("period,total\n1Q24,264\n2Q24,lots\n", encoding="utf-8")
    err = refused(*run(capsys, "arr", str(path)))
    assert "bad.csv:3: 2Q24: total must be a number >= 0 (USD M), got 'lots'" in err


def test_arr_refuses_a_name_that_is_neither_a_built_in_series_nor_a_file(capsys, tmp_path):
    missing = tmp_path / "openai-quarterly"
    err = refused(*run(capsys, "arr", str(missing)))
    assert str(missing) in err


def test_arr_refuses_a_non_positive_arr_per_mw_naming_it(capsys):
    err = refused(*run(capsys, "arr", "anthropic-quarterly", "--arr-per-mw", "0"))
    assert "1Q24: arr_per_mw_musd_per_mw_year must be a positive" in err


def test_the_installed_script_runs_arr():
    result = subprocess.run(["fabtoken", "arr", "anthropic-quarterly", "--format", "csv"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("period,arr_musd,net_new_arr_musd,arr_growth_qoq,arr_growth_yoy")
    assert len(result.stdout.splitlines()) == 13  # the header and 12 quarters
