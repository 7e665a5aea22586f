// Shared by the C++ tests: the H200 preset and a check that an error names its parameter.
#pragma once

#include "fabtoken/errors.hpp"
#include "fabtoken/preset.hpp"

#include <gtest/gtest.h>

#include <string>

namespace fabtoken::testing {

inline TokenFactory h200() {
  return read_token_factory(std::string(FABTOKEN_PRESET_DIR) + "/h200-deepseek-r1.csv").factory;
}

// Runs `make`, expecting InvalidInput whose parameter is `parameter` and whose message holds
// `fragment`.
template <class Make>
void expect_invalid(Make make, const std::string& parameter, const std::string& fragment) {
  try {
    make();
    ADD_FAILURE() << "expected InvalidInput for " << parameter;
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.parameter(), parameter) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
        << "message '" << e.what() << "' lacks '" << fragment << "'";
  }
}

}  // namespace fabtoken::testing
