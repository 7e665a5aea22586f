"""The chip catalog (figures.md s5), cost per Mtok from TCO and throughput, the prefill/decode split,
and benchmark results read into throughput curves.

Expected numbers are figures.md s5 or hand calculations written out beside them. figures.md s5:
cost per Mtok = TCO per GPU-hour / (tokens/s/GPU x 3,600 / 10^6).
"""

from __future__ import annotations

import copy
import json
import math
import os
import pathlib
import pickle

import pytest

import fabtoken as ft

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

# figures.md s5: TCO per GPU-hour (owning, neocloud giant; May 2026), in the table's order.
PUBLISHED_TCO = {"H100": 1.69, "H200": 1.74, "B200": 2.34, "B300": 2.808, "GB200": 2.75, "GB300": 3.3,
                 "MI300X": 1.4, "MI325X": 1.59, "MI355X": 1.9}

# figures.md s5: B300 on DeepSeek R1 8k in / 1k out, about 1k, 8k and 14k tok/s/GPU; at 2.808 USD/GPU-hour:
#   1,000  -> 2.808 / (1,000 x 3,600 / 10^6)  = 2.808 / 3.6  = 0.78       USD/Mtok
#   8,000  -> 2.808 / 28.8                                    = 0.0975     USD/Mtok
#   14,000 -> 2.808 / 50.4                                    = 0.0557143  USD/Mtok
B300_COSTS = [(1_000, 0.78, "without optimizations"), (8_000, 0.0975, "wide EP + disaggregated prefill"),
              (14_000, 0.0557143, "wide EP + disaggregated prefill + MTP")]


@pytest.fixture(scope="module")
def catalog() -> ft.ChipCatalog:
    return ft.chips.catalog()


# --- the catalog ------------------------------------------------------------------------------------

def test_the_bundled_catalog_holds_the_nine_published_tcos_in_order(catalog):
    assert len(catalog) == 9
    assert [chip.name for chip in catalog] == list(PUBLISHED_TCO)
    for name, tco in PUBLISHED_TCO.items():
        assert catalog[name].tco_usd_per_gpu_hour == pytest.approx(tco, rel=1e-12), name


def test_every_bundled_chip_cites_figures_md_and_its_date_without_inventing_a_power(catalog):
    for chip in catalog:
        assert chip.source.startswith("figures.md s5"), chip.name
        assert chip.date == "2026-05", chip.name       # "May 2026"
        assert chip.kw_per_gpu is None, chip.name      # figures.md s5 publishes no power per GPU


def test_the_catalog_table_has_one_row_per_chip(catalog):
    table = catalog.table()
    assert list(table.columns) == ["chip", "tco_usd_per_gpu_hour", "kw_per_gpu", "source", "date"]
    assert dict(zip(table["chip"], table["tco_usd_per_gpu_hour"])) == pytest.approx(PUBLISHED_TCO, rel=1e-12)


def test_find_and_indexing_name_an_unknown_chip_and_list_the_catalog(catalog):
    assert catalog.find("GB300").tco_usd_per_gpu_hour == pytest.approx(3.3, rel=1e-12)
    with pytest.raises(ValueError, match="no chip 'TPU' in the catalog; it has: H100, H200, B200, B300"):
        catalog["TPU"]


def test_the_same_chip_read_twice_compares_equal(catalog):
    # Chip has value equality in C++ (operator== = default), but the binding compares identity, and
    # every catalog["B300"] is a new object: two reads of one chip compare unequal.
    assert catalog["B300"] == catalog["B300"]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_chips_and_catalogs_refuse_to_pickle_on_every_protocol(catalog, protocol):
    for value in (catalog, catalog["B300"]):
        with pytest.raises(TypeError, match="does not pickle: pickle the catalog's file path, or its table"):
            pickle.dumps(value, protocol=protocol)


def test_a_catalog_refuses_to_be_copied_the_same_way(catalog):
    with pytest.raises(TypeError, match="does not pickle"):
        copy.copy(catalog)


