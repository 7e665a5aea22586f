"""`fabtoken price MODEL`: a workload's bill on a price card, in-process through fabtoken.cli.main and
once through the installed script.

The text output rounds as the report does: whole numbers bare, 3 decimals below 1, 2 below 100, 1 below
1,000, none from 1,000 on. Expected values below are hand calculations at that rounding.
"""

from __future__ import annotations

import io
import json
import pathlib
import subprocess

import pandas as pd
import pytest

from conftest import run_cli as run

# figures.md s4's agentic workload on Claude Opus 4.5 (input 5, output 25, cache read 0.50, no
# cache-write price so writes bill at input 5): 100k input, 300 input tokens per output token, 90%
# cache hits, 5% written -> 5k uncached, 90k reads, 5k writes, 333.33 output.
#   5k x 5 + 90k x 0.50 + 5k x 5 + 333.33 x 25 = 25,000 + 45,000 + 25,000 + 8,333.33 = 0.1033333 USD
#   blended 0.1033333 / 100,333.33 tokens = 1.0299003 USD/Mtok; per output Mtok 0.1033333 / 333.33 = 310
AGENTIC = ["claude-opus-4.5", "--input-tokens", "100000", "--input-output-ratio", "300", "--cache-hit-rate", "0.9",
           "--cache-write-share", "0.05"]



def line_with(out: str, text: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(text))


def test_the_table_shows_each_token_class_and_the_hand_calculated_totals(capsys):
    code, out, err = run(capsys, "price", *AGENTIC)
    assert (code, err) == (0, "")
    assert out.startswith("claude-opus-4.5 (anthropic); source: figures.md s4")
    assert "standard prices" in out
    # Each class: tokens, USD/Mtok, USD/request, share (25/103.33 = 24.2%, 45/103.33 = 43.5%, 8.33/103.33 = 8.1%).
    assert line_with(out, "uncached_input").split() == ["uncached_input", "5,000", "5", "0.025", "24.2%"]
    assert line_with(out, "cache_read").split() == ["cache_read", "90,000", "0.500", "0.045", "43.5%"]
    assert line_with(out, "cache_write_5m").split() == ["cache_write_5m", "5,000", "5", "0.025", "24.2%"]
    assert line_with(out, "cache_write_1h").split() == ["cache_write_1h", "0", "5", "0", "0.0%"]
    assert line_with(out, "output").split() == ["output", "333.3", "25", "0.008", "8.1%"]
    assert line_with(out, "Bill per request").split()[3:5] == ["0.103", "USD"]        # 0.1033333
    assert line_with(out, "Blended price").split()[2:4] == ["1.03", "USD/Mtok"]       # 1.0299003
    per_output = next(line for line in out.splitlines() if "per output Mtok" in line).split()
    assert float(per_output[0]) == pytest.approx(310.0, abs=0.05)                     # 310, 1 decimal at most


def test_requests_per_task_and_tasks_per_month_scale_the_bill(capsys):
    code, out, _ = run(capsys, "price", *AGENTIC, "--requests-per-task", "50", "--tasks-per-month", "20")
    assert code == 0
    assert line_with(out, "Bill per task").split()[3:7] == ["5.17", "USD", "(50", "requests)"]  # 0.1033333 x 50
    assert line_with(out, "Bill per month").split()[3:7] == ["103.3", "USD", "(20", "tasks)"]    # 5.1666667 x 20


def test_csv_format_has_one_row_per_token_class(capsys):
    code, out, err = run(capsys, "price", *AGENTIC, "--format", "csv")
    assert (code, err) == (0, "")
    table = pd.read_csv(io.StringIO(out))
    assert len(table) == 5
    assert list(table.columns) == ["token_class", "tokens_per_request", "usd_per_mtok", "usd_per_request",
                                   "share_of_bill"]
    rows = table.set_index("token_class")
    assert rows.loc["cache_read", "tokens_per_request"] == pytest.approx(90_000, rel=1e-12)  # 100k x 0.90
    assert rows.loc["cache_read", "usd_per_request"] == pytest.approx(0.045, rel=1e-12)      # 90k x 0.50
    assert rows["usd_per_request"].sum() == pytest.approx(0.1033333, rel=1e-6)


