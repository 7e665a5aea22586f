// The value chain of the H200 stack, against hand calculations written out here.
#include "fabtoken/parameter_file.hpp"
#include "fabtoken/value_capture.hpp"
#include "test_support.hpp"

#include <map>
#include <string>

namespace fabtoken {
namespace {

// Supplier margins for the tests (not published figures): system vendor 75%, memory 20% of its
// cost at 60% margin, foundry 10% at 60%, datacenter 30%.
SupplierMargins test_margins() { return SupplierMargins({0.75, 0.20, 0.60, 0.10, 0.60, 0.30}); }

std::map<std::string, PoolRow> by_layer(const PoolRows& rows) {
  std::map<std::string, PoolRow> out;
  for (const auto& r : rows) out.emplace(std::string(r.layer), r);
  return out;
}

double usd_month(UsdPerTime x) { return in(x, usd_per_month); }

TEST(ValueCapture, SplitsTheUsersDollarAcrossTheThirdPartyChain) {
  // Per user-month, 10 Mtok on the H200 stack. 10 / 2.646 = 3.779289 GPU-hours.
  // App: 20 - 10 x 1.75 = 2.50. Model provider: 17.50 - 10 x 0.718065 = 10.31935.
  // Cloud: 7.18065 - 3.779289 x (0.8789633 + 0.3502372) = 7.18065 - 4.645504 = 2.535146.
  // Datacenter: 3.779289 x 0.3502372 = 1.323648 revenue, 30% kept: 0.397094.
  // System vendor: 3.321857 revenue, 75% kept: 2.491393; its cost 0.830464 buys memory 0.166093
  // (60% kept: 0.099656) and foundry work 0.083046 (60% kept: 0.049828).
  const ValueCapture chain(testing::h200(), test_margins());
  const auto rows = by_layer(chain.rows(AppPath::third_party));
  EXPECT_NEAR(usd_month(rows.at("Application").gross_profit), 2.50, 1e-9);
  EXPECT_NEAR(usd_month(rows.at("Model provider").gross_profit), 10.31935, 1e-5);
  EXPECT_NEAR(usd_month(rows.at("Cloud").cost), 4.645504, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("Cloud").gross_profit), 2.535146, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("Datacenter and power").gross_profit), 0.397094, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("System vendor").revenue), 3.321857, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("System vendor").gross_profit), 2.491393, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("Financing").revenue), 0.0, 1e-12);
  EXPECT_NEAR(usd_month(rows.at("Memory").gross_profit), 0.099656, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("Foundry").gross_profit), 0.049828, 1e-6);
  EXPECT_NEAR(usd_month(rows.at("Other components and assembly").cost), 0.581325, 1e-6);  // 0.830464 - 0.166093 - 0.083046
}

TEST(ValueCapture, FirstPartyAppKeepsTheModelProvidersMargin) {
  // The lab's own app pays compute cost: 20 - 7.18065 = 12.81935, and there is no model provider.
  const auto rows = by_layer(ValueCapture(testing::h200(), test_margins()).rows(AppPath::first_party));
  EXPECT_NEAR(usd_month(rows.at("Application").gross_profit), 12.81935, 1e-5);
  EXPECT_EQ(rows.count("Model provider"), 0u);
}

TEST(ValueCapture, ProfitsPlusBottomCostsAddUpToWhatTheUserPaid) {
  // With a cost of capital (a financing layer) and utilization below full, on both paths.
  const TokenFactory stack = testing::h200().with("cost_of_capital_per_year", 0.08).with("utilization", 0.7);
  for (AppPath path : {AppPath::third_party, AppPath::first_party}) {
    const ValueCapture chain(stack, test_margins());
    double kept = 0.0;
    for (const auto& row : chain.rows(path)) kept += usd_month(row.is_bottom_cost ? row.cost : row.gross_profit);
    EXPECT_NEAR(kept, 20.0, 1e-9);
  }
  const auto rows = by_layer(ValueCapture(stack, test_margins()).rows(AppPath::third_party));
  EXPECT_GT(usd_month(rows.at("Financing").gross_profit), 0.0);
}

TEST(SupplierMargins, RejectShareSumsAboveOneAndMarginsOutOfRange) {
  testing::expect_invalid([] { SupplierMargins({0.75, 0.7, 0.6, 0.4, 0.6, 0.3}); }, "foundry_share_of_system_cost", "at most 1");
  testing::expect_invalid([] { SupplierMargins({1.5, 0.2, 0.6, 0.1, 0.6, 0.3}); }, "system_vendor_gross_margin", "got 1.5");
}

}  // namespace
}  // namespace fabtoken

namespace fabtoken {
namespace {

TEST(SupplierMargins, BundledFileReadsWithASourceForEveryValue) {
  // figures.md s7: the system vendor targets a gross margin in the mid-70s %.
  const ParameterFile file = read_parameter_file(std::string(FABTOKEN_DATA_DIR) + "/supplier_margins.csv",
                                                 parameter_specs<SupplierMargins>());
  const SupplierMargins margins = fields_from<SupplierMargins>(file);
  EXPECT_NEAR(margins.inputs().system_vendor_gross_margin, 0.75, 1e-12);
  EXPECT_EQ(file.provenance.size(), SupplierMargins::fields.size());
  for (const auto& p : file.provenance) EXPECT_FALSE(p.source.empty()) << p.parameter;
}

TEST(SupplierMargins, AnInvalidValueInAFileNamesTheFileAndLine) {
  testing::ScratchFile scratch(".csv");
  std::string text = "parameter,value,unit,source,date\n";
  for (const auto& f : SupplierMargins::fields) text += std::string(f.name) + ",0.5,fraction,test,2026\n";
  const auto& path = scratch.write(text.replace(text.find("memory_share_of_system_cost,0.5"), 31,
                                                "memory_share_of_system_cost,0.7"));
  testing::expect_invalid([&] { read_fields<SupplierMargins>(path); }, "foundry_share_of_system_cost", ".csv:");
}

}  // namespace
}  // namespace fabtoken
