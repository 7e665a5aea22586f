"""`fabtoken sweep` and `fabtoken mc`, in-process through fabtoken.cli.main, reading back what they write.

Expected values are figures.md s1 relations evaluated by hand (conftest's derivation):
    compute cost        = rental / 2.646                      USD/Mtok (735 tokens/s = 2.646 Mtok per GPU-hour)
    cloud gross margin  = (rental - 1.2292005) / rental       (every hour sold: utilization 1)
    model gross margin  = (api price - compute cost) / api price
With pue 1.3 instead of 1.25: electricity 0.087 x 1.35 x 1.3 = 0.152685, total cost 0.8789633 + 0.2034247 +
0.152685 = 1.2350730.
"""

from __future__ import annotations

import importlib.util
import io
import json

import numpy as np
import pandas as pd
import pytest

import fabtoken as ft
from conftest import COMPUTE_COST, MTOK_PER_GPU_HOUR, TOTAL_COST
from conftest import run_cli as run

TOTAL_COST_AT_PUE_1_3 = 1.2350730
MODEL_GROSS_MARGIN = 0.5896771  # (1.75 - 0.7180650) / 1.75, figures.md s1: 59.0%


def cloud_margin(rental: float, total_cost: float = TOTAL_COST) -> float:
    return (rental - total_cost) / rental


def model_margin(rental: float, price: float, mtok_per_gpu_hour: float = MTOK_PER_GPU_HOUR) -> float:
    return (price - rental / mtok_per_gpu_hour) / price


# --- sweep -----------------------------------------------------------------------------------------

GRID = ["--vary", "rental_usd_per_gpu_hour=1.5:2.5:3", "--vary", "api_price_usd_per_mtok=1.75,3.5"]
# rental 1.5, 2.0, 2.5 (LO:HI:3, both ends included) x price 1.75, 3.5, the first --vary changing slowest
GRID_ROWS = [(1.5, 1.75), (1.5, 3.5), (2.0, 1.75), (2.0, 3.5), (2.5, 1.75), (2.5, 3.5)]


def check_grid(frame: pd.DataFrame, total_cost: float = TOTAL_COST) -> None:
    assert list(zip(frame["rental_usd_per_gpu_hour"], frame["api_price_usd_per_mtok"], strict=True)) == GRID_ROWS
    rentals, prices = frame["rental_usd_per_gpu_hour"], frame["api_price_usd_per_mtok"]
    assert np.allclose(frame["compute_cost_usd_per_mtok"], rentals / MTOK_PER_GPU_HOUR, rtol=1e-6)
    assert np.allclose(frame["cloud_gross_margin"], [cloud_margin(r, total_cost) for r in rentals], rtol=1e-6)
    assert np.allclose(frame["model_gross_margin"], [model_margin(r, p) for r, p in zip(rentals, prices, strict=True)],
                       rtol=1e-6)
    assert np.allclose(frame["total_cost_usd_per_gpu_hour"], total_cost, rtol=1e-6)


def test_sweep_prints_the_grid_as_csv(capsys):
    code, out, err = run(capsys, "sweep", *GRID)
    assert (code, err) == (0, "")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns[:2]) == ["rental_usd_per_gpu_hour", "api_price_usd_per_mtok"]
    check_grid(frame)
    # e.g. the first row by hand: 1.5 / 2.646 = 0.5668934; (1.5 - 1.2292005) / 1.5 = 0.1805330;
    # (1.75 - 0.5668934) / 1.75 = 0.6760609
    first = frame.iloc[0]
    assert (first["compute_cost_usd_per_mtok"], first["cloud_gross_margin"], first["model_gross_margin"]) == \
        pytest.approx((0.5668934, 0.1805330, 0.6760609), rel=1e-6)


def test_sweep_writes_csv_and_parquet_files(capsys, tmp_path):
    for name in ("grid.csv", "grid.parquet"):
        path = tmp_path / name
        code, out, err = run(capsys, "sweep", *GRID, "--out", str(path))
        assert (code, err) == (0, "")
        frame = pd.read_csv(path) if name.endswith(".csv") else pd.read_parquet(path)
        assert out.strip() == f"wrote 6 rows x {len(frame.columns)} columns to {path}"
        check_grid(frame)


