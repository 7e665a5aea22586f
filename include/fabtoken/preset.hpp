// Presets: token factories stored as CSV files with a source and a date on every value.
//
//   parameter,value,unit,source,date,note
//   usd_per_server,246391,USD,"H200 token-factory table",2026,
//
// Every parameter of TokenFactory::parameters() must appear once; its unit may be any unit of the
// parameter's kind (USD/MWh for an electricity price, months for a useful life). Lines starting
// with '#' are comments. Built-in presets and users' own files go through this one loader.
#pragma once

#include "fabtoken/token_factory.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace fabtoken {

struct ValueProvenance {
  std::string parameter;
  double value;      // as written in the file, in `unit`
  std::string unit;  // as written in the file
  std::string source;
  std::string date;
  std::string note;
};

struct TokenFactoryPreset {
  TokenFactory factory;
  std::vector<ValueProvenance> provenance;
};

// Reads a preset; the file is only read. Errors name the file, the line and the field.
TokenFactoryPreset read_token_factory(const std::filesystem::path& csv_file);

}  // namespace fabtoken
