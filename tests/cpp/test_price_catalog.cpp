// The price catalog loaders on small files written here, and the bundled catalog.
#include "fabtoken/pricing/price_catalog.hpp"
#include "test_support.hpp"

namespace fabtoken {
namespace {

using testing::expect_invalid;
using testing::ScratchFile;

const std::string csv_header =
    "model,provider,input_usd_per_mtok,output_usd_per_mtok,cache_read_usd_per_mtok,long_context_threshold_tokens,"
    "long_context_input_usd_per_mtok,long_context_output_usd_per_mtok,batch_discount,colour\n";

TEST(PriceCatalogCsv, ReadsPricesPerMtokAndIgnoresUnknownColumns) {
  ScratchFile file(".csv");
  const auto& path = file.write(csv_header + "m1,p,3,15,0.30,200000,6,22.5,0.5,blue\n# a comment\nm2,p,1,2,,,,,,\n");
  const PriceCatalog catalog = read_price_cards_csv(path);
  ASSERT_EQ(catalog.cards().size(), 2u);
  EXPECT_TRUE(catalog.issues().empty());
  const PriceCard& m1 = catalog.find("m1");
  EXPECT_NEAR(in(m1.inputs().input, usd_per_mtok), 3.0, 1e-12);
  EXPECT_NEAR(in(*m1.inputs().long_context_output, usd_per_mtok), 22.5, 1e-12);
  EXPECT_NEAR(m1.inputs().batch_discount, 0.5, 1e-15);
  EXPECT_FALSE(catalog.find("m2").inputs().cache_read.has_value());
}

TEST(PriceCatalogCsv, AMalformedRowIsReportedWithItsModelAndFieldWhileTheRestLoad) {
  ScratchFile file(".csv");
  const auto& path = file.write(csv_header + "good,p,3,15,,,,,,\nnegative,p,-3,15,,,,,,\nwords,p,3,cheap,,,,,,\n");
  const PriceCatalog catalog = read_price_cards_csv(path);
  ASSERT_EQ(catalog.cards().size(), 1u);
  ASSERT_EQ(catalog.issues().size(), 2u);
  EXPECT_EQ(catalog.issues()[0].model, "negative");
  EXPECT_EQ(catalog.issues()[0].field, "input_usd_per_mtok");
  EXPECT_NE(catalog.issues()[0].message.find("got -3"), std::string::npos);
  EXPECT_EQ(catalog.issues()[1].model, "words");
  EXPECT_EQ(catalog.issues()[1].field, "output_usd_per_mtok");
  EXPECT_NE(catalog.issues()[1].message.find("'cheap'"), std::string::npos);
}

TEST(PriceCatalogCsv, StrictModeRaisesNamingFileModelAndField) {
  ScratchFile file(".csv");
  const auto& path = file.write(csv_header + "good,p,3,15,,,,,,\nwords,p,3,cheap,,,,,,\n");
  expect_invalid([&] { read_price_cards_csv(path, LoadMode::strict); }, "output_usd_per_mtok", "model 'words'");
  expect_invalid([&] { read_price_cards_csv(path, LoadMode::strict); }, "output_usd_per_mtok", ".csv:3");
}

TEST(PriceCatalogCsv, RequiresModelAndPriceColumns) {
  ScratchFile file(".csv");
  const auto& path = file.write("model,input_usd_per_mtok\nm,1\n");
  expect_invalid([&] { read_price_cards_csv(path); }, "output_usd_per_mtok", "must name the column");
}

const std::string litellm_json = R"({
  "sample_spec": {"input_cost_per_token": "see docs", "litellm_provider": "one of the providers"},
  "claude-test": {
    "litellm_provider": "anthropic", "max_tokens": 8192, "mode": "chat",
    "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
    "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
    "cache_creation_input_token_cost_above_1hr": 6e-06,
    "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
    "input_cost_per_token_batches": 1.5e-06, "output_cost_per_token_batches": 7.5e-06,
    "supports_vision": true
  },
  "image-model": {"litellm_provider": "x", "input_cost_per_pixel": 1e-08},
  "bad-negative": {"litellm_provider": "x", "input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06},
  "bad-text": {"litellm_provider": "x", "input_cost_per_token": "cheap", "output_cost_per_token": 1e-06}
})";

TEST(PriceCatalogLiteLlm, ReadsUsdPerTokenFieldsIntoACard) {
  ScratchFile file(".json");
  const PriceCatalog catalog = read_litellm_prices(file.write(litellm_json));
  ASSERT_EQ(catalog.cards().size(), 1u);
  const auto& card = catalog.find("claude-test").inputs();
  // 3e-06 USD per token = 3 USD/Mtok, and so on.
  EXPECT_EQ(card.provider, "anthropic");
  EXPECT_NEAR(in(card.input, usd_per_mtok), 3.0, 1e-9);
  EXPECT_NEAR(in(card.output, usd_per_mtok), 15.0, 1e-9);
  EXPECT_NEAR(in(*card.cache_read, usd_per_mtok), 0.30, 1e-9);
  EXPECT_NEAR(in(*card.cache_write_5m, usd_per_mtok), 3.75, 1e-9);
  EXPECT_NEAR(in(*card.cache_write_1h, usd_per_mtok), 6.0, 1e-9);
  EXPECT_NEAR(in(*card.long_context_threshold, tokens), 200000.0, 1e-9);
  EXPECT_NEAR(in(*card.long_context_input, usd_per_mtok), 6.0, 1e-9);
  EXPECT_NEAR(in(*card.long_context_output, usd_per_mtok), 22.5, 1e-9);
  EXPECT_NEAR(card.batch_discount, 0.5, 1e-12);  // 1 - 1.5e-06 / 3e-06
}

TEST(PriceCatalogLiteLlm, SkipsTheSpecAndNonTokenModelsAndReportsMalformedEntries) {
  ScratchFile file(".json");
  const std::string text = litellm_json;
  const PriceCatalog catalog = read_litellm_prices(file.write(text));
  EXPECT_EQ(catalog.skipped(), std::vector<std::string>{"image-model"});
  ASSERT_EQ(catalog.issues().size(), 2u);
  EXPECT_EQ(catalog.issues()[0].model, "bad-negative");
  EXPECT_EQ(catalog.issues()[0].field, "input_cost_per_token");
  EXPECT_NE(catalog.issues()[0].message.find("got -1e-06"), std::string::npos);
  EXPECT_EQ(catalog.issues()[1].model, "bad-text");
  EXPECT_EQ(catalog.issues()[1].field, "input_cost_per_token");
  EXPECT_EQ(file.read(), text);  // the loader only reads
  expect_invalid([&] { read_litellm_prices(file.path(), LoadMode::strict); }, "input_cost_per_token", "bad-negative");
}

TEST(PriceCatalogCsv, AModelGivenTwiceIsReportedAndTheFirstKept) {
  ScratchFile file(".csv");
  const PriceCatalog catalog = read_price_cards_csv(file.write(csv_header + "m,p,3,15,,,,,,\nm,p,4,16,,,,,,\n"));
  ASSERT_EQ(catalog.cards().size(), 1u);
  EXPECT_NEAR(in(catalog.find("m").inputs().input, usd_per_mtok), 3.0, 1e-12);
  ASSERT_EQ(catalog.issues().size(), 1u);
  EXPECT_EQ(catalog.issues()[0].field, "model");
}

TEST(PriceCatalogLiteLlm, KeepsFileOrderAndPassesOverIncompleteLongContextTiers) {
  // "b" comes before "a" in the file; "b" has a 128k input price alone and a complete 200k tier.
  ScratchFile file(".json");
  const PriceCatalog catalog = read_litellm_prices(file.write(R"({
    "b": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
          "input_cost_per_token_above_128k_tokens": 1.5e-06,
          "input_cost_per_token_above_200k_tokens": 2e-06, "output_cost_per_token_above_200k_tokens": 4e-06},
    "a": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "input_cost_per_token_batches": 2e-06}
  })"));
  ASSERT_EQ(catalog.cards().size(), 1u);
  EXPECT_EQ(catalog.cards()[0].model(), "b");
  EXPECT_NEAR(in(*catalog.cards()[0].inputs().long_context_threshold, tokens), 200000.0, 1e-9);
  ASSERT_EQ(catalog.issues().size(), 1u);  // "a": a batch price above the input price
  EXPECT_EQ(catalog.issues()[0].field, "input_cost_per_token_batches");
}

