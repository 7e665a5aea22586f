"""`fabtoken chips` and `fabtoken cluster`, in-process through fabtoken.cli.main and once each through the
installed script.

Expected values are figures.md s5 and s6 at the output's rounding, or hand calculations written out
beside them (the s6 derivations are in test_goodput.py's header). figures.md s5: cost per Mtok =
TCO per GPU-hour / (tokens/s/GPU x 3,600 / 10^6).
"""

from __future__ import annotations

import io
import json
import pathlib
import subprocess

import pandas as pd
import pytest

from conftest import run_cli as run



def row(out: str, label: str) -> list[str]:
    """The cells after `label` on the line that starts with it (labels may hold spaces)."""
    line = next(line for line in out.splitlines() if line.startswith(label + " "))
    return line[len(label):].split()


def number(cell: str) -> float:
    return float(cell.replace(",", "").rstrip("%"))


def refused(code: int, out: str, err: str) -> str:
    """The one-line message of a refused command."""
    assert code == 2
    assert out == ""
    assert err.startswith("fabtoken: error: ") and err.count("\n") == 1, err
    return err


# --- fabtoken chips ---------------------------------------------------------------------------------

# figures.md s5 TCO per GPU-hour.
PUBLISHED_TCO = {"H100": "1.690", "H200": "1.740", "B200": "2.340", "B300": "2.808", "GB200": "2.750",
                 "GB300": "3.300", "MI300X": "1.400", "MI325X": "1.590", "MI355X": "1.900"}


def test_chips_lists_the_catalog_with_tco_source_and_date(capsys):
    code, out, err = run(capsys, "chips")
    assert (code, err) == (0, "")
    assert out.startswith("Chips\n")
    for chip, tco in PUBLISHED_TCO.items():
        assert row(out, chip)[0] == tco, chip
        assert " ".join(row(out, chip)[1:]) == "figures.md s5: TCO per GPU-hour 2026-05", chip


def test_chips_at_a_throughput_prices_every_chip_per_mtok(capsys):
    code, out, err = run(capsys, "chips", "--throughput", "8000")
    assert (code, err) == (0, "")
    assert out.startswith("Chips; cost per Mtok at 8,000 tokens/s/GPU")
    # 8,000 tok/s/GPU = 28.8 Mtok per GPU-hour: B300 2.808 / 28.8 = 0.0975; H100 1.69 / 28.8 = 0.0587 (0.0586806);
    # GB300 3.3 / 28.8 = 0.1146 (0.1145833); MI300X 1.4 / 28.8 = 0.0486 (0.0486111).
    assert row(out, "B300")[:2] == ["2.808", "0.0975"]
    assert row(out, "H100")[:2] == ["1.690", "0.0587"]
    assert row(out, "GB300")[:2] == ["3.300", "0.1146"]
    assert row(out, "MI300X")[:2] == ["1.400", "0.0486"]