def test_a_catalog_of_your_own_reads_power_source_and_date(tmp_path):
    path = tmp_path / "chips.csv"
    path.write_text("chip,tco_usd_per_gpu_hour,kw_per_gpu,source,date\nX1,2.5,1.4,my quote,2026-01\n",
                    encoding="utf-8")
    chip = ft.chips.read_catalog(path)["X1"]
    assert (chip.tco_usd_per_gpu_hour, chip.kw_per_gpu, chip.source, chip.date) == (2.5, 1.4, "my quote", "2026-01")


@pytest.mark.parametrize(("row", "message"), [
    ("X1,-2.5,,s,d", r"chips\.csv:2: chip 'X1': tco_usd_per_gpu_hour must be a positive number, got '-2.5'"),
    ("X1,cheap,,s,d", r"chips\.csv:2: chip 'X1': tco_usd_per_gpu_hour must be a positive number, got 'cheap'"),
    ("X1,2.5,0,s,d", r"chips\.csv:2: chip 'X1': kw_per_gpu must be a positive number, got '0'"),
    (",2.5,,s,d", r"chips\.csv:2: a chip needs a name"),
])
def test_a_bad_row_of_a_catalog_names_the_file_line_and_column(tmp_path, row, message):
    path = tmp_path / "chips.csv"
    path.write_text(f"chip,tco_usd_per_gpu_hour,kw_per_gpu,source,date\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        ft.chips.read_catalog(path)


def test_a_chip_given_twice_names_the_second_line(tmp_path):
    path = tmp_path / "chips.csv"
    path.write_text("chip,tco_usd_per_gpu_hour\nX1,2\nX1,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"chips\.csv:3: chip 'X1' is given again"):
        ft.chips.read_catalog(path)


# --- cost per Mtok ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("throughput", "cost", "_"), B300_COSTS)
def test_b300_costs_the_hand_calculated_usd_per_mtok_at_each_published_throughput(catalog, throughput, cost, _):
    table = ft.chips.cost_table(catalog, throughput).set_index("chip")
    assert table.loc["B300", "cost_usd_per_mtok"] == pytest.approx(cost, rel=1e-6)


def test_the_cost_table_prices_every_chip_at_one_throughput(catalog):
    table = ft.chips.cost_table(catalog, 8_000)
    assert len(table) == 9
    # H100 at 8,000: 1.69 / 28.8 = 0.0586806; MI300X: 1.4 / 28.8 = 0.0486111.
    costs = dict(zip(table["chip"], table["cost_usd_per_mtok"]))
    assert costs["H100"] == pytest.approx(0.0586806, rel=1e-6)
    assert costs["MI300X"] == pytest.approx(0.0486111, rel=1e-6)


def test_the_cost_table_refuses_a_throughput_that_is_not_positive(catalog):
    with pytest.raises(ValueError, match="tokens_per_s_per_gpu"):
        ft.chips.cost_table(catalog, 0)


@pytest.mark.parametrize(("throughput", "cost", "optimizations"), B300_COSTS)
def test_b300_costs_the_same_read_off_a_throughput_curve(catalog, throughput, cost, optimizations):
    # One curve per serving configuration, each with one point at an illustrative 50 tokens/s/user
    # (figures.md s5 gives the throughputs, not the interactivity they were measured at).
    curve = ft.ThroughputCurve(chip="B300", model="DeepSeek R1", input_length=8192, output_length=1024,
                               optimizations=optimizations, interactivity_tokens_per_s_per_user=[50],
                               tokens_per_s_per_gpu=[throughput])
    assert curve.cost_usd_per_mtok_at(50, catalog["B300"].tco_usd_per_gpu_hour) == pytest.approx(cost, rel=1e-6)


def test_gb300_against_h100_at_17_and_32_times_the_throughput_with_the_catalog_tcos(catalog):
    # (3.3 / 1.69) / 17 = 1.9526627 / 17 = 0.1148625; FP4, 32x: 1.9526627 / 32 = 0.0610207.
    assert catalog.cost_per_token_ratio("GB300", "H100", 17) == pytest.approx(0.1148625, rel=1e-6)
    assert catalog.cost_per_token_ratio("GB300", "H100", throughput_ratio=32) == pytest.approx(0.0610207, rel=1e-6)


def test_seventeen_times_the_throughput_at_a_70_percent_higher_tco_is_a_tenth_of_the_cost_per_token():
    # figures.md s5's statement: TCO about 70% higher (ratio 1.7) at 17x the throughput: 1.7 / 17 = 0.1.
    # (The catalog's own TCOs give 3.3 / 1.69 = 1.95, i.e. 95% higher; the statement is checked as made.)
    assert ft._core.cost_per_token_ratio(1.7, 17) == pytest.approx(0.1, rel=1e-12)
    assert ft._core.cost_per_token_ratio(tco_ratio=1.7, throughput_ratio=32) == pytest.approx(0.053125, rel=1e-12)


@pytest.mark.parametrize("ratio", [0, -1, math.nan, math.inf])
def test_the_catalog_refuses_a_throughput_ratio_that_is_not_positive_and_finite(catalog, ratio):
    with pytest.raises(ValueError, match="throughput_ratio must be a positive finite number"):
        catalog.cost_per_token_ratio("GB300", "H100", ratio)


@pytest.mark.parametrize(("tco_ratio", "throughput_ratio"), [(1.7, 0), (1.7, -17), (0, 17), (math.nan, 17)])
def test_the_bare_ratio_refuses_what_the_catalog_refuses(tco_ratio, throughput_ratio):
    # The catalog's method refuses a throughput ratio of 0; the free function returns inf for it
    # (1.7 / 0), 0 for a TCO ratio of 0 and nan for nan, without a word.
    with pytest.raises(ValueError, match="ratio"):
        ft._core.cost_per_token_ratio(tco_ratio, throughput_ratio)


def test_an_unknown_chip_in_a_ratio_is_named(catalog):
    with pytest.raises(ValueError, match="no chip 'TPU'"):
        catalog.cost_per_token_ratio("TPU", "H100", 17)


# --- prefill and decode -----------------------------------------------------------------------------

# 2 USD/GPU-hour; 20,000 input tok/s/GPU = 72 Mtok/h, 2,000 output tok/s/GPU = 7.2 Mtok/h; a quarter of
# the GPU time in prefill, a cached input token costing a tenth of a new one:
#   input  = 2 x 0.25 / 72  = 0.0069444 USD/Mtok;  cached = 0.0069444 x 0.1 = 0.00069444 USD/Mtok
#   output = 2 x 0.75 / 7.2 = 0.2083333 USD/Mtok
SPLIT = dict(input_tokens_per_s_per_gpu=20_000, output_tokens_per_s_per_gpu=2_000, prefill_share=0.25,
             cached_input_cost_share=0.1)


def test_prefill_and_decode_split_the_gpu_hour_into_input_and_output_cost():
    cost = ft.PrefillDecode(**SPLIT).serving_cost(2.0)
    assert isinstance(cost, ft.ServingCost)
    assert cost.input_cost_usd_per_mtok == pytest.approx(0.0069444, rel=1e-5)
    assert cost.cached_input_cost_usd_per_mtok == pytest.approx(0.00069444, rel=1e-5)
    assert cost.output_cost_usd_per_mtok == pytest.approx(0.2083333, rel=1e-6)


def test_with_no_prefill_share_input_costs_nothing_and_decode_bears_the_whole_hour():
    cost = ft.PrefillDecode(**{**SPLIT, "prefill_share": 0.0}).serving_cost(2.0)
    assert cost.input_cost_usd_per_mtok == 0.0
    assert cost.output_cost_usd_per_mtok == pytest.approx(0.2777778, rel=1e-6)   # 2 / 7.2


def test_the_serving_cost_prices_an_agentic_workload_on_a_bundled_price_card():
    # figures.md s4's agentic workload on Claude Opus 4.5 (input 5, output 25, cache read 0.50; cache
    # writes bill at input 5): 100k input, 300 input per output token, 90% hits, 5% written ->
    # 5k uncached, 90k reads, 5k writes, 333.33 output. Revenue (test_cli_price.py's header):
    #   5k x 5 + 90k x 0.50 + 5k x 5 + 333.33 x 25 = 0.1033333 USD per request
    # Serving cost with SPLIT at 2 USD/GPU-hour (writes are fresh prefill, at the input cost):
    #   (5k + 5k) x 0.0069444 + 90k x 0.00069444 + 333.33 x 0.2083333 (per Mtok)
    #   = 10,000 x 0.5 / 72e6 + 90,000 x 0.05 / 72e6 + 500 / 7.2e6 = 14,500 / 72e6 = 0.00020138889 USD
    # gross profit 0.1033333 - 0.0002014 = 0.1031319; margin 0.1031319 / 0.1033333 = 0.9980511
    card = ft.prices.card("claude-opus-4.5")
    workload = ft.Workload.from_ratios(input_tokens_per_request=100_000, input_output_ratio=300, cache_hit_rate=0.9,
                                       cache_write_share=0.05)
    economics = card.bill(workload).economics(ft.PrefillDecode(**SPLIT).serving_cost(2.0))
    assert economics.revenue_usd == pytest.approx(0.1033333, rel=1e-6)
    assert economics.cost_usd == pytest.approx(0.00020138889, rel=1e-7)
    assert economics.gross_profit_usd == pytest.approx(0.1031319, rel=1e-6)
    assert economics.gross_margin == pytest.approx(0.9980511, rel=1e-6)


@pytest.mark.parametrize(("change", "name"), [
    (dict(prefill_share=1.5), "prefill_share must be between 0 and 1"),
    (dict(cached_input_cost_share=-0.1), "cached_input_cost_share must be between 0 and 1"),
    (dict(input_tokens_per_s_per_gpu=0), "input_tokens_per_s_per_gpu must be a positive finite number"),
    (dict(output_tokens_per_s_per_gpu=-2), "output_tokens_per_s_per_gpu must be a positive finite number"),
])
def test_bad_prefill_decode_inputs_are_refused_by_name(change, name):
    with pytest.raises(ValueError, match=name):
        ft.PrefillDecode(**{**SPLIT, **change})


def test_a_serving_cost_needs_a_positive_price():
    with pytest.raises(ValueError, match="price_usd_per_gpu_hour must be a positive finite number"):
        ft.PrefillDecode(**SPLIT).serving_cost(0)


def test_prefill_decode_has_value_semantics():
    split = ft.PrefillDecode(**SPLIT)
    assert eval(repr(split), vars(ft)) == split  # noqa: S307 - the repr is the library's own
    assert hash(split) == hash(ft.PrefillDecode(**SPLIT))
    assert split.with_(prefill_share=0.5) != split and split.prefill_share == 0.25
    for protocol in PROTOCOLS:
        assert pickle.loads(pickle.dumps(split, protocol=protocol)) == split


# --- InferenceX results -----------------------------------------------------------------------------

def inferencex_record(**fields) -> dict:
    """A B300 DeepSeek R1 FP8 record on SGLang at 8k in / 1k out (illustrative numbers)."""
    record = {"hw": "b300", "model": "dsr1", "framework": "sglang", "precision": "fp8", "isl": 8192, "osl": 1024,
              "conc": 64, "tp": 8}
    record.update(fields)
    return record


RECORDS = [
    inferencex_record(tput_per_gpu=8000, input_tput_per_gpu=7200, output_tput_per_gpu=800, median_tpot=0.020,
                      median_ttft=0.3, p99_ttft=0.9, avg_power_w=1100),
    inferencex_record(conc=8, tput_per_gpu=2000, median_intvty=120, median_tpot=0.005),
    inferencex_record(hw="h100", tput_per_gpu=900, median_tpot=0.040),
    inferencex_record(conc=32, tput_per_gpu=3000, median_tpot=0.020),        # beaten by 8000 at 50
    inferencex_record(conc=16, tput_per_gpu=5000, median_tpot=0.0125),       # 1 / 0.0125 s = 80
    inferencex_record(conc=64, tput_per_gpu=8000, median_tpot=0.020),        # the first point again
]


def write_json(tmp_path: pathlib.Path, document: object, name: str = "results.json") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_inferencex_records_become_one_curve_per_configuration_in_order_of_appearance(tmp_path):
    curves = ft.chips.read_inferencex(write_json(tmp_path, RECORDS))
    assert [c.label for c in curves] == ["b300 / dsr1 / fp8 / sglang / 8192 in, 1024 out",
                                         "h100 / dsr1 / fp8 / sglang / 8192 in, 1024 out"]
    assert [len(c.points()) for c in curves] == [5, 1]


def test_interactivity_is_1_over_median_tpot_in_seconds_unless_median_intvty_is_given(tmp_path):
    b300, h100 = ft.chips.read_inferencex(write_json(tmp_path, RECORDS))
    # InferenceX stores TPOT in seconds: 1 / 0.020 = 50; median_intvty 120 as given (not 1 / 0.005 = 200);
    # 1 / 0.0125 = 80; h100 1 / 0.040 = 25.
    assert list(b300.points()["interactivity_tokens_per_s_per_user"]) == [50, 120, 50, 80, 50]
    assert list(h100.points()["interactivity_tokens_per_s_per_user"]) == [25]


def test_duplicate_dominated_and_out_of_order_records_are_left_to_the_frontier(tmp_path):
    b300, _ = ft.chips.read_inferencex(write_json(tmp_path, RECORDS))
    frontier = b300.frontier()
    # (50, 8000) twice and (50, 3000) collapse to (50, 8000); then (80, 5000) and (120, 2000).
    assert list(zip(frontier["interactivity_tokens_per_s_per_user"], frontier["tokens_per_s_per_gpu"])) == [
        (50, 8000), (80, 5000), (120, 2000)]
    # Between 50 and 80: at 65, 8000 + 0.5 x (5000 - 8000) = 6500.
    assert b300.throughput_at(65) == pytest.approx(6500, rel=1e-12)


def test_the_optional_fields_of_a_record_land_in_their_columns(tmp_path):
    b300, _ = ft.chips.read_inferencex(write_json(tmp_path, RECORDS))
    first = b300.points().iloc[0]
    assert (first["input_tokens_per_s_per_gpu"], first["output_tokens_per_s_per_gpu"]) == (7200, 800)
    # TTFTs are stored in seconds: 0.3 s = 300 ms, 0.9 s = 900 ms.
    assert first["power_w_per_gpu"] == 1100
    assert (first["ttft_median_ms"], first["ttft_p99_ms"]) == pytest.approx((300, 900), rel=1e-12)
    # 1100 W / 8000 tokens/s = 0.1375 J/token at 50 tokens/s/user.
    assert b300.joules_per_token_at(50) == pytest.approx(0.1375, rel=1e-12)


def test_a_results_wrapper_object_is_accepted(tmp_path):
    wrapped = ft.chips.read_inferencex(write_json(tmp_path, {"results": RECORDS}, "wrapped.json"))
    bare = ft.chips.read_inferencex(write_json(tmp_path, RECORDS, "bare.json"))
    assert wrapped == bare


def test_an_empty_array_gives_no_curves(tmp_path):
    assert ft.chips.read_inferencex(write_json(tmp_path, [])) == []


def test_reading_leaves_the_file_as_it_was(tmp_path):
    path = write_json(tmp_path, {"results": RECORDS})
    before, stamp = path.read_bytes(), os.stat(path).st_mtime_ns
    ft.chips.read_inferencex(path)
    ft.chips.read_inferencex(str(path))
    assert path.read_bytes() == before
    assert os.stat(path).st_mtime_ns == stamp


@pytest.mark.parametrize(("records", "message"), [
    ([inferencex_record(median_tpot=20)], "record 0: field 'tput_per_gpu' is missing"),
    ([RECORDS[0], inferencex_record(tput_per_gpu=10)], "record 1: field 'median_tpot' is missing"),
    ([RECORDS[0], RECORDS[1], {"model": "dsr1", "tput_per_gpu": 1, "median_tpot": 1}],
     "record 2: field 'hw' is missing"),
    ([inferencex_record(tput_per_gpu="fast", median_tpot=20)],
     "record 0: field 'tput_per_gpu' must be a number, got \"fast\""),
    ([inferencex_record(tput_per_gpu=True, median_tpot=20)], "record 0: field 'tput_per_gpu' must be a number"),
    ([inferencex_record(tput_per_gpu=10, median_tpot=-5)],
     "record 0: field 'median_tpot' must be a finite number >= 0, got -5"),
    ([inferencex_record(tput_per_gpu=10, median_tpot=0)], "record 0: field 'median_tpot' must be positive"),
    ([inferencex_record(tput_per_gpu=-10, median_tpot=5)], "record 0: field 'tput_per_gpu' must be a finite number"),
    ([inferencex_record(tput_per_gpu=10, median_tpot=5, isl=-1)], "record 0: field 'isl' must be a finite number"),
    ([inferencex_record(tput_per_gpu=10, median_tpot=5, p99_ttft="slow")], "record 0: field 'p99_ttft' must be a"),
    ([inferencex_record(hw=3, tput_per_gpu=10, median_tpot=5)], "record 0: field 'hw' must be text, got 3"),
    ([RECORDS[0], 7], "record 1: a record must be a JSON object"),
])
def test_a_malformed_record_names_the_file_the_record_and_the_field(tmp_path, records, message):
    path = write_json(tmp_path, records)
    with pytest.raises(ValueError) as raised:
        ft.chips.read_inferencex(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


@pytest.mark.parametrize("field", ["avg_power_w", "input_tput_per_gpu", "output_tput_per_gpu"])
def test_a_zero_optional_throughput_or_power_names_the_file_the_record_and_the_field(tmp_path, field):
    # A zero passes the reader's ">= 0" check and is refused later by the curve, whose message names
    # "points[0].power_w_per_gpu" (the point's index within its curve) but neither the file nor the record.
    path = write_json(tmp_path, [RECORDS[0], inferencex_record(tput_per_gpu=10, median_tpot=5, **{field: 0})])
    with pytest.raises(ValueError) as raised:
        ft.chips.read_inferencex(path)
    assert str(path) in str(raised.value)
    assert "record 1" in str(raised.value)
    assert f"field '{field}'" in str(raised.value)


@pytest.mark.parametrize("text", ["[{", '{"records": []}', '{"results": 5}', "", "3"])
def test_a_file_that_is_not_an_array_of_records_names_the_file(tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON array of result records"):
        ft.chips.read_inferencex(path)


def test_a_missing_results_file_is_file_not_found_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.json"):
        ft.chips.read_inferencex(tmp_path / "nowhere.json")


# --- CSV results ------------------------------------------------------------------------------------

HEADER = ("chip,model,precision,framework,input_length,output_length,interactivity_tokens_per_s_per_user,"
          "tokens_per_s_per_gpu,input_tokens_per_s_per_gpu,output_tokens_per_s_per_gpu,power_w_per_gpu,"
          "ttft_median_ms,ttft_p99_ms,optimizations\n")
ROWS = ("B300,dsr1,fp8,sglang,8192,1024,50,8000,7200,800,1100,300,900,wide EP\n"
        "B300,dsr1,fp8,sglang,8192,1024,120,2000,,,,,,wide EP\n"
        "B300,dsr1,fp8,sglang,8192,1024,50,1000,,,,,,\n"
        "B300,dsr1,fp8,sglang,8192,1024,120,2000,,,,,,wide EP\n"
        "B300,dsr1,fp8,sglang,8192,1024,80,1500,,,,,,wide EP\n")


def write_csv(tmp_path: pathlib.Path, rows: str, header: str = HEADER) -> pathlib.Path:
    path = tmp_path / "results.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_csv_rows_become_one_curve_per_configuration_optimizations_included(tmp_path):
    curves = ft.chips.read_csv(write_csv(tmp_path, ROWS))
    assert [c.label for c in curves] == ["B300 / dsr1 / fp8 / sglang / wide EP / 8192 in, 1024 out",
                                         "B300 / dsr1 / fp8 / sglang / 8192 in, 1024 out"]
    assert [len(c.points()) for c in curves] == [4, 1]


def test_csv_duplicates_and_beaten_points_are_left_to_the_frontier(tmp_path):
    wide_ep = ft.chips.read_csv(write_csv(tmp_path, ROWS))[0]
    frontier = wide_ep.frontier()
    # (120, 2000) twice -> once; (80, 1500) is beaten by (120, 2000).
    assert list(zip(frontier["interactivity_tokens_per_s_per_user"], frontier["tokens_per_s_per_gpu"])) == [
        (50, 8000), (120, 2000)]
    # Input/output at 50 as given; power at 50: 1100 W / 8000 = 0.1375 J/token.
    assert (wide_ep.input_throughput_at(50), wide_ep.output_throughput_at(50)) == (7200, 800)
    assert wide_ep.joules_per_token_at(50) == pytest.approx(0.1375, rel=1e-12)


def test_csv_with_only_the_required_columns_reads(tmp_path):
    path = write_csv(tmp_path, "H100,25,900\n",
                     header="chip,interactivity_tokens_per_s_per_user,tokens_per_s_per_gpu\n")
    (curve,) = ft.chips.read_csv(path)
    assert curve.label == "H100"
    assert curve.throughput_at(25) == 900


@pytest.mark.parametrize(("row", "message"), [
    ("B300,dsr1,fp8,sglang,8192,1024,50,-1,,,,,,", "results.csv:2: tokens_per_s_per_gpu must be a positive finite number"),
    ("B300,dsr1,fp8,sglang,8192,1024,50,fast,,,,,,", "results.csv:2: tokens_per_s_per_gpu must be a positive finite number"),
    ("B300,dsr1,fp8,sglang,8192,1024,50,,,,,,,", "results.csv:2: tokens_per_s_per_gpu must be a positive finite number"),
    ("B300,dsr1,fp8,sglang,-8192,1024,50,10,,,,,,", "results.csv:2: input_length must be a finite number"),
    ("B300,dsr1,fp8,sglang,8192,1024,x,10,,,,,,", "results.csv:2: interactivity_tokens_per_s_per_user must be"),
    ("B300,dsr1,fp8,sglang,8192,1024,50,10,,,-3,,,", "results.csv:2: power_w_per_gpu must be a positive finite number"),
    (",dsr1,fp8,sglang,8192,1024,50,10,,,,,,", "results.csv:2: a result needs its chip"),
])
def test_a_bad_csv_cell_names_the_file_the_line_and_the_column(tmp_path, row, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        ft.chips.read_csv(write_csv(tmp_path, row + "\n"))


def test_a_bad_csv_cell_on_a_later_line_names_that_line(tmp_path):
    with pytest.raises(ValueError, match=r"results\.csv:4: ttft_p99_ms must be a finite number >= 0, got 'soon'"):
        ft.chips.read_csv(write_csv(tmp_path, ROWS.splitlines(keepends=True)[0] * 2
                                    + "B300,dsr1,fp8,sglang,8192,1024,50,10,,,,,soon,\n"))


@pytest.mark.parametrize("column", ["tokens_per_s_per_gpu", "power_w_per_gpu"])
def test_a_zero_csv_cell_names_the_line_it_is_on(tmp_path, column):
    # A zero passes the reader's ">= 0" check and is refused by the curve, whose message names the file
    # but not the line ("results.csv: points[0].tokens_per_s_per_gpu ...").
    row = {"tokens_per_s_per_gpu": "B300,dsr1,fp8,sglang,8192,1024,60,0,,,,,,",
           "power_w_per_gpu": "B300,dsr1,fp8,sglang,8192,1024,60,10,,,0,,,"}[column]
    with pytest.raises(ValueError, match=rf"results\.csv:3: .*{column}"):
        ft.chips.read_csv(write_csv(tmp_path, "B300,dsr1,fp8,sglang,8192,1024,50,8000,,,,,,\n" + row + "\n"))


def test_a_csv_without_a_required_column_names_it(tmp_path):
    path = write_csv(tmp_path, "B300,5\n", header="chip,interactivity_tokens_per_s_per_user\n")
    with pytest.raises(ValueError, match=r"results\.csv:1: the header must name the column 'tokens_per_s_per_gpu'"):
        ft.chips.read_csv(path)


def test_reading_a_csv_leaves_it_as_it_was_and_a_missing_one_is_file_not_found(tmp_path):
    path = write_csv(tmp_path, ROWS)
    before, stamp = path.read_bytes(), os.stat(path).st_mtime_ns
    ft.chips.read_csv(path)
    assert path.read_bytes() == before and os.stat(path).st_mtime_ns == stamp
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        ft.chips.read_csv(tmp_path / "nowhere.csv")