def test_json_format_has_the_card_the_workload_the_bill_and_the_blended_price(capsys):
    code, out, err = run(capsys, "price", *AGENTIC, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert {"card", "workload", "bill", "blended_usd_per_mtok", "usd_per_request", "usd_per_output_mtok"} <= set(data)
    assert data["card"]["model"] == "claude-opus-4.5"
    assert data["card"]["cache_read_usd_per_mtok"] == pytest.approx(0.50, rel=1e-12)  # figures.md s4
    assert data["workload"]["cache_read_tokens"] == pytest.approx(90_000, rel=1e-12)
    assert [row["token_class"] for row in data["bill"]] == ["uncached_input", "cache_read", "cache_write_5m",
                                                            "cache_write_1h", "output"]
    assert data["usd_per_request"] == pytest.approx(0.1033333, rel=1e-6)
    assert data["blended_usd_per_mtok"] == pytest.approx(1.0299003, rel=1e-7)
    assert data["usd_per_output_mtok"] == pytest.approx(310.0, rel=1e-12)
    assert data["long_context"] is False


def test_output_tokens_may_be_given_instead_of_a_ratio(capsys):
    # 100k input and 1k output on Kimi K2.6 (figures.md s4: 0.95 / 4, no cache price):
    # 100k x 0.95 + 1k x 4 = 95,000 + 4,000 = 0.099 USD.
    code, out, _ = run(capsys, "price", "kimi-k2.6", "--input-tokens", "100000", "--output-tokens", "1000",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["workload"]["output_tokens"] == pytest.approx(1000, rel=1e-12)
    assert data["usd_per_request"] == pytest.approx(0.099, rel=1e-12)


# ---- Catalog files ------------------------------------------------------------------------------

CSV = ("model,provider,input_usd_per_mtok,output_usd_per_mtok,cache_read_usd_per_mtok,batch_discount,"
       "priority_multiplier,source\n"
       "m,test,3,15,0.30,0.5,6,a test card\n"
       "broken,test,3,expensive,,,,\n")
# m: 100k input, 1k output, 50% hits: 50k x 3 + 50k x 0.30 + 1k x 15 = 150,000 + 15,000 + 15,000 = 0.18 USD.
M_ARGS = ["m", "--input-tokens", "100000", "--output-tokens", "1000", "--cache-hit-rate", "0.5", "--format", "json"]


@pytest.fixture
def catalog_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "cards.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.mark.parametrize(("options", "usd"), [
    ([], 0.18),
    (["--batch"], 0.09),                    # 0.18 x (1 - 0.5)
    (["--priority"], 1.08),                 # 0.18 x 6
    (["--batch", "--priority"], 0.54),      # 0.18 x 0.5 x 6
], ids=["list", "batch", "priority", "batch and priority"])
def test_a_catalog_file_card_is_billed_with_batch_and_priority_as_hand_calculated(capsys, catalog_file, options, usd):
    code, out, err = run(capsys, "price", *M_ARGS, "--catalog", str(catalog_file), *options)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["usd_per_request"] == pytest.approx(usd, rel=1e-12)
    assert data["workload"]["batch"] is ("--batch" in options)
    assert data["workload"]["priority"] is ("--priority" in options)


def test_priority_on_opus_45_is_fast_mode_at_six_times(capsys):
    # figures.md s4: fast mode 6x Opus. 0.1033333 x 6 = 0.62 USD -> "0.620"; 1.0299003 x 6 = 6.179 -> "6.18".
    code, out, _ = run(capsys, "price", *AGENTIC, "--priority")
    assert code == 0
    assert "standard prices, priority" in out
    assert line_with(out, "Bill per request").split()[3] == "0.620"
    assert line_with(out, "Blended price").split()[2] == "6.18"
    assert line_with(out, "cache_read").split()[2] == "3"  # 0.50 x 6


def test_the_text_output_names_the_options_used(capsys, catalog_file):
    code, out, _ = run(capsys, "price", *M_ARGS[:-2], "--catalog", str(catalog_file), "--batch")
    assert code == 0
    assert out.startswith("m (test); source: a test card\n")
    assert "standard prices, batch\n" in out
    assert line_with(out, "Bill per request").split()[3] == "0.090"  # 0.18 x 0.5


LITELLM = """{
  "sample_spec": {"input_cost_per_token": "see docs"},
  "claude-test": {"litellm_provider": "anthropic", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                  "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
                  "cache_creation_input_token_cost_above_1hr": 6e-06,
                  "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05},
  "bad": {"input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06}
}"""


@pytest.fixture
def litellm_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "prices.json"
    path.write_text(LITELLM, encoding="utf-8")
    return path


