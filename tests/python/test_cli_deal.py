"""`fabtoken deal` and `fabtoken value-capture`, in-process through fabtoken.cli.main and once each
through the installed script.

Expected values are figures.md section 2 at its rounding, or hand calculations written out beside
them (the value-capture ones are derived in test_value_capture.py's header).
"""

from __future__ import annotations

import io
import json
import re
import subprocess

import pandas as pd
import pytest

from conftest import FIGURES_S2_DEAL, run_cli as run

PUBLISHED = FIGURES_S2_DEAL
REVENUES = [p[0] for p in PUBLISHED]
# Test margins (not published): vendor 75%, memory 20% of its cost at 60%, foundry 10% at 60%, datacenter 30%.
TEST_MARGINS = dict(system_vendor_gross_margin=0.75, memory_share_of_system_cost=0.20, memory_gross_margin=0.60,
                    foundry_share_of_system_cost=0.10, foundry_gross_margin=0.60, datacenter_gross_margin=0.30)



def shown_as(value: float, published: float) -> bool:
    """Within half a unit of a whole number rounded half up (8.5 is shown as 9)."""
    return abs(value - published) <= 0.5 + 1e-9


def table_row(out: str, label: str) -> list[str]:
    """The cells after the label of the text table row named exactly `label` (cells are 2+ spaces apart)."""
    for line in out.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] == label:
            return cells[1:]
    raise AssertionError(f"no row {label!r} in:\n{out}")


def numbers(cells: list[str]) -> list[float]:
    return [float(c.rstrip("%").replace(",", "")) for c in cells]


def margins_file(tmp_path) -> str:
    path = tmp_path / "margins.csv"
    path.write_text("parameter,value,unit,source,date,note\n"
                    + "".join(f"{k},{v},fraction,test,2026,\n" for k, v in TEST_MARGINS.items()), encoding="utf-8")
    return str(path)


# --- fabtoken deal ---------------------------------------------------------------------------------

def test_deal_prints_the_terms_and_the_revenues_of_figures_md_s2(capsys):
    code, out, err = run(capsys, "deal")
    assert (code, err) == (0, "")
    assert out.startswith("Revenue share 25%, IaaS fee 7.5 and cloud opex 6.5 USD M per MW-year, 1 MW\n")
    header = next(line for line in out.splitlines() if line.startswith("Lab gross revenue per MW (USD M)"))
    assert numbers(re.split(r"\s{2,}", header.strip())[2:]) == REVENUES


@pytest.mark.parametrize(("label", "index"), [("Cloud net revenue per MW", 1), ("Cloud EBIT per MW", 2),
                                              ("Cloud EBIT margin", 3), ("Lab gross margin per MW", 4),
                                              ("Lab gross margin", 5)])
def test_deal_reproduces_each_published_row_at_its_rounding(capsys, label, index):
    _, out, _ = run(capsys, "deal")
    cells = table_row(out, label)
    assert cells[0] in ("USD M", "%")
    shown = numbers(cells[1:])
    assert len(shown) == len(PUBLISHED)
    for value, column in zip(shown, PUBLISHED):
        assert shown_as(value, column[index]), (label, column[0], value)


def test_deal_shows_money_to_two_decimals_and_margins_as_whole_percents(capsys):
    # At 30: EBIT 7.5 + 7.5 - 6.5 = 8.50 (published as 9); margin 8.5 / 15 = 56.7% shown as 57%.
    _, out, _ = run(capsys, "deal")
    assert table_row(out, "Cloud EBIT per MW")[1:][4] == "8.50"
    assert table_row(out, "Cloud EBIT margin")[1:][4] == "57%"


def test_deal_shows_what_each_side_books_over_the_megawatts(capsys):
    # 10 MW at 20: the lab books 20 x 10 = 200 gross, the cloud (7.5 + 5) x 10 = 125 net.
    _, out, _ = run(capsys, "deal", "--compute-mw", "10", "--revenues", "20")
    assert "Booked over 10 MW" in out
    assert table_row(out, "Lab revenue recognized (gross)") == ["USD M/year", "200.00"]
    assert table_row(out, "Cloud revenue recognized (net)") == ["USD M/year", "125.00"]


