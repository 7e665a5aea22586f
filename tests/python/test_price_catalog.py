"""Price catalogs: the bundled cards (figures.md section 4) and the CSV and LiteLLM loaders on small
files written here. Expected numbers are figures.md s4's or hand conversions written out beside them."""

from __future__ import annotations

import os
import pathlib
import pickle

import pytest

import fabtoken as ft
from conftest import run_in_child
from fabtoken import _core

# ---- The bundled catalog ------------------------------------------------------------------------

# figures.md s4, USD per Mtok: (model, input, output).
PUBLISHED = [
    ("claude-opus-4.5", 5, 25),
    ("claude-opus-4.7", 5, 25),
    ("claude-opus-4", 15, 75),
    ("claude-opus-4.1", 15, 75),
    ("claude-mythos", 25, 125),
    ("kimi-k2.6", 0.95, 4),
]


@pytest.mark.parametrize(("model", "input_price", "output_price"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_the_bundled_catalog_holds_the_published_list_prices_with_source_and_date(model, input_price, output_price):
    card = ft.prices.catalog()[model]
    assert card.model == model
    assert card.input_usd_per_mtok == pytest.approx(input_price, rel=1e-12)
    assert card.output_usd_per_mtok == pytest.approx(output_price, rel=1e-12)
    assert "figures.md" in card.source
    assert card.effective_date == "2025-2026"  # figures.md: industry research 2025-2026


@pytest.mark.parametrize("model", ["claude-opus-4.5", "claude-opus-4.7"])
def test_opus_45_and_47_have_cached_input_at_050_and_fast_mode_at_six_times(model):
    card = ft.prices.card(model)
    assert card.cache_read_usd_per_mtok == pytest.approx(0.50, rel=1e-12)  # figures.md s4: cached input 0.50
    assert card.priority_multiplier == pytest.approx(6.0, rel=1e-12)       # figures.md s4: fast mode 6x Opus


@pytest.mark.parametrize("model", [p[0] for p in PUBLISHED])
def test_the_bundled_cards_carry_no_unpublished_prices(model):
    # figures.md s4 publishes no cache-write, long-context or batch prices for any model.
    card = ft.prices.card(model)
    assert card.cache_write_5m_usd_per_mtok is None
    assert card.cache_write_1h_usd_per_mtok is None
    assert card.long_context_threshold_tokens is None
    assert card.batch_discount == 0.0


def test_the_bundled_catalog_has_exactly_the_published_models_and_no_issues():
    catalog = ft.prices.catalog()
    assert sorted(catalog.models()) == sorted(p[0] for p in PUBLISHED)
    assert len(catalog) == 6
    assert "claude-mythos" in catalog
    assert "gpt-9" not in catalog
    assert [card.model for card in catalog] == catalog.models()
    assert all(isinstance(card, ft.PriceCard) for card in catalog.cards)
    assert catalog.issues.empty
    assert list(catalog.issues.columns) == ["model", "field", "message"]
    assert catalog.skipped == []


def test_the_catalog_table_has_a_row_per_card_and_a_column_per_term():
    table = ft.prices.catalog().table().set_index("model")
    assert sorted(table.index) == sorted(p[0] for p in PUBLISHED)
    assert table.loc["claude-mythos", "input_usd_per_mtok"] == pytest.approx(25, rel=1e-12)    # figures.md s4
    assert table.loc["claude-mythos", "output_usd_per_mtok"] == pytest.approx(125, rel=1e-12)  # figures.md s4
    assert table.loc["kimi-k2.6", "provider"] == "moonshot"
    for column in ["source", "effective_date", "cache_read_usd_per_mtok", "priority_multiplier", "batch_discount"]:
        assert column in table.columns


def test_an_unknown_model_is_a_value_error_listing_the_catalog():
    with pytest.raises(ValueError, match="gpt-9") as raised:
        ft.prices.card("gpt-9")
    for model, _, _ in PUBLISHED:
        assert model in str(raised.value)
    with pytest.raises(ValueError, match="no price card for model 'gpt-9'"):
        ft.prices.catalog()["gpt-9"]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_catalog_refuses_to_pickle_with_type_error_on_every_protocol(protocol):
    # Library bug at the time of writing: protocols 0 and 1 abort the interpreter (SIGABRT, "instance
    # allocation failed: new instance has no pybind11-registered base types"); 2 and up raise TypeError.
    def attempt() -> None:
        with pytest.raises(TypeError):
            pickle.dumps(ft.prices.catalog(), protocol=protocol)

    assert run_in_child(attempt) == "ok"


# ---- Files written here, and proof that loading leaves them alone -------------------------------

def write(tmp_path: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    # An mtime in the past, so that a rewrite within the same clock tick would still show.
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return path


def assert_untouched(path: pathlib.Path, text: str) -> None:
    assert path.read_bytes() == text.encode("utf-8")
    assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000


CSV_HEADER = ("model,provider,input_usd_per_mtok,output_usd_per_mtok,cache_read_usd_per_mtok,"
              "cache_write_5m_usd_per_mtok,cache_write_1h_usd_per_mtok,long_context_threshold_tokens,"
              "long_context_input_usd_per_mtok,long_context_output_usd_per_mtok,batch_discount,priority_multiplier,"
              "effective_date,source,colour\n")
# The test card of test_pricing.py (input 3, output 15, reads 0.30, writes 3.75 and 6, above 200k input 6
# and output 22.50, batch 50% off, priority 6x), a comment, and a card with only its list prices.
GOOD_CSV = (CSV_HEADER
            + "m1,p,3,15,0.30,3.75,6,200000,6,22.5,0.5,6,2026-01,test,blue\n"
            + "# a comment line\n"
            + "m2,,1,2,,,,,,,,,,,\n")
BAD_CSV = (CSV_HEADER
           + "good,p,3,15,,,,,,,,,,,\n"
           + "negative,p,-3,15,,,,,,,,,,,\n"
           + "words,p,3,cheap,,,,,,,,,,,\n"
           + "bad-cache,p,3,15,-0.3,,,,,,,,,,\n")


def test_a_csv_catalog_reads_prices_in_usd_per_mtok_and_ignores_unknown_columns(tmp_path):
    path = write(tmp_path, "cards.csv", GOOD_CSV)
    catalog = ft.prices.read_csv(path)
    assert catalog.models() == ["m1", "m2"]
    assert catalog.issues.empty
    m1 = catalog["m1"]
    assert m1.inputs() == {
        "model": "m1", "provider": "p", "input_usd_per_mtok": 3.0, "output_usd_per_mtok": 15.0,
        "cache_read_usd_per_mtok": 0.30, "cache_write_5m_usd_per_mtok": 3.75, "cache_write_1h_usd_per_mtok": 6.0,
        "long_context_input_usd_per_mtok": 6.0, "long_context_output_usd_per_mtok": 22.5,
        "long_context_threshold_tokens": 200_000.0, "batch_discount": 0.5, "priority_multiplier": 6.0,
        "effective_date": "2026-01", "source": "test"}
    m2 = catalog["m2"]
    assert (m2.input_usd_per_mtok, m2.output_usd_per_mtok, m2.cache_read_usd_per_mtok) == (1.0, 2.0, None)
    assert (m2.batch_discount, m2.priority_multiplier, m2.provider) == (0.0, 1.0, "")


def test_a_card_loaded_from_csv_bills_like_the_card_built_in_python(tmp_path):
    card = ft.prices.read_csv(write(tmp_path, "cards.csv", GOOD_CSV))["m1"]
    # 10k x 3 + 50k x 0.30 + 20k x 3.75 + 10k x 6 + 2k x 15 = 0.21 USD; batch 50% off = 0.105 USD.
    w = ft.Workload(uncached_input_tokens=10e3, cache_read_tokens=50e3, cache_write_5m_tokens=20e3,
                    cache_write_1h_tokens=10e3, output_tokens=2e3, batch=True)
    assert card.bill(w).usd_per_request == pytest.approx(0.105, rel=1e-12)


def test_a_malformed_csv_row_is_reported_with_its_model_and_field_while_the_rest_load(tmp_path):
    catalog = ft.prices.read_csv(write(tmp_path, "cards.csv", BAD_CSV))
    assert catalog.models() == ["good"]
    issues = catalog.issues
    assert list(issues.columns) == ["model", "field", "message"]
    assert list(issues["model"]) == ["negative", "words", "bad-cache"]
    assert list(issues["field"]) == ["input_usd_per_mtok", "output_usd_per_mtok", "cache_read_usd_per_mtok"]
    messages = list(issues["message"])
    assert "got -3" in messages[0]
    assert "'cheap'" in messages[1] and "must be a number" in messages[1]
    assert "got -0.3" in messages[2]


def test_a_strict_csv_load_raises_naming_the_file_line_model_and_field(tmp_path):
    path = write(tmp_path, "cards.csv", BAD_CSV)
    with pytest.raises(ValueError) as raised:
        ft.prices.read_csv(path, strict=True)
    message = str(raised.value)
    # The first bad row is the file's 3rd line: the header, "good", then "negative".
    assert f"{path}:3" in message
    assert "model 'negative'" in message
    assert "input_usd_per_mtok" in message


def test_a_csv_without_a_required_column_is_refused_naming_it(tmp_path):
    with pytest.raises(ValueError, match="output_usd_per_mtok"):
        ft.prices.read_csv(write(tmp_path, "cards.csv", "model,input_usd_per_mtok\nm,1\n"))


def test_a_missing_catalog_file_is_file_not_found_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nowhere\.csv: no such file"):
        ft.prices.read_csv(tmp_path / "nowhere.csv")
    with pytest.raises(FileNotFoundError, match=r"nowhere\.json: no such file"):
        ft.prices.read_litellm(tmp_path / "nowhere.json")


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("text", [GOOD_CSV, BAD_CSV], ids=["good", "bad"])
def test_loading_a_csv_never_writes_to_it(tmp_path, text, strict):
    path = write(tmp_path, "cards.csv", text)
    try:
        ft.prices.read_csv(path, strict=strict)
    except ValueError:
        assert strict and text == BAD_CSV  # only a strict load of the bad file may raise
    assert_untouched(path, text)


def test_the_core_loader_takes_a_string_path(tmp_path):
    catalog = _core.read_price_cards_csv(str(write(tmp_path, "cards.csv", GOOD_CSV)))
    assert catalog.models() == ["m1", "m2"]


# ---- LiteLLM's model_prices_and_context_window.json ---------------------------------------------

LITELLM = """{
  "sample_spec": {"input_cost_per_token": "see docs", "litellm_provider": "one of the providers"},
  "claude-test": {
    "litellm_provider": "anthropic", "max_tokens": 8192, "mode": "chat",
    "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
    "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
    "cache_creation_input_token_cost_above_1hr": 6e-06,
    "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
    "input_cost_per_token_batches": 1.5e-06, "output_cost_per_token_batches": 7.5e-06,
    "supports_vision": true, "a_field_from_the_future": {"nested": [1, 2]}
  },
  "plain-model": {"litellm_provider": "openai", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
  "image-model": {"litellm_provider": "x", "input_cost_per_pixel": 1e-08},
  "bad-negative": {"litellm_provider": "x", "input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06},
  "bad-text": {"litellm_provider": "x", "input_cost_per_token": 1e-06, "output_cost_per_token": "cheap"},
  "bad-cache": {"litellm_provider": "x", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
                "cache_read_input_token_cost": -1e-07}
}
"""


def test_a_litellm_catalog_converts_usd_per_token_to_usd_per_mtok(tmp_path):
    card = ft.prices.read_litellm(write(tmp_path, "prices.json", LITELLM))["claude-test"]
    assert card.provider == "anthropic"                                          # litellm_provider
    assert card.input_usd_per_mtok == pytest.approx(3.0, rel=1e-12)               # 3e-06 x 10^6
    assert card.output_usd_per_mtok == pytest.approx(15.0, rel=1e-12)             # 1.5e-05 x 10^6
    assert card.cache_read_usd_per_mtok == pytest.approx(0.30, rel=1e-12)         # 3e-07 x 10^6
    assert card.cache_write_5m_usd_per_mtok == pytest.approx(3.75, rel=1e-12)     # 3.75e-06 x 10^6
    assert card.cache_write_1h_usd_per_mtok == pytest.approx(6.0, rel=1e-12)      # 6e-06 x 10^6
    assert card.long_context_threshold_tokens == pytest.approx(200_000, rel=1e-12)  # "above_200k_tokens"
    assert card.long_context_input_usd_per_mtok == pytest.approx(6.0, rel=1e-12)  # 6e-06 x 10^6
    assert card.long_context_output_usd_per_mtok == pytest.approx(22.5, rel=1e-12)  # 2.25e-05 x 10^6
    assert card.batch_discount == pytest.approx(0.5, rel=1e-12)                   # 1 - 1.5e-06 / 3e-06
    assert card.priority_multiplier == 1.0
    assert card.source == "LiteLLM prices.json"


def test_a_litellm_card_bills_long_context_and_batch_as_hand_calculated(tmp_path):
    card = ft.prices.read_litellm(write(tmp_path, "prices.json", LITELLM))["claude-test"]
    # 150k + 60k reads = 210k > 200k: 150k x 6 + 60k x 0.60 + 1k x 22.50 = 0.9585 USD; batch 50% off = 0.47925.
    w = ft.Workload(uncached_input_tokens=150e3, cache_read_tokens=60e3, output_tokens=1e3)
    assert card.bill(w).long_context
    assert card.bill(w).usd_per_request == pytest.approx(0.9585, rel=1e-12)
    assert card.bill(w.with_(batch=True)).usd_per_request == pytest.approx(0.47925, rel=1e-12)


def test_a_litellm_entry_with_only_list_prices_has_no_cache_long_context_or_batch_terms(tmp_path):
    card = ft.prices.read_litellm(write(tmp_path, "prices.json", LITELLM))["plain-model"]
    assert (card.input_usd_per_mtok, card.output_usd_per_mtok) == pytest.approx((1.0, 2.0), rel=1e-12)
    assert card.cache_read_usd_per_mtok is None
    assert card.long_context_threshold_tokens is None
    assert card.batch_discount == 0.0


def test_the_sample_spec_is_not_a_model_and_entries_not_priced_per_token_are_skipped(tmp_path):
    catalog = ft.prices.read_litellm(write(tmp_path, "prices.json", LITELLM))
    assert sorted(catalog.models()) == ["claude-test", "plain-model"]
    assert catalog.skipped == ["image-model"]
    assert "sample_spec" not in catalog
    assert "sample_spec" not in list(catalog.issues["model"])
    assert "sample_spec" not in catalog.skipped


def test_malformed_litellm_entries_are_reported_with_model_and_field_while_the_rest_load(tmp_path):
    catalog = ft.prices.read_litellm(write(tmp_path, "prices.json", LITELLM))
    issues = catalog.issues.set_index("model")
    assert sorted(issues.index) == ["bad-cache", "bad-negative", "bad-text"]
    assert issues.loc["bad-negative", "field"] == "input_cost_per_token"
    assert "got -1e-06" in issues.loc["bad-negative", "message"]
    assert issues.loc["bad-text", "field"] == "output_cost_per_token"
    assert "must be a number" in issues.loc["bad-text", "message"] and "cheap" in issues.loc["bad-text", "message"]
    assert issues.loc["bad-cache", "field"] == "cache_read_input_token_cost"
    assert "got -1e-07" in issues.loc["bad-cache", "message"]
    assert len(catalog) == 2


def test_a_strict_litellm_load_raises_naming_the_file_model_and_field(tmp_path):
    path = write(tmp_path, "prices.json", LITELLM)
    with pytest.raises(ValueError) as raised:
        ft.prices.read_litellm(path, strict=True)
    message = str(raised.value)
    assert str(path) in message
    bad = {"bad-cache": "cache_read_input_token_cost", "bad-negative": "input_cost_per_token",
           "bad-text": "output_cost_per_token"}
    named = [model for model in bad if f"'{model}'" in message]
    assert len(named) == 1, message  # the first malformed entry met, whichever order entries are read in
    assert bad[named[0]] in message


@pytest.mark.parametrize("text", ['{"m": {', "[1, 2]", ""], ids=["truncated", "an array", "empty"])
def test_malformed_litellm_json_is_a_value_error_naming_the_file(tmp_path, text):
    path = write(tmp_path, "prices.json", text)
    with pytest.raises(ValueError, match="prices.json"):
        ft.prices.read_litellm(path)
    assert_untouched(path, text)


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_loading_litellm_json_never_writes_to_it(tmp_path, strict):
    path = write(tmp_path, "prices.json", LITELLM)
    if strict:
        with pytest.raises(ValueError):
            ft.prices.read_litellm(path, strict=True)
    else:
        assert len(ft.prices.read_litellm(path)) == 2
    assert_untouched(path, LITELLM)


def test_a_clean_litellm_file_loads_strictly(tmp_path):
    clean = ('{"sample_spec": {"input_cost_per_token": "see docs"},'
             ' "a": {"input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05, "cache_read_input_token_cost": 5e-07}}')
    catalog = _core.read_litellm_prices(str(write(tmp_path, "prices.json", clean)), strict=True)
    # 5e-06, 2.5e-05 and 5e-07 USD/token = 5, 25 and 0.50 USD/Mtok (Opus 4.5's figures.md s4 prices)
    card = catalog["a"]
    assert (card.input_usd_per_mtok, card.output_usd_per_mtok, card.cache_read_usd_per_mtok) == pytest.approx(
        (5.0, 25.0, 0.50), rel=1e-12)
    assert catalog.issues.empty
