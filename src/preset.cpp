#include "fabtoken/preset.hpp"

#include "fabtoken/csv.hpp"
#include "fabtoken/errors.hpp"
#include "fabtoken/unit_catalog.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <map>
#include <string_view>

namespace fabtoken {
namespace {

constexpr std::array<std::string_view, 5> required_columns{"parameter", "value", "unit", "source", "date"};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

class FileContext {
 public:
  explicit FileContext(const std::filesystem::path& file) : file_(file.string()) {}
  [[noreturn]] void fail(int line, std::string_view parameter, const std::string& what) const {
    throw InvalidInput(parameter, file_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
  }

 private:
  std::string file_;
};

double parse_number(std::string_view text, const FileContext& file, int line, std::string_view parameter) {
  std::string_view s = trim(text);
  if (s.starts_with('+')) s.remove_prefix(1);  // from_chars reads "-1.3" but not "+1.3"
  double value = 0.0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc{} || end != s.data() + s.size())
    file.fail(line, parameter, "value of '" + std::string(parameter) + "' must be a number, got '" +
                                   std::string(text) + "'");
  return value;
}

const StackParameter* find_parameter(std::string_view name) {
  const auto& all = TokenFactory::parameters();
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

// Column positions by header name; every required column must be present.
std::map<std::string, std::size_t> read_header(const CsvRecord& header, const FileContext& file) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) columns[std::string(trim(header.fields[i]))] = i;
  for (std::string_view required : required_columns)
    if (!columns.count(std::string(required)))
      file.fail(header.line, required, "the header must name the column '" + std::string(required) +
                                           "' (columns: parameter,value,unit,source,date[,note])");
  return columns;
}

}  // namespace

TokenFactoryPreset read_token_factory(const std::filesystem::path& csv_file) {
  const FileContext file(csv_file);
  std::ifstream stream(csv_file, std::ios::in);
  if (!stream) file.fail(0, "file", "cannot open the file for reading");

  if (stream.peek() == 0xEF) {  // a UTF-8 byte order mark, as spreadsheets write "CSV UTF-8"
    char bom[3]{};
    stream.read(bom, 3);
    if (std::string_view(bom, 3) != "\xEF\xBB\xBF") file.fail(1, "header", "the file is not valid UTF-8 text");
  }
  CsvReader reader(stream);
  std::optional<CsvRecord> record;
  do {
    record = reader.next();
  } while (record && (trim(record->fields[0]).empty() || trim(record->fields[0]).starts_with('#')));
  if (!record) file.fail(0, "header", "the file has no header line");
  const auto columns = read_header(*record, file);
  const auto cell = [&](const CsvRecord& r, std::string_view column) {
    const auto it = columns.find(std::string(column));
    if (it == columns.end() || it->second >= r.fields.size()) return std::string();
    return std::string(trim(r.fields[it->second]));
  };

  TokenFactory::Inputs inputs{};
  std::vector<ValueProvenance> provenance;
  std::map<std::string, int, std::less<>> seen;  // parameter -> line
  while ((record = reader.next())) {
    const std::string name = cell(*record, "parameter");
    if (name.empty() || name.starts_with('#')) continue;
    const int line = record->line;
    const StackParameter* parameter = find_parameter(name);
    if (!parameter) file.fail(line, name, "unknown parameter '" + name + "'");
    if (const auto it = seen.find(name); it != seen.end())
      file.fail(line, name, "parameter '" + name + "' is given again (first on line " +
                                std::to_string(it->second) + ")");
    seen.emplace(name, line);

    ValueProvenance entry{name, parse_number(cell(*record, "value"), file, line, name),
                          cell(*record, "unit"), cell(*record, "source"), cell(*record, "date"),
                          cell(*record, "note")};
    const UnitInfo* unit = find_unit(entry.unit);
    if (!unit || unit->kind_id != parameter->unit->kind_id)
      file.fail(line, name, "unit of '" + name + "' must be " + with_article(parameter->unit->kind) +
                                " such as " + std::string(parameter->unit->symbol) + ", got '" +
                                entry.unit + "'");
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