def test_a_hurdle_lowers_the_share_above_its_threshold(capsys):
    # 15% above 30: at 35 the share is 7.5 + 5 x 0.15 = 8.25, net 15.75; at 40, 7.5 + 1.5 = 9, net 16.5;
    # the lab keeps 35 - 8.25 - 7.5 = 19.25 and 40 - 9 - 7.5 = 23.5. At or below 30 nothing changes.
    code, out, err = run(capsys, "deal", "--hurdle", "30:0.15")
    assert (code, err) == (0, "")
    assert "; 15% above 30" in out.splitlines()[0]
    assert table_row(out, "Cloud net revenue per MW")[1:] == ["10.00", "11.25", "12.50", "13.75", "15.00", "15.75",
                                                              "16.50"]
    assert table_row(out, "Lab gross margin per MW")[1:] == ["0.00", "3.75", "7.50", "11.25", "15.00", "19.25",
                                                             "23.50"]


def test_deal_compares_with_an_iaas_deal_and_prints_the_break_even(capsys):
    # 1.90 x (1,000 / 1.35) x 8,760 / 10^6 = 12.328889 revenue, EBIT 5.828889 (47%); the marketplace deal
    # matches it at (5.828889 + 6.5 - 7.5) / 0.25 = 19.3156, shown as 19.32; the 30:0.15 hurdle lies above.
    code, out, _ = run(capsys, "deal", "--hurdle", "30:0.15", "--iaas-rental", "1.90")
    assert code == 0
    last = out.splitlines()[-1]
    assert last.startswith("IaaS deal at 1.9 USD/hr/GPU: cloud EBIT 5.83 USD M per MW-year (47% margin)")
    assert last.endswith("at 19.32 USD M of lab revenue per MW-year")


def test_deal_says_when_the_cloud_never_earns_as_much_as_under_the_iaas_deal(capsys):
    # A 0% share above 20 caps the share at 5; at 2.50 USD/GPU-hour matching the IaaS deal takes
    # 2.5 x 740.74 x 8,760 / 10^6 - 6.5 + 6.5 - 7.5 = 8.72.
    _, out, _ = run(capsys, "deal", "--hurdle", "20:0", "--iaas-rental", "2.50")
    assert out.splitlines()[-1].endswith("the marketplace deal earns the cloud as much at no lab revenue")


def test_deal_csv_has_one_row_per_revenue_matching_figures_md(capsys):
    code, out, err = run(capsys, "deal", "--format", "csv")
    assert (code, err) == (0, "")
    table = pd.read_csv(io.StringIO(out))
    assert table["lab_revenue_musd_per_mw_year"].tolist() == REVENUES
    for row, (_, net, ebit, margin, lab, lab_pct) in zip(table.to_dict("records"), PUBLISHED):
        assert shown_as(row["cloud_net_revenue_musd_per_mw_year"], net)
        assert shown_as(row["cloud_ebit_musd_per_mw_year"], ebit)
        assert shown_as(100 * row["cloud_ebit_margin"], margin)
        assert shown_as(row["lab_gross_margin_musd_per_mw_year"], lab)
        assert shown_as(100 * row["lab_gross_margin"], lab_pct)


def test_deal_json_has_the_terms_the_hurdles_the_sensitivity_and_the_iaas_break_even(capsys):
    code, out, _ = run(capsys, "deal", "--format", "json", "--hurdle", "30:0.15", "--iaas-rental", "1.90")
    assert code == 0
    data = json.loads(out)
    assert data["terms"] == {"revenue_share": 0.25, "iaas_fee_musd_per_mw_year": 7.5,
                             "cloud_opex_musd_per_mw_year": 6.5, "compute_mw": 1.0}
    assert data["hurdles"] == [{"threshold_musd_per_mw_year": 30.0, "share": 0.15}]
    assert [r["lab_revenue_musd_per_mw_year"] for r in data["sensitivity"]] == REVENUES
    # At 35 with the hurdle: share 8.25 (above).
    assert data["sensitivity"][5]["cloud_revenue_share_musd_per_mw_year"] == pytest.approx(8.25, abs=1e-12)
    assert data["iaas"]["cloud_ebit_musd_per_mw_year"] == pytest.approx(5.8288889, abs=1e-6)
    assert data["iaas"]["breakeven_lab_revenue_musd_per_mw_year"] == pytest.approx(19.3155556, abs=1e-6)


def test_deal_json_without_an_iaas_deal_has_no_iaas_section(capsys):
    _, out, _ = run(capsys, "deal", "--format", "json")
    data = json.loads(out)
    assert "iaas" not in data
    assert data["hurdles"] == []
    # At 25: lab gross margin 25 - 6.25 - 7.5 = 11.25.
    assert data["sensitivity"][3]["lab_gross_margin_musd_per_mw_year"] == pytest.approx(11.25, abs=1e-12)