def test_sweep_set_holds_an_input_and_outputs_picks_columns(capsys, tmp_path):
    path = tmp_path / "grid.csv"
    code, _, err = run(capsys, "sweep", *GRID, "--set", "pue=1.3", "--outputs",
                       "total_cost_usd_per_gpu_hour,cloud_gross_margin", "--out", str(path))
    assert (code, err) == (0, "")
    frame = pd.read_csv(path)
    assert list(frame.columns) == ["rental_usd_per_gpu_hour", "api_price_usd_per_mtok", "total_cost_usd_per_gpu_hour",
                                   "cloud_gross_margin"]
    assert np.allclose(frame["total_cost_usd_per_gpu_hour"], TOTAL_COST_AT_PUE_1_3, rtol=1e-6)
    assert np.allclose(frame["cloud_gross_margin"],
                       [cloud_margin(r, TOTAL_COST_AT_PUE_1_3) for r in frame["rental_usd_per_gpu_hour"]], rtol=1e-6)


def test_sweep_reads_a_preset_file(capsys, write_preset):
    path = write_preset({"pue": "pue,1.3,ratio,test,2026,"})
    code, out, err = run(capsys, "sweep", "--file", str(path), *GRID)
    assert (code, err) == (0, "")
    check_grid(pd.read_csv(io.StringIO(out)), TOTAL_COST_AT_PUE_1_3)


def test_a_one_value_list_and_a_descending_range(capsys):
    code, out, err = run(capsys, "sweep", "--vary", "tokens_per_s_per_gpu=1470", "--vary",
                         "rental_usd_per_gpu_hour=2:1:3", "--outputs", "compute_cost_usd_per_mtok")
    assert (code, err) == (0, "")
    frame = pd.read_csv(io.StringIO(out))
    # 1,470 tokens/s = 5.292 Mtok per GPU-hour: 2 / 5.292 = 0.3779289, 1.5 / 5.292 = 0.2834467, 1 / 5.292 = 0.1889645
    assert list(frame["rental_usd_per_gpu_hour"]) == [2.0, 1.5, 1.0]
    assert list(frame["compute_cost_usd_per_mtok"]) == pytest.approx([0.3779289, 0.2834467, 0.1889645], rel=1e-6)