def test_a_litellm_card_bills_one_hour_writes_at_their_price(capsys, litellm_file):
    # 3 / 15 / reads 0.30 / 1-h writes 6 USD/Mtok. 100k input, 1k output, 90% hits, 5% written for 1 h:
    # 5k x 3 + 90k x 0.30 + 5k x 6 + 1k x 15 = 15,000 + 27,000 + 30,000 + 15,000 = 0.087 USD.
    code, out, err = run(capsys, "price", "claude-test", "--litellm", str(litellm_file), "--input-tokens", "100000",
                         "--output-tokens", "1000", "--cache-hit-rate", "0.9", "--cache-write-share", "0.05",
                         "--cache-write-ttl", "1h", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["workload"]["cache_write_1h_tokens"] == pytest.approx(5_000, rel=1e-12)
    assert data["usd_per_request"] == pytest.approx(0.087, rel=1e-12)


def test_a_litellm_card_bills_above_its_threshold_at_long_context_prices(capsys, litellm_file):
    # 250k input > 200k: 250k x 6 + 1k x 22.50 = 1,500,000 + 22,500 = 1.5225 USD -> "1.52".
    code, out, _ = run(capsys, "price", "claude-test", "--litellm", str(litellm_file), "--input-tokens", "250000",
                       "--output-tokens", "1000")
    assert code == 0
    assert "long-context prices" in out
    assert line_with(out, "Bill per request").split()[3] == "1.52"


# ---- Errors: exit code 2 and one line on stderr -------------------------------------------------

def one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("fabtoken: error: ")
    return err


def test_an_unknown_model_exits_2_listing_the_catalog(capsys):
    err = one_line_error(*run(capsys, "price", "gpt-9", "--input-tokens", "1000", "--output-tokens", "10"))
    assert "gpt-9" in err
    assert "claude-opus-4.5" in err and "kimi-k2.6" in err


@pytest.mark.parametrize("argv", [
    ["--input-tokens", "1000"],
    ["--input-tokens", "1000", "--output-tokens", "10", "--input-output-ratio", "100"],
], ids=["neither", "both"])
def test_exactly_one_of_output_tokens_and_ratio_is_required(capsys, argv):
    err = one_line_error(*run(capsys, "price", "kimi-k2.6", *argv))
    assert "exactly one of --output-tokens and --input-output-ratio" in err


def test_cache_shares_above_one_exit_2_naming_them(capsys):
    err = one_line_error(*run(capsys, "price", "kimi-k2.6", "--input-tokens", "1000", "--output-tokens", "10",
                              "--cache-hit-rate", "0.9", "--cache-write-share", "0.2"))
    assert "cache_hit_rate + cache_write_share must be at most 1" in err


def test_zero_output_tokens_exit_2(capsys):
    err = one_line_error(*run(capsys, "price", "kimi-k2.6", "--input-tokens", "1000", "--output-tokens", "0"))
    assert "--output-tokens" in err


def test_a_strict_catalog_with_a_malformed_row_exits_2_naming_file_model_and_field(capsys, catalog_file):
    err = one_line_error(*run(capsys, "price", "m", "--catalog", str(catalog_file), "--strict", "--input-tokens",
                              "1000", "--output-tokens", "10"))
    assert str(catalog_file) in err
    assert "model 'broken'" in err
    assert "output_usd_per_mtok" in err


def test_a_lenient_catalog_skips_the_malformed_row_and_bills_the_good_one(capsys, catalog_file):
    code, out, err = run(capsys, "price", *M_ARGS, "--catalog", str(catalog_file))
    assert (code, err) == (0, "")
    assert json.loads(out)["usd_per_request"] == pytest.approx(0.18, rel=1e-12)
    err = one_line_error(*run(capsys, "price", "broken", "--catalog", str(catalog_file), "--input-tokens", "1000",
                              "--output-tokens", "10"))
    assert "'broken'" in err  # not in the catalog: the malformed row was left out


def test_a_strict_litellm_file_with_a_malformed_entry_exits_2(capsys, litellm_file):
    err = one_line_error(*run(capsys, "price", "claude-test", "--litellm", str(litellm_file), "--strict",
                              "--input-tokens", "1000", "--output-tokens", "10"))
    assert "'bad'" in err and "input_cost_per_token" in err


def test_malformed_litellm_json_exits_2_naming_the_file(capsys, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"m": {', encoding="utf-8")
    err = one_line_error(*run(capsys, "price", "m", "--litellm", str(path), "--input-tokens", "1000",
                              "--output-tokens", "10"))
    assert "broken.json" in err


def test_catalog_and_litellm_exclude_each_other(capsys, catalog_file, litellm_file):
    err = one_line_error(*run(capsys, "price", "m", "--catalog", str(catalog_file), "--litellm", str(litellm_file),
                              "--input-tokens", "1000", "--output-tokens", "10"))
    assert "not allowed with argument" in err


def test_the_installed_script_prints_the_bill():
    done = subprocess.run(["fabtoken", "price", *AGENTIC], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert line_with(done.stdout, "cache_read").split() == ["cache_read", "90,000", "0.500", "0.045", "43.5%"]
    assert line_with(done.stdout, "Bill per request").split()[3] == "0.103"  # 0.1033333
    assert line_with(done.stdout, "Blended price").split()[2] == "1.03"      # 1.0299003
