#include "fabtoken/format.hpp"
#include "test_support.hpp"

#include <sstream>

namespace fabtoken {
namespace {

TEST(Format, ValuesReadAsAPersonWritesThem) {
  EXPECT_EQ(format_value(246391.0), "246,391");
  EXPECT_EQ(format_value(10000000.0), "10,000,000");
  EXPECT_EQ(format_value(110.0), "110");
  EXPECT_EQ(format_value(8.0), "8");
  EXPECT_EQ(format_value(123.25), "123.2");
  EXPECT_EQ(format_value(35.3), "35.30");
  EXPECT_EQ(format_value(0.0871), "0.087");
  EXPECT_EQ(format_value(-2.5), "-2.50");
  EXPECT_EQ(format_value(-0.0001), "0.000");
}

TEST(Format, TableLinesAlignAndShowEveryRow) {
  const auto rows = testing::h200().rows();
  std::istringstream table(format_table(rows));
  std::string line;
  std::size_t lines = 0, width = 0;
  while (std::getline(table, line)) {
    if (lines++ == 0) width = line.size();
    EXPECT_EQ(line.size(), width) << line;
  }
  EXPECT_EQ(lines, rows.size() + 2);  // header and rule
}

}  // namespace
}  // namespace fabtoken