def test_deal_terms_may_be_changed(capsys):
    # 20% share, fee 5, opex 4 at 30: net 5 + 6 = 11, EBIT 7 (63.64% shown as 64%), lab 30 - 6 - 5 = 19.
    _, out, _ = run(capsys, "deal", "--revenue-share", "0.2", "--iaas-fee", "5", "--cloud-opex", "4",
                    "--revenues", "30")
    assert out.splitlines()[0] == "Revenue share 20%, IaaS fee 5 and cloud opex 4 USD M per MW-year, 1 MW"
    assert table_row(out, "Cloud net revenue per MW")[1:] == ["11.00"]
    assert table_row(out, "Cloud EBIT margin")[1:] == ["64%"]
    assert table_row(out, "Lab gross margin per MW")[1:] == ["19.00"]


# --- fabtoken value-capture ------------------------------------------------------------------------

def test_value_capture_prints_both_paths_per_user_month(capsys, tmp_path):
    # App 20 - 17.50 = 2.50, 2.5 / 18.392466 = 13.6% of all profit; model provider 10.32 (56.1%);
    # cloud 7.18 - 4.65 = 2.54 (hand values in test_value_capture.py); 1P app 20 - 7.18 = 12.82 (69.7%).
    code, out, err = run(capsys, "value-capture", "--margins", margins_file(tmp_path))
    assert (code, err) == (0, "")
    assert out.startswith("Value capture: h200-deepseek-r1; user pays 20 USD per month; flows in USD per user-month")
    third, first = out.split("1P app (the lab's own, pays compute cost)")
    assert "3P app (buys tokens at the API price)" in third
    assert table_row(third, "Application") == ["20.00", "17.50", "2.50", "13.6%"]
    assert table_row(third, "Model provider") == ["17.50", "7.18", "10.32", "56.1%"]
    assert table_row(third, "Cloud") == ["7.18", "4.65", "2.54", "13.8%"]  # 2.535146 / 18.392466 = 13.78%
    assert table_row(third, "Other components and assembly") == ["0.58"]   # a cost left at the bottom
    assert table_row(first, "Application") == ["20.00", "7.18", "12.82", "69.7%"]
    assert "Model provider" not in first


def test_value_capture_per_dollar_shows_shares_of_the_users_dollar(capsys, tmp_path):
    # Per dollar: 1P app cost 7.180650 / 20 = 0.359, profit 0.641; system vendor 3.321857 / 20 = 0.166,
    # its cost 0.830464 / 20 = 0.042, its profit 2.491393 / 20 = 0.125 (13.5% of all profit).
    code, out, _ = run(capsys, "value-capture", "--per", "dollar", "--path", "1p", "--margins", margins_file(tmp_path))
    assert code == 0
    assert "flows in share of the user's dollar" in out.splitlines()[0]
    assert "3P app" not in out
    assert table_row(out, "Application") == ["1.000", "0.359", "0.641", "69.7%"]
    assert table_row(out, "System vendor") == ["0.166", "0.042", "0.125", "13.5%"]


def test_value_capture_of_the_third_party_path_alone(capsys, tmp_path):
    _, out, _ = run(capsys, "value-capture", "--path", "3p", "--per", "mtok", "--margins", margins_file(tmp_path))
    assert "1P app" not in out
    # Per Mtok: model provider 1.750 - 0.718 = 1.032.
    assert table_row(out, "Model provider")[:3] == ["1.750", "0.718", "1.032"]


def test_value_capture_csv_stacks_both_paths_with_a_path_column(capsys, tmp_path):
    code, out, _ = run(capsys, "value-capture", "--format", "csv", "--per", "dollar", "--margins",
                       margins_file(tmp_path))
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["layer", "role", "revenue_per_usd", "cost_per_usd", "gross_profit_per_usd",
                                   "share_of_profit", "path"]
    # 3P: 8 layers and 4 costs left at the bottom; 1P: the same without the model provider.
    assert table["path"].value_counts().to_dict() == {"3p": 12, "1p": 11}
    for path, rows in table.groupby("path"):
        bottom = rows["role"] == "cost left at the bottom"
        kept = rows.loc[~bottom, "gross_profit_per_usd"].sum() + rows.loc[bottom, "cost_per_usd"].sum()
        assert kept == pytest.approx(1.0, abs=1e-12), path


