// Parameter files: named values in CSV, each with its unit, source and date.
//
//   parameter,value,unit,source,date,note
//   usd_per_server,246391,USD,"H200 token-factory table",2026,
//
// Every expected parameter must appear once; its unit may be any unit of the parameter's kind
// (USD/MWh for an electricity price, months for a useful life). Lines starting with '#' are
// comments. Built-in presets and users' own files go through this one reader; it only reads.
#pragma once

#include "fabtoken/units.hpp"

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
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

struct ParameterSpec {
  std::string_view name;
  const UnitInfo* unit;  // values are returned in this unit; nullptr for a text value (unit "text")
};

struct ParameterFile {
  std::string path;
  std::map<std::string, double, std::less<>> values;  // in each parameter's spec unit
  std::map<std::string, std::string, std::less<>> texts;  // text-valued parameters
  std::map<std::string, int, std::less<>> lines;
  std::vector<ValueProvenance> provenance;

  // Runs `build`; an InvalidInput it throws is raised again naming this file and the parameter's line.
  template <class Build>
  auto build_with_context(Build build) const -> decltype(build());

 private:
  [[noreturn]] void rethrow_with_context(const std::exception_ptr& error) const;
};

ParameterFile read_parameter_file(const std::filesystem::path& csv_file, std::span<const ParameterSpec> expected);

// The specs of a type whose inputs are described by a field list (T::fields).
template <class T>
std::vector<ParameterSpec> parameter_specs() {
  std::vector<ParameterSpec> specs;
  for (const auto& f : T::fields) specs.push_back({f.name, f.unit});
  return specs;
}

// A value of a field-described type from a file read with parameter_specs<T>().
template <class T>
T fields_from(const ParameterFile& file) {
  return file.build_with_context([&] {
    typename T::Inputs inputs{};
    for (const auto& f : T::fields) f.set(inputs, file.values.find(f.name)->second);
    return T(inputs);
  });
}

template <class T>
T read_fields(const std::filesystem::path& csv_file) {
  return fields_from<T>(read_parameter_file(csv_file, parameter_specs<T>()));
}

template <class Build>
auto ParameterFile::build_with_context(Build build) const -> decltype(build()) {
  try {
    return build();
  } catch (...) {
    rethrow_with_context(std::current_exception());
  }
}

}  // namespace fabtoken