@pytest.mark.parametrize(("throughput", "cost"), [("1000", 0.78), ("14000", 0.0557143)])
def test_chips_csv_gives_the_published_b300_costs_at_full_precision(capsys, throughput, cost):
    # figures.md s5: 2.808 / 3.6 = 0.78 at 1k; 2.808 / 50.4 = 0.0557143 at 14k tok/s/GPU.
    code, out, _ = run(capsys, "chips", "--throughput", throughput, "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out)).set_index("chip")
    assert list(table.columns) == ["tco_usd_per_gpu_hour", "kw_per_gpu", "source", "date", "cost_usd_per_mtok"]
    assert table.loc["B300", "cost_usd_per_mtok"] == pytest.approx(cost, rel=1e-6)


def test_chips_json_is_one_record_per_chip(capsys):
    code, out, _ = run(capsys, "chips", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [r["chip"] for r in records] == list(PUBLISHED_TCO)
    assert records[5] == {"chip": "GB300", "tco_usd_per_gpu_hour": 3.3, "kw_per_gpu": None,
                          "source": "figures.md s5: TCO per GPU-hour", "date": "2026-05"}


def test_chips_reads_a_catalog_of_your_own(capsys, tmp_path):
    path = tmp_path / "chips.csv"
    path.write_text("chip,tco_usd_per_gpu_hour,kw_per_gpu,source,date\nX1,3.6,1.4,my quote,2026-01\n", encoding="utf-8")
    code, out, _ = run(capsys, "chips", "--catalog", str(path), "--throughput", "1000")
    assert code == 0
    assert row(out, "X1")[:2] == ["3.600", "1.0000"]       # 3.6 / 3.6 = 1 USD/Mtok


# Illustrative results (not published): B300 at (50, 8000) and (120, 2000); H100 at (25, 900) and
# (100, 300); a chip the catalog does not know at (40, 100). At 60 tokens/s/user:
#   B300: 8000 + (60 - 50) / (120 - 50) x (2000 - 8000) = 8000 - 857.14 = 7,142.86; 2.808 / (7,142.86 x 0.0036)
#         = 2.808 / 25.714286 = 0.1092 USD/Mtok
#   H100: 900 + (60 - 25) / (100 - 25) x (300 - 900) = 900 - 280 = 620; 1.69 / (620 x 0.0036) = 1.69 / 2.232
#         = 0.7572 USD/Mtok (0.7571685)
# Interactivity from median_tpot in seconds (1 / 0.020 = 50, 1 / 0.040 = 25, 1 / 0.010 = 100) or given as median_intvty.
def record(hw: str, tput: float, tpot_s: float | None = None, **given: float) -> dict:
    fields = {"hw": hw, "model": "dsr1", "framework": "sglang", "precision": "fp8", "isl": 8192, "osl": 1024,
              "tput_per_gpu": tput, **given}
    if tpot_s is not None:
        fields["median_tpot"] = tpot_s
    return fields


RESULTS = [record("b300", 8000, 0.020), record("h100", 900, 0.040), record("b300", 2000, median_intvty=120),
           record("h100", 300, 0.010)]
B300 = "b300 / dsr1 / fp8 / sglang / 8192 in, 1024 out"
H100 = "h100 / dsr1 / fp8 / sglang / 8192 in, 1024 out"


@pytest.fixture
def results_json(tmp_path) -> pathlib.Path:
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"results": RESULTS}), encoding="utf-8")
    return path