TEST(PriceCatalog, MissingFilesAreFileNotFound) {
  EXPECT_THROW(read_price_cards_csv("/nonexistent/prices.csv"), FileNotFound);
  EXPECT_THROW(read_litellm_prices("/nonexistent/prices.json"), FileNotFound);
}

TEST(PriceCatalogLiteLlm, MalformedJsonIsAnErrorNamingTheFile) {
  ScratchFile file(".json");
  expect_invalid([&] { read_litellm_prices(file.write("{\"m\": {")); }, "file", "malformed JSON");
}

TEST(PriceCatalog, BundledCatalogHoldsThePublishedPrices) {
  const PriceCatalog catalog = read_price_cards_csv(std::string(FABTOKEN_DATA_DIR) + "/price_cards.csv",
                                                    LoadMode::strict);
  // figures.md s4.
  const struct { const char* model; double input, output; } published[] = {
      {"claude-opus-4.5", 5, 25}, {"claude-opus-4.7", 5, 25}, {"claude-opus-4", 15, 75},
      {"claude-opus-4.1", 15, 75}, {"claude-mythos", 25, 125},   {"kimi-k2.6", 0.95, 4}};
  for (const auto& p : published) {
    const auto& card = catalog.find(p.model).inputs();
    EXPECT_NEAR(in(card.input, usd_per_mtok), p.input, 1e-12) << p.model;
    EXPECT_NEAR(in(card.output, usd_per_mtok), p.output, 1e-12) << p.model;
    EXPECT_FALSE(card.source.empty()) << p.model;
    EXPECT_FALSE(card.effective_date.empty()) << p.model;
  }
  EXPECT_NEAR(in(*catalog.find("claude-opus-4.5").inputs().cache_read, usd_per_mtok), 0.50, 1e-12);
  EXPECT_NEAR(catalog.find("claude-opus-4.7").inputs().priority_multiplier, 6.0, 1e-12);  // fast mode 6x Opus
  expect_invalid([&] { catalog.find("gpt-9"); }, "model", "no price card for model 'gpt-9'");
}

}  // namespace
}  // namespace fabtoken