@pytest.mark.parametrize(("argv", "message"), [
    (["--vary", "rental=1:2:3"], "--vary: unknown input 'rental'; known inputs: "),
    (["--vary", "rental_usd_per_gpu_hour=1:2"], "--vary rental_usd_per_gpu_hour: a range is LO:HI:N, got '1:2'"),
    (["--vary", "rental_usd_per_gpu_hour=1:2:1"], "N must be at least 2 (both ends of the range), got 1"),
    (["--vary", "rental_usd_per_gpu_hour=1:2:x"], "N must be a whole number of values, got 'x'"),
    (["--vary", "rental_usd_per_gpu_hour=a:2:3"], "LO and HI must be numbers, got 'a:2:3'"),
    (["--vary", "rental_usd_per_gpu_hour=1,b"], "expects numbers separated by commas, got '1,b'"),
    (["--vary", "rental_usd_per_gpu_hour"], "--vary expects NAME=LO:HI:N or NAME=V1,V2,..., got 'rental_usd_per_gpu_hour'"),
    (["--vary", "rental_usd_per_gpu_hour=nan,2"], "values must be finite numbers, got nan"),
    (["--vary", "pue=1,2", "--vary", "pue=3,4"], "--vary pue: that input is varied twice"),
    (["--vary", "pue=1,2", "--set", "pue=3"], "--set pue: that input is already given"),
    (["--vary", "pue=1,2", "--outputs", "margin"], "--outputs: unknown output 'margin'; known outputs: "),
    (["--vary", "pue=1,2", "--out", "grid.txt"], "--out must name a .csv or .parquet file, got 'grid.txt'"),
    (["--vary", "tokens_per_s_per_gpu=735,-1"], "tokens_per_s_per_gpu"),  # refused by the batch, naming the input
])
def test_sweep_errors_exit_2_with_a_clear_message(capsys, argv, message):
    code, out, err = run(capsys, "sweep", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("fabtoken: error: ")
    assert message in err


def test_sweep_without_pyarrow_says_how_to_install_it(capsys, tmp_path, monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else find_spec(name, *a))
    code, _, err = run(capsys, "sweep", *GRID, "--out", str(tmp_path / "grid.parquet"))
    assert code == 2
    assert "pip install fabtoken[parquet]" in err


# --- mc --------------------------------------------------------------------------------------------


def summary_of(out: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(out), index_col="output")


def test_mc_of_fixed_inputs_gives_the_published_figures_at_every_percentile(capsys):
    code, out, err = run(capsys, "mc", "--dist", "rental_usd_per_gpu_hour=fixed:1.9", "-n", "20", "--format", "csv")
    assert (code, err) == (0, "")
    summary = summary_of(out)
    assert list(summary.columns) == ["mean", "sd", "p5", "p50", "p95"]
    for output, published in [("compute_cost_usd_per_mtok", COMPUTE_COST), ("model_gross_margin", MODEL_GROSS_MARGIN),
                               ("total_cost_usd_per_gpu_hour", TOTAL_COST)]:
        assert list(summary.loc[output, ["mean", "p5", "p50", "p95"]]) == pytest.approx([published] * 4, rel=1e-6)
        assert summary.loc[output, "sd"] == 0.0


def test_mc_of_a_uniform_rental_has_the_hand_computed_mean_and_percentiles(capsys):
    # rental ~ U(1.6, 2.2): mean 1.9, sd 0.1732051, q-th percentile 1.6 + 0.006 q.
    # compute cost = rental / 2.646: mean 0.7180650, sd 0.0654592; p5 = 1.63 / 2.646 = 0.6160242,
    # p95 = 2.17 / 2.646 = 0.8201058. Standard errors at n = 20,000: mean 0.0654592 / 141.42 = 0.00046;
    # p5 and p95 sqrt(0.05 x 0.95 / 20,000) x 0.6 / 2.646 = 0.00035
    code, out, err = run(capsys, "mc", "--dist", "rental_usd_per_gpu_hour=uniform:1.6:2.2", "-n", "20000",
                         "--seed", "7", "--outputs", "compute_cost_usd_per_mtok", "--format", "csv")
    assert (code, err) == (0, "")
    row = summary_of(out).loc["compute_cost_usd_per_mtok"]
    assert abs(row["mean"] - COMPUTE_COST) < 5 * 0.00046
    assert row["sd"] == pytest.approx(0.0654592, rel=0.03)
    assert row["p5"] == pytest.approx(0.6160242, abs=5 * 0.00035)
    assert row["p95"] == pytest.approx(0.8201058, abs=5 * 0.00035)


def test_mc_writes_every_draw_and_the_same_seed_writes_the_same_file(capsys, tmp_path):
    paths = [tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.parquet"]
    argv = ["--dist", "tokens_per_s_per_gpu=triangular:600:735:800", "--dist", "rental_usd_per_gpu_hour=pert:1.6:1.9:2.4",
            "-n", "500", "--seed", "3"]
    for path in paths:
        code, out, err = run(capsys, "mc", *argv, "--out", str(path))
        assert (code, err) == (0, "")
        assert out.startswith("Monte Carlo of h200-deepseek-r1: 500 draws, seed 3\n")
        columns = 2 + len(ft.batch.output_names(ft.presets.token_factory("h200-deepseek-r1")))  # the 2 inputs, then outputs
        assert out.rstrip().endswith(f"wrote 500 rows x {columns} columns to {path}")
    first, second, parquet = pd.read_csv(paths[0]), pd.read_csv(paths[1]), pd.read_parquet(paths[2])
    assert paths[0].read_text() == paths[1].read_text()
    assert list(first.columns[:2]) == ["rental_usd_per_gpu_hour", "tokens_per_s_per_gpu"]  # inputs sorted by name
    assert np.allclose(parquet.to_numpy(), first.to_numpy(), rtol=1e-12)  # CSV keeps full precision
    # row by row: compute cost = rental / (throughput x 3,600 / 10^6)
    assert np.allclose(first["compute_cost_usd_per_mtok"],
                       first["rental_usd_per_gpu_hour"] / (first["tokens_per_s_per_gpu"] * 3600 / 1e6), rtol=1e-9)
    assert first["tokens_per_s_per_gpu"].between(600, 800).all()
    assert first["rental_usd_per_gpu_hour"].between(1.6, 2.4).all()
    other_seed = tmp_path / "d.csv"
    code, _, err = run(capsys, "mc", *argv[:-1], "4", "--out", str(other_seed))
    assert (code, err) == (0, "")
    assert not second.equals(pd.read_csv(other_seed))


def test_every_distribution_kind_parses(capsys, tmp_path):
    path = tmp_path / "draws.csv"
    code, _, err = run(capsys, "mc", "--dist", "tokens_per_s_per_gpu=normal:735:50:650:800",
                       "--dist", "rental_usd_per_gpu_hour=lognormal:1.9:0.1", "--dist", "utilization=pert:0.6:0.9:1:2",
                       "--dist", "pue=fixed:1.3", "--dist", "api_price_usd_per_mtok=uniform:1.5:2",
                       "--dist", "electricity_usd_per_kwh=triangular:0.06:0.087:0.12", "-n", "2000", "--out", str(path))
    assert (code, err) == (0, "")
    draws = pd.read_csv(path)
    assert draws["tokens_per_s_per_gpu"].between(650, 800).all()  # truncated, not clipped:
    assert (draws["tokens_per_s_per_gpu"] != 650).all() and (draws["tokens_per_s_per_gpu"] != 800).all()
    assert (draws["rental_usd_per_gpu_hour"] > 0).all()
    # lognormal median 1.9: half the draws below it (binomial sd 0.5 / sqrt(2000) = 0.011)
    assert (draws["rental_usd_per_gpu_hour"] < 1.9).mean() == pytest.approx(0.5, abs=5 * 0.011)
    assert draws["utilization"].between(0.6, 1.0).all()
    assert (draws["pue"] == 1.3).all()
    assert np.allclose(draws["total_cost_usd_per_gpu_hour"],
                       0.8789633 + 0.2034247 + draws["electricity_usd_per_kwh"] * 1.35 * 1.3, rtol=1e-6)


def test_mc_table_and_json_formats(capsys):
    argv = ["mc", "--dist", "rental_usd_per_gpu_hour=fixed:1.9", "-n", "10", "--percentiles", "10,90",
            "--outputs", "compute_cost_usd_per_mtok"]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Monte Carlo of h200-deepseek-r1: 10 draws, seed 0"
    assert lines[2].split() == ["mean", "sd", "p10", "p90"]
    assert lines[3].split() == ["compute_cost_usd_per_mtok", "0.718065", "0", "0.718065", "0.718065"]  # 6 digits
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["preset"], document["n"], document["seed"]) == ("h200-deepseek-r1", 10, 0)
    [row] = document["summary"]
    assert row["output"] == "compute_cost_usd_per_mtok"
    assert row["p90"] == pytest.approx(COMPUTE_COST, rel=1e-6)


@pytest.mark.parametrize(("argv", "message"), [
    (["--dist", "rental_usd_per_gpu_hour=beta:1:2"], "--dist expects NAME=KIND:PARAMS with KIND one of uniform, "),
    (["--dist", "rental_usd_per_gpu_hour"], "--dist expects NAME=KIND:PARAMS"),
    (["--dist", "rental_usd_per_gpu_hour=uniform:1"], "--dist rental_usd_per_gpu_hour: uniform expects uniform:LO:HI, got 'uniform:1'"),
    (["--dist", "rental_usd_per_gpu_hour=normal:1:0.1:0.5"], "normal expects normal:MEAN:SD[:LO:HI]"),
    (["--dist", "rental_usd_per_gpu_hour=uniform:a:2"], "the parameters of uniform:LO:HI must be numbers, got 'uniform:a:2'"),
    (["--dist", "rental_usd_per_gpu_hour=uniform:2:1"], "Uniform: high must be greater than low (2.0), got 1.0"),
    (["--dist", "rental_usd_per_gpu_hour=triangular:1:3:2"], "Triangular: mode must lie in [low, high] = [1.0, 2.0], got 3.0"),
    (["--dist", "rental_usd_per_gpu_hour=normal:1.9:-0.1"], "Normal: sd must be positive, got -0.1"),
    (["--dist", "rental=uniform:1:2"], "--dist: unknown input 'rental'; known inputs: "),
    (["--dist", "pue=fixed:1.3", "--dist", "pue=fixed:1.2"], "--dist pue: that input has two distributions"),
    (["--dist", "pue=fixed:1.3", "--set", "pue=1.2"], "--set pue: that input is already given"),
    (["--dist", "pue=fixed:1.3", "-n", "0"], "n (the number of draws) must be at least 1, got 0"),
    (["--dist", "pue=fixed:1.3", "--percentiles", "50,150"], "percentiles must lie in [0, 100], got 150.0"),
    (["--dist", "tokens_per_s_per_gpu=normal:100:100"], "Draws are not clipped"),
])
def test_mc_errors_exit_2_with_a_clear_message(capsys, argv, message):
    code, out, err = run(capsys, "mc", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("fabtoken: error: ")
    assert message in err


def test_mc_needs_a_distribution(capsys):
    code, _, err = run(capsys, "mc", "-n", "10")
    assert code == 2
    assert "--dist" in err
