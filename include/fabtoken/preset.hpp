// Presets: token factories stored as parameter files (see parameter_file.hpp), with a source and a
// date on every value. Every parameter of TokenFactory::parameters() must appear once.
#pragma once

#include "fabtoken/parameter_file.hpp"
#include "fabtoken/token_factory.hpp"

#include <filesystem>
#include <vector>

namespace fabtoken {

struct TokenFactoryPreset {
  TokenFactory factory;
  std::vector<ValueProvenance> provenance;
};

// Reads a preset; the file is only read. Errors name the file, the line and the field.
TokenFactoryPreset read_token_factory(const std::filesystem::path& csv_file);

}  // namespace fabtoken