@pytest.fixture
def results_csv(tmp_path) -> pathlib.Path:
    path = tmp_path / "results.csv"
    path.write_text("chip,model,precision,framework,input_length,output_length,interactivity_tokens_per_s_per_user,"
                    "tokens_per_s_per_gpu\n"
                    "b300,dsr1,fp8,sglang,8192,1024,50,8000\nh100,dsr1,fp8,sglang,8192,1024,25,900\n"
                    "b300,dsr1,fp8,sglang,8192,1024,120,2000\nh100,dsr1,fp8,sglang,8192,1024,100,300\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("results", ["results_json", "results_csv"])
def test_chips_reads_each_curve_at_an_interactivity_and_prices_it_at_the_chips_tco(capsys, request, results):
    path = request.getfixturevalue(results)
    code, out, err = run(capsys, "chips", "--results", str(path), "--interactivity", "60")
    assert (code, err) == (0, "")
    assert out.startswith("At 60 tokens/s/user")
    assert row(out, B300) == ["7,143", "0.1092"]
    assert row(out, H100) == ["620", "0.7572"]


def test_chips_results_as_json_carry_full_precision(capsys, results_json):
    code, out, _ = run(capsys, "chips", "--results", str(results_json), "--interactivity", "60", "--format", "json")
    assert code == 0
    records = {r["curve"]: r for r in json.loads(out)}
    assert records[B300]["tokens_per_s_per_gpu"] == pytest.approx(7142.857, rel=1e-6)
    assert records[B300]["tco_usd_per_gpu_hour"] == 2.808
    assert records[B300]["cost_usd_per_mtok"] == pytest.approx(0.1092, rel=1e-4)   # 2.808 / 25.714286
    assert records[H100]["cost_usd_per_mtok"] == pytest.approx(0.7571685, rel=1e-6)


def test_chips_results_as_csv_have_one_row_per_curve(capsys, results_csv):
    code, out, _ = run(capsys, "chips", "--results", str(results_csv), "--interactivity", "60", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["curve", "tokens_per_s_per_gpu", "tco_usd_per_gpu_hour", "cost_usd_per_mtok"]
    assert list(table["tokens_per_s_per_gpu"]) == pytest.approx([7142.857, 620], rel=1e-6)


def test_a_chip_the_catalog_does_not_know_is_shown_without_a_cost(capsys, tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps(RESULTS + [record("tpu-v7", 100, 25)]), encoding="utf-8")   # 1000 / 25 = 40
    code, out, _ = run(capsys, "chips", "--results", str(path), "--interactivity", "40", "--clamp")
    assert code == 0
    assert row(out, "tpu-v7 / dsr1 / fp8 / sglang / 8192 in, 1024 out") == ["100", "not", "in", "catalog"]


def test_clamp_reads_each_curve_at_its_nearest_measurement(capsys, results_json):
    # At 200: B300's last point (120, 2000): 2.808 / 7.2 = 0.39; H100's (100, 300): 1.69 / 1.08 = 1.5648.
    code, out, err = run(capsys, "chips", "--results", str(results_json), "--interactivity", "200", "--clamp")
    assert (code, err) == (0, "")
    assert row(out, B300) == ["2,000", "0.3900"]
    assert row(out, H100) == ["300", "1.5648"]


def test_an_interactivity_outside_a_curve_without_clamp_is_refused_with_the_range(capsys, results_json):
    err = refused(*run(capsys, "chips", "--results", str(results_json), "--interactivity", "200"))
    assert "interactivity 200 tokens/s/user is outside the measured range [50, 120]" in err


def test_results_without_an_interactivity_are_refused(capsys, results_json):
    err = refused(*run(capsys, "chips", "--results", str(results_json)))
    assert "--results needs --interactivity" in err


def test_a_malformed_results_file_is_refused_naming_file_record_and_field(capsys, tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps([RESULTS[0], {"hw": "b300", "model": "dsr1", "median_tpot": 5}]), encoding="utf-8")
    err = refused(*run(capsys, "chips", "--results", str(path), "--interactivity", "60"))
    assert f"{path}: record 1: field 'tput_per_gpu' is missing" in err


def test_a_missing_results_file_is_refused(capsys, tmp_path):
    err = refused(*run(capsys, "chips", "--results", str(tmp_path / "nowhere.json"), "--interactivity", "60"))
    assert "nowhere.json" in err


def test_an_upper_case_json_extension_is_read_as_json(capsys, tmp_path):
    path = tmp_path / "RESULTS.JSON"
    path.write_text(json.dumps(RESULTS), encoding="utf-8")
    code, out, _ = run(capsys, "chips", "--results", str(path), "--interactivity", "60")
    assert code == 0
    assert row(out, B300) == ["7,143", "0.1092"]


# --- fabtoken cluster -------------------------------------------------------------------------------

def test_cluster_defaults_to_gold_and_shows_the_published_goodput_and_bill(capsys):
    code, out, err = run(capsys, "cluster")
    assert (code, err) == (0, "")
    assert out.startswith("Cluster: gb300-gold")
    # figures.md s6 Gold.
    assert row(out, "Recovery") == ["fault_tolerant"]
    assert row(out, "Cluster MTBF (h)") == ["4.8"]
    assert row(out, "Interruptions per month") == ["149.3"]
    assert row(out, "Downtime loss") == ["5.53%"]
    assert row(out, "Idle spare cost") == ["0.62%"]
    assert row(out, "Total goodput loss") == ["6.14%"]
    assert row(out, "GPUs") == ["14,929,920"]
    assert row(out, "Hot storage") == ["17,920"]
    assert row(out, "Cold storage") == ["104,858"]          # 104,857.6
    assert row(out, "Goodput loss") == ["917,088"]
    assert row(out, "Monthly") == ["15,969,785"]
    assert row(out, "36-month total") == ["574,912,276"]


def test_cluster_silver_compared_with_gold_shows_both_columns_and_the_ratio(capsys):
    code, out, err = run(capsys, "cluster", "--preset", "gb300-silver", "--compare", "gb300-gold")
    assert (code, err) == (0, "")
    assert row(out, "Recovery") == ["hot_spare_restart"]
    assert row(out, "Cluster MTBF (h)") == ["2.9"]
    assert row(out, "Interruptions per month") == ["248.8"]
    assert row(out, "Downtime loss") == ["20.91%"]
    assert row(out, "Total goodput loss") == ["20.91%"]
    # Ratios: 28,160 / 17,920 = 1.571; 3,121,348.6 / 917,087.8 = 3.404; 18,366,223.9 / 15,969,785.4 = 1.150.
    assert row(out, "Hot storage") == ["28,160", "17,920", "1.571"]
    assert row(out, "Cold storage") == ["157,286", "104,858", "1.500"]
    assert row(out, "Goodput loss") == ["3,121,349", "917,088", "3.404"]
    assert row(out, "Setup, amortized") == ["926", "0"]                  # 33,333 / 36; no ratio against 0
    assert row(out, "Debugging") == ["128,583", "0"]
    assert row(out, "Monthly") == ["18,366,224", "15,969,785", "1.150"]
    total, gold_total, ratio = row(out, "Contract total")
    # Silver's published 661,184,050 holds to 18.5 USD (its rounded setup and debugging; see
    # test_goodput.py), plus 0.5 for the whole-dollar display.
    assert abs(number(total) - 661_184_050) <= 18.5 + 0.5
    assert (gold_total, ratio) == ("574,912,276", "1.150")


def test_cluster_with_a_cold_spare_restart_recomputes_the_loss_and_the_bill(capsys):
    # Cold spare on Gold's terms (test_goodput.py): downtime 0.1911467, total 0.1973195; goodput loss
    # 14,929,920 x 4,778.6667 / 25,000 + 92,160 = 2,853,804.2 + 92,160 = 2,945,964.2.
    code, out, _ = run(capsys, "cluster", "--set", "recovery=cold_spare_restart")
    assert code == 0
    assert row(out, "Recovery") == ["cold_spare_restart"]
    assert row(out, "Downtime loss") == ["19.11%"]
    assert row(out, "Total goodput loss") == ["19.73%"]
    assert row(out, "Goodput loss") == ["2,945,964"]


def test_cluster_without_idle_spares_loses_only_the_downtime(capsys):
    # Gold without spares: 0.0552533 total; goodput loss 824,927.8464; monthly 15,969,785.4464 - 92,160
    # = 15,877,625.4464; 36 months 571,594,516.1.
    code, out, _ = run(capsys, "cluster", "--set", "idle_spare_gpus=0", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["cluster"] == "gb300-gold"
    assert report["goodput"]["idle_spare_cost"] == 0
    assert report["goodput"]["total_loss"] == pytest.approx(0.0552533, rel=1e-6)
    assert report["goodput"]["monthly_usd"] == pytest.approx(15_877_625.4464, rel=1e-10)
    assert report["goodput"]["contract_total_usd"] == pytest.approx(571_594_516.1, abs=0.05)
    bill = {line["item"]: line["usd_per_month"] for line in report["bill"]}
    assert bill["Goodput loss"] == pytest.approx(824_927.8464, rel=1e-10)


def test_cluster_json_has_the_goodput_statistics_and_the_bill(capsys):
    code, out, _ = run(capsys, "cluster", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert set(report["goodput"]) == {"cluster_mtbf_hours", "interruptions_per_month", "downtime_loss",
                                      "idle_spare_cost", "total_loss", "monthly_usd", "contract_total_usd"}
    assert report["goodput"]["interruptions_per_month"] == pytest.approx(149.2992, rel=1e-12)
    assert len(report["bill"]) == 9


def test_cluster_csv_is_the_bill_and_with_compare_the_comparison(capsys):
    code, out, _ = run(capsys, "cluster", "--format", "csv")
    assert code == 0
    bill = pd.read_csv(io.StringIO(out))
    assert list(bill.columns) == ["item", "usd_per_month"]
    assert bill.set_index("item").loc["GPUs", "usd_per_month"] == 14_929_920
    code, out, _ = run(capsys, "cluster", "--preset", "gb300-silver", "--compare", "gb300-gold", "--format", "csv")
    assert code == 0
    compared = pd.read_csv(io.StringIO(out)).set_index("item")
    assert list(compared.columns) == ["usd_per_month", "other_usd_per_month", "ratio"]
    assert compared.loc["Cold storage", "ratio"] == pytest.approx(1.5, rel=1e-12)     # 157,286.4 / 104,857.6
    assert pd.isna(compared.loc["Debugging", "ratio"])                                 # against Gold's 0


def test_a_cluster_file_of_your_own_is_read(capsys, tmp_path):
    from fabtoken import clusters

    path = tmp_path / "mine.csv"
    path.write_text(clusters.path("gb300-silver").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "cluster", "--file", str(path))
    assert code == 0
    assert out.startswith(f"Cluster: {path}")
    assert row(out, "Total goodput loss") == ["20.91%"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--preset", "platinum"], "unknown cluster preset 'platinum'; available: gb300-gold, gb300-silver"),
    (["--compare", "platinum"], "unknown cluster preset 'platinum'"),
    (["--set", "colour=3"], "--set: unknown input 'colour'; known inputs: blast_radius_gpus"),
    (["--set", "recovery=pray"],
     "recovery must be fault_tolerant, hot_spare_restart or cold_spare_restart, got 'pray'"),
    (["--set", "job_gpus=abc"], "--set job_gpus: value must be a number, got 'abc'"),
    (["--set", "job_gpus=6000"], "job_gpus + idle_spare_gpus must fit in the cluster"),
    (["--set", "gpus=100"], "--set gpus: the bill's gpus comes from the goodput (set cluster_gpus)"),
    (["--set", "goodput_loss=0.1"], "--set goodput_loss: the bill's goodput_loss comes from the goodput"),
    (["--preset", "gb300-gold", "--file", "x.csv"], "not allowed with argument"),
])
def test_a_bad_cluster_command_exits_2_with_one_line_naming_the_problem(capsys, argv, message):
    err = refused(*run(capsys, "cluster", *argv))
    assert message in err


def test_the_known_inputs_leave_out_what_the_goodput_decides(capsys):
    err = refused(*run(capsys, "cluster", "--set", "colour=3"))
    known = err.split("known inputs: ")[1].strip().split(", ")
    assert "cluster_gpus" in known and "recovery" in known
    assert "gpus" not in known and "goodput_loss" not in known


# --- the installed script ---------------------------------------------------------------------------

def test_the_installed_script_prices_the_chips():
    done = subprocess.run(["fabtoken", "chips", "--throughput", "8000"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert row(done.stdout, "B300")[:2] == ["2.808", "0.0975"]      # 2.808 / 28.8


def test_the_installed_script_prints_the_silver_cluster_and_refuses_a_bad_preset():
    done = subprocess.run(["fabtoken", "cluster", "--preset", "gb300-silver"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert row(done.stdout, "Monthly") == ["18,366,224"]
    done = subprocess.run(["fabtoken", "cluster", "--preset", "platinum"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1