def test_value_capture_json_has_one_list_of_rows_per_path(capsys, tmp_path):
    code, out, _ = run(capsys, "value-capture", "--format", "json", "--path", "3p", "--per", "mtok", "--margins",
                       margins_file(tmp_path))
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["3p"]
    app = data["3p"][0]
    # Per Mtok: the app earns 20 / 10 = 2.00 and pays 1.75.
    assert (app["layer"], app["revenue_usd_per_mtok"], app["cost_usd_per_mtok"]) == ("Application", 2.0, 1.75)


def test_value_capture_reads_the_bundled_margins_by_default(capsys):
    # Bundled: memory 35% of the vendor's cost at 60%: 0.830464 x 0.35 = 0.290662 revenue, 0.174397 kept.
    _, out, _ = run(capsys, "value-capture", "--path", "3p")
    assert table_row(out, "Memory")[:3] == ["0.29", "0.12", "0.17"]


# --- errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "culprits"), [
    (["deal", "--hurdle", "30"], ["--hurdle", "THRESHOLD:SHARE", "'30'"]),
    (["deal", "--hurdle", "x:0.1"], ["--hurdle", "x:0.1"]),
    (["deal", "--hurdle", "30:1.5"], ["--hurdle", "30:1.5", "share", "got 1.5"]),
    (["deal", "--hurdle", "30:0.1", "--hurdle", "20:0.1"], ["hurdles[1].threshold_musd_per_mw_year", "20 after 30"]),
    (["deal", "--iaas-fee", "-1"], ["iaas_fee_musd_per_mw_year", "-1"]),
    (["deal", "--revenue-share", "1.2"], ["revenue_share", "1.2"]),
    (["deal", "--compute-mw", "0"], ["compute_mw", "0 MW"]),
    (["deal", "--revenues", "10,abc"], ["--revenues", "10,abc"]),
    (["deal", "--revenues", ","], ["--revenues", "at least one number"]),
    (["deal", "--revenues", "0"], ["lab_revenue_musd_per_mw_year", "0"]),
    (["deal", "--iaas-rental", "-1.9"], ["rental_usd_per_gpu_hour", "-1.9"]),
    (["deal", "--format", "xml"], ["xml"]),
    (["value-capture", "--preset", "h100"], ["h100"]),
    (["value-capture", "--path", "2p"], ["2p"]),
    (["value-capture", "--per", "year"], ["year"]),
    (["value-capture", "--margins", "/nonexistent/margins.csv"], ["/nonexistent/margins.csv"]),
], ids=["hurdle without share", "hurdle threshold not a number", "hurdle share 1.5", "hurdles descending",
        "negative fee", "share 1.2", "zero MW", "revenue not a number", "no revenue", "zero revenue",
        "negative rental", "unknown format", "unknown preset", "unknown path", "unknown unit", "missing margins file"])
def test_an_error_exits_with_code_2_and_one_line_naming_the_culprit(capsys, argv, culprits):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("fabtoken: error: ")
    for culprit in culprits:
        assert culprit in err


def test_a_bad_margins_file_exits_with_code_2_naming_the_file_line_and_value(capsys, tmp_path):
    path = tmp_path / "margins.csv"
    path.write_text("parameter,value,unit,source,date,note\n"
                    + "".join(f"{k},{1.5 if k == 'memory_gross_margin' else v},fraction,test,2026,\n"
                              for k, v in TEST_MARGINS.items()), encoding="utf-8")
    code, _, err = run(capsys, "value-capture", "--margins", str(path))
    assert code == 2
    assert err.count("\n") == 1
    assert f"{path}:4:" in err and "memory_gross_margin" in err and "1.5" in err


# --- the installed script --------------------------------------------------------------------------

def test_the_installed_script_prints_the_deal():
    done = subprocess.run(["fabtoken", "deal"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # figures.md s2 cloud EBIT margin row: 35 42 48 53 57 60 63 %.
    assert table_row(done.stdout, "Cloud EBIT margin")[1:] == ["35%", "42%", "48%", "53%", "57%", "60%", "63%"]


def test_the_installed_script_prints_the_value_capture():
    done = subprocess.run(["fabtoken", "value-capture", "--per", "dollar"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    # The 3P app keeps 2.50 of 20: 0.125 of the user's dollar (figures.md s1: 12.5%).
    assert table_row(done.stdout, "Application")[:3] == ["1.000", "0.875", "0.125"]


def test_the_installed_script_exits_with_code_2_on_a_bad_hurdle():
    done = subprocess.run(["fabtoken", "deal", "--hurdle", "30:1.5"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "1.5" in done.stderr
