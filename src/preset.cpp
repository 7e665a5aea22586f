#include "fabtoken/preset.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/unit_catalog.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

namespace fabtoken {
namespace {

constexpr std::array<std::string_view, 5> required_columns{"parameter", "value", "unit", "source", "date"};

const StackParameter* find_parameter(std::string_view name) {
  const auto& all = TokenFactory::parameters();
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace

TokenFactoryPreset read_token_factory(const std::filesystem::path& csv_file) {
  CsvFile file(csv_file);
  file.require_columns(required_columns, "parameter,value,unit,source,date[,note]");

  TokenFactory::Inputs inputs{};
  std::vector<ValueProvenance> provenance;
  std::map<std::string, int, std::less<>> seen;  // parameter -> line
  while (const std::optional<CsvRecord> record = file.next()) {
    const int line = record->line;
    const std::string name = file.cell(*record, "parameter");
    const StackParameter* parameter = find_parameter(name);
    if (!parameter) file.fail(line, name, "unknown parameter '" + name + "'");
    if (const auto it = seen.find(name); it != seen.end())
      file.fail(line, name, "parameter '" + name + "' is given again (first on line " +
                                std::to_string(it->second) + ")");
    seen.emplace(name, line);

    const std::string text = file.cell(*record, "value");
    const std::optional<double> value = parse_number(text);
    if (!value) file.fail(line, name, "value of '" + name + "' must be a number, got '" + text + "'");
    ValueProvenance entry{name, *value, file.cell(*record, "unit"), file.cell(*record, "source"),
                          file.cell(*record, "date"), file.cell(*record, "note")};
    const UnitInfo* unit = find_unit(entry.unit);
    if (!unit || unit->kind_id != parameter->unit->kind_id)
      file.fail(line, name, "unit of '" + name + "' must be " + with_article(parameter->unit->kind) +
                                " such as " + std::string(parameter->unit->symbol) + ", got '" + entry.unit + "'");
    if (entry.source.empty()) file.fail(line, name, "'" + name + "' has no source");
    if (entry.date.empty()) file.fail(line, name, "'" + name + "' has no date");
    set_input(inputs, name, convert(entry.value, *unit, *parameter->unit));
    provenance.push_back(std::move(entry));
  }

  std::string missing;
  for (const auto& p : TokenFactory::parameters())
    if (!seen.count(p.name)) missing += (missing.empty() ? "" : ", ") + std::string(p.name);
  if (!missing.empty()) file.fail(0, missing, "missing parameters: " + missing);

  try {
    return {TokenFactory(inputs), std::move(provenance)};
  } catch (const InvalidInput& e) {
    file.fail(seen.at(e.parameter()), e.parameter(), e.what());
  }
}

}  // namespace fabtoken
