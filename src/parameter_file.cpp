#include "fabtoken/parameter_file.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/unit_catalog.hpp"

#include <algorithm>
#include <array>

namespace fabtoken {

namespace {
constexpr std::array<std::string_view, 5> required_columns{"parameter", "value", "unit", "source", "date"};
}  // namespace

ParameterFile read_parameter_file(const std::filesystem::path& csv_file, std::span<const ParameterSpec> expected) {
  CsvFile file(csv_file);
  file.require_columns(required_columns, "parameter,value,unit,source,date[,note]");
  ParameterFile out;
  out.path = csv_file.string();
  while (const std::optional<CsvRecord> record = file.next()) {
    const int line = record->line;
    const std::string name = file.cell(*record, "parameter");
    const auto spec = std::find_if(expected.begin(), expected.end(), [&](const auto& s) { return s.name == name; });
    if (spec == expected.end()) file.fail(line, name, "unknown parameter '" + name + "'");
    if (const auto it = out.lines.find(name); it != out.lines.end())
      file.fail(line, name, "parameter '" + name + "' is given again (first on line " + std::to_string(it->second) + ")");
    out.lines.emplace(name, line);

    const std::string text = file.cell(*record, "value");
    if (!spec->unit) {
      if (file.cell(*record, "unit") != "text")
        file.fail(line, name, "unit of '" + name + "' must be 'text', got '" + file.cell(*record, "unit") + "'");
      if (file.cell(*record, "source").empty()) file.fail(line, name, "'" + name + "' has no source");
      out.texts.emplace(name, text);
      out.provenance.push_back({name, 0.0, "text", file.cell(*record, "source"), file.cell(*record, "date"), text});
      continue;
    }
    const std::optional<double> value = parse_number(text);
    if (!value) file.fail(line, name, "value of '" + name + "' must be a number, got '" + text + "'");
    ValueProvenance entry{name, *value, file.cell(*record, "unit"), file.cell(*record, "source"),
                          file.cell(*record, "date"), file.cell(*record, "note")};
    const UnitInfo* unit = find_unit(entry.unit);
    if (!unit || unit->kind_id != spec->unit->kind_id)
      file.fail(line, name, "unit of '" + name + "' must be " + with_article(spec->unit->kind) + " such as " +
                                std::string(spec->unit->symbol) + ", got '" + entry.unit + "'");
    if (entry.source.empty()) file.fail(line, name, "'" + name + "' has no source");
    if (entry.date.empty()) file.fail(line, name, "'" + name + "' has no date");
    out.values.emplace(name, convert(entry.value, *unit, *spec->unit));
    out.provenance.push_back(std::move(entry));
  }
  std::string missing;
  for (const auto& s : expected)
    if (!out.lines.count(s.name)) append_item(missing, s.name);
  if (!missing.empty()) file.fail(0, missing, "missing parameters: " + missing);
  return out;
}

void ParameterFile::rethrow_with_context(const std::exception_ptr& error) const {
  try {
    std::rethrow_exception(error);
  } catch (const InvalidInput& e) {
    const auto line = lines.find(e.parameter());
    throw InvalidInput(e.parameter(),
                       path + (line != lines.end() ? ":" + std::to_string(line->second) : "") + ": " + e.what());
  }
}

}  // namespace fabtoken
