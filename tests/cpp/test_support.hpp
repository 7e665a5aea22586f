// Shared by the C++ tests: the H200 preset and a check that an error names its parameter.
#pragma once

#include "fabtoken/cluster/goodput.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/preset.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
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

// A file in the temporary directory, named after the running test, removed at the end.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& suffix) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("fabtoken_") + info->test_suite_name() + "_" + info->name() + suffix);
  }
  ~ScratchFile() { std::filesystem::remove(path_); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::filesystem::path& write(const std::string& body) {
    std::ofstream(path_, std::ios::binary) << body;
    return path_;
  }
  std::string read() const {
    std::stringstream text;
    text << std::ifstream(path_, std::ios::binary).rdbuf();
    return text.str();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// figures.md s6 shared terms: 5,184 GPUs, average job 4,096, blast radius 64, 720 h per month.
inline Goodput::Inputs goodput_shared_terms() {
  Goodput::Inputs terms{};
  terms.cluster_size = gpus(5184);
  terms.job_size = gpus(4096);
  terms.blast_radius = gpus(64);
  terms.checkpoint_interval = minutes(60);
  terms.failover_time = minutes(5);
  terms.period = hours(720);
  return terms;
}

// figures.md s6 Gold tier.
inline Goodput gold_goodput() {
  Goodput::Inputs terms = goodput_shared_terms();
  terms.gpu_mtbf = hours(25000);
  terms.idle_spares = gpus(32);
  terms.identify_time = minutes(15);
  terms.repair_time = hours(0.25);
  terms.init_time = minutes(10);
  terms.recovery = Recovery::fault_tolerant;
  return Goodput(terms);
}

}  // namespace fabtoken::testing
