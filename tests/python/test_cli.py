"""The command line, in-process through fabtoken.cli.main and once through the installed script."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pandas as pd
import pytest

from conftest import run_cli as run

# Expected text at the rounding the report shows (format: 3 decimals below 1, 2 below 100):
#   compute cost 1.90 / 2.646 = 0.7180650           -> "0.718"  (figures.md s1: 0.718)
#   model margin (1.75 - 0.7180650) / 1.75 = 58.968% -> "58.97"  (figures.md s1: 59.0%)
#   1P profit 20 - 10 x 0.7180650 = 12.819          -> "12.82"  (figures.md s1: 12.82)
#   dearer rental 2.10 / 2.646 = 0.7936508          -> "0.794"



def table_value(out: str, item: str) -> str:
    line = next(line for line in out.splitlines() if item in line)
    return line.split()[-1]


def test_report_prints_the_stack_as_a_table(capsys):
    code, out, err = run(capsys, "report")
    assert (code, err) == (0, "")
    assert out.startswith("Token factory: h200-deepseek-r1\n")
    for item in ["Total server capital cost", "Depreciation expense", "Neocloud gross margin",
                 "Inference compute cost", "Model gross margin", "1P application gross margin"]:
        assert item in out
    assert table_value(out, "Inference compute cost") == "0.718"
    assert table_value(out, "Model gross margin") == "58.97"
    assert table_value(out, "1P gross profit per user") == "12.82"
    assert table_value(out, "Total server capital cost") == "246,391"


def test_report_names_the_preset_it_was_asked_for(capsys):
    code, out, _ = run(capsys, "report", "--preset", "h200-deepseek-r1")
    assert code == 0
    assert out.startswith("Token factory: h200-deepseek-r1\n")


def test_set_changes_an_input_before_the_report(capsys):
    code, out, err = run(capsys, "report", "--set", "rental_usd_per_gpu_hour=2.10")
    assert (code, err) == (0, "")
    assert table_value(out, "Revenue (rental price)") == "2.10"
    assert table_value(out, "Inference compute cost") == "0.794"


def test_set_may_be_repeated(capsys):
    code, out, _ = run(capsys, "report", "--set", "rental_usd_per_gpu_hour=2.10", "--set", "utilization=0.75",
                       "--format", "csv")
    assert code == 0
    values = pd.read_csv(io.StringIO(out)).set_index("item")["value"]
    # revenue per owned hour 2.10 x 0.75 = 1.575; margin (1.575 - 1.2292005) / 1.575 = 21.9555%
    assert values["Neocloud gross margin"] == pytest.approx(21.9555, abs=1e-4)
    assert values["Inference compute cost"] == pytest.approx(0.7936508, abs=1e-7)


def test_csv_format_has_one_row_per_stack_item(capsys):
    code, out, err = run(capsys, "report", "--format", "csv")
    assert (code, err) == (0, "")
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["layer", "item", "unit", "value", "role"]
    assert len(table) == 29  # 21 published rows + 8 of the preset's own inputs and derived values
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 29
    compute = next(r for r in rows if r["item"] == "Inference compute cost")
    assert (compute["layer"], compute["unit"], compute["role"]) == ("PaaS", "USD/Mtok", "result")
    assert float(compute["value"]) == pytest.approx(0.7180650, abs=1e-7)  # 1.90 / 2.646


def test_json_format_has_the_preset_its_inputs_and_the_rows(capsys):
    code, out, err = run(capsys, "report", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"preset", "inputs", "rows"}
    assert data["preset"] == "h200-deepseek-r1"
    assert len(data["inputs"]) == 16
    assert data["inputs"]["usd_per_server"] == 246_391  # figures.md s1
    assert len(data["rows"]) == 29
    margin = next(r for r in data["rows"] if r["item"] == "Model gross margin")
    assert margin["value"] == pytest.approx(59.0, abs=0.05)  # figures.md s1: 59.0%
    assert set(margin) == {"layer", "item", "unit", "value", "role"}


def test_file_reports_a_preset_of_ones_own(capsys, write_preset):
    path = write_preset({"rental_usd_per_gpu_hour": "rental_usd_per_gpu_hour,2.10,USD/hr/GPU,test,2026,"})
    code, out, err = run(capsys, "report", "--file", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"Token factory: {path}\n")
    assert table_value(out, "Inference compute cost") == "0.794"  # 2.10 / 2.646


def test_file_and_preset_exclude_each_other(capsys, write_preset):
    code, _, err = run(capsys, "report", "--file", str(write_preset()), "--preset", "h200-deepseek-r1")
    assert code == 2
    assert "not allowed with argument" in err


def test_presets_lists_the_built_in_presets(capsys):
    code, out, err = run(capsys, "presets")
    assert (code, err) == (0, "")
    assert "h200-deepseek-r1" in out.splitlines()


@pytest.mark.parametrize(("argv", "culprit"), [
    (["report", "--preset", "h100"], "h100"),
    (["report", "--set", "nope=1"], "nope"),
    (["report", "--set", "pue=abc"], "abc"),
    (["report", "--set", "pue"], "pue"),
    (["report", "--set", "pue=0.5"], "0.5"),
    (["report", "--set", "utilization=nan"], "utilization"),
    (["report", "--format", "xml"], "xml"),
    (["report", "--file", "/nonexistent/stack.csv"], "/nonexistent/stack.csv"),
    (["fly"], "fly"),
], ids=["unknown preset", "unknown set name", "set value not a number", "set without value",
        "invalid value", "nan value", "unknown format", "missing file", "unknown command"])
def test_an_error_exits_with_code_2_and_one_line_naming_the_culprit(capsys, argv, culprit):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("fabtoken: error: ")
    assert culprit in err


def test_a_bad_preset_file_exits_with_code_2_naming_the_parameter(capsys, write_preset):
    path = write_preset({"pue": "pue,0.8,ratio,test,2026,"})
    code, _, err = run(capsys, "report", "--file", str(path))
    assert code == 2
    assert err.count("\n") == 1
    assert str(path) in err and "pue" in err and "0.8" in err


def test_the_installed_script_prints_the_report():
    done = subprocess.run(["fabtoken", "report"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert table_value(done.stdout, "Inference compute cost") == "0.718"
    assert table_value(done.stdout, "Model gross margin") == "58.97"


def test_the_installed_script_exits_with_code_2_on_an_error():
    done = subprocess.run(["fabtoken", "report", "--set", "pue=0.5"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "pue" in done.stderr
