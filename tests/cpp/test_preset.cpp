// The preset loader on small files written here.
#include "fabtoken/preset.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fabtoken {
namespace {

namespace fs = std::filesystem;

class PresetFile : public ::testing::Test {
 protected:
  fs::path write(const std::string& body) { return scratch_.write(body); }

  // The H200 preset's rows with one line replaced (or dropped when `replacement` is empty).
  static std::string h200_with(const std::string& parameter, const std::string& replacement) {
    std::ifstream in(std::string(FABTOKEN_PRESET_DIR) + "/h200-deepseek-r1.csv");
    std::string line, out;
    while (std::getline(in, line)) {
      if (line.rfind(parameter + ",", 0) == 0) {
        if (!replacement.empty()) out += replacement + "\n";
      } else {
        out += line + "\n";
      }
    }
    return out;
  }

  testing::ScratchFile scratch_{".csv"};
};

TEST_F(PresetFile, EveryValueKeepsItsSourceAndDate) {
  const auto preset = read_token_factory(std::string(FABTOKEN_PRESET_DIR) + "/h200-deepseek-r1.csv");
  EXPECT_EQ(preset.provenance.size(), TokenFactory::parameters().size());
  for (const auto& p : preset.provenance) {
    EXPECT_FALSE(p.source.empty()) << p.parameter;
    EXPECT_FALSE(p.date.empty()) << p.parameter;
  }
}

TEST_F(PresetFile, ConvertsAnyUnitOfTheRightKind) {
  // 48 months = 4 years; 87 USD/MWh = 0.087 USD/kWh.
  auto path = write(h200_with("useful_life_years", "useful_life_years,48,months,test,2026,"));
  EXPECT_NEAR(read_token_factory(path).factory.value("useful_life_years"), 4.0, 1e-12);
  path = write(h200_with("electricity_usd_per_kwh", "electricity_usd_per_kwh,87,USD/MWh,test,2026,"));
  EXPECT_NEAR(read_token_factory(path).factory.value("electricity_usd_per_kwh"), 0.087, 1e-12);
}

TEST_F(PresetFile, ReadingLeavesTheFileUntouched) {
  const auto path = write(h200_with("pue", "pue,1.3,ratio,test,2026,"));
  const auto before_time = fs::last_write_time(path);
  const std::string before = scratch_.read();
  read_token_factory(path);
  EXPECT_EQ(before, scratch_.read());
  EXPECT_EQ(before_time, fs::last_write_time(path));
}

TEST_F(PresetFile, ErrorsNameTheFileLineAndParameter) {
  using testing::expect_invalid;
  auto path = write(h200_with("pue", "pue,abc,ratio,test,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pue", "must be a number, got 'abc'");
  path = write(h200_with("pue", "pue,1.2,USD/kWh,test,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pue", "got 'USD/kWh'");
  path = write(h200_with("pue", "pue,0.8,ratio,test,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pue", ".csv:");
  path = write(h200_with("pue", "pew,1.2,ratio,test,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pew", "unknown parameter 'pew'");
  path = write(h200_with("pue", ""));
  expect_invalid([&] { read_token_factory(path); }, "pue", "missing parameters: pue");
  path = write(h200_with("pue", "pue,1.2,ratio,,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pue", "has no source");
  path = write(h200_with("pue", "pue,1.2,ratio,test,2026,\npue,1.3,ratio,test,2026,"));
  expect_invalid([&] { read_token_factory(path); }, "pue", "given again");
  path = write("name,value\npue,1.2\n");
  expect_invalid([&] { read_token_factory(path); }, "parameter", "must name the column 'parameter'");
  EXPECT_THROW(read_token_factory("/nonexistent/preset.csv"), FileNotFound);
}

TEST_F(PresetFile, AQuotedFieldMayHoldCommasQuotesAndLineBreaks) {
  const auto path = write(h200_with("pue", "pue,1.25,ratio,\"a \"\"quoted\"\", multi\nline source\",2026,"));
  const auto preset = read_token_factory(path);
  bool found = false;
  for (const auto& p : preset.provenance)
    if (p.parameter == "pue") {
      EXPECT_EQ(p.source, "a \"quoted\", multi\nline source");
      found = true;
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace fabtoken

namespace fabtoken {
namespace {

TEST(CsvFile, AColumnNamedTwiceIsRefused) {
  testing::ScratchFile file(".csv");
  testing::expect_invalid([&] { read_token_factory(file.write("parameter,value,value,unit,source,date\n")); }, "value",
                          "the column 'value' is given twice");
}

}  // namespace
}  // namespace fabtoken
