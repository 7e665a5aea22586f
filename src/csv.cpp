#include "fabtoken/csv.hpp"

#include "fabtoken/errors.hpp"

#include <charconv>

namespace fabtoken {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::optional<double> parse_number(std::string_view text) {
  std::string_view s = trim(text);
  if (s.starts_with('+')) s.remove_prefix(1);  // from_chars reads "-1.3" but not "+1.3"
  double value = 0.0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<CsvRecord> CsvReader::next() {
  std::string line;
  if (!std::getline(in_, line)) return std::nullopt;
  CsvRecord record{{}, ++line_};
  std::string field;
  bool quoted = false;
  for (;;) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
      } else if (c != '\r' || i + 1 != line.size()) {
        field += c;
      }
    }
    if (!quoted) break;
    // A quoted field runs on to the next line.
    FABTOKEN_REQUIRE(static_cast<bool>(std::getline(in_, line)), "csv",
                     "line " << record.line << ": a quoted field is never closed");
    ++line_;
    field += '\n';
  }
  record.fields.push_back(std::move(field));
  return record;
}

namespace {
bool is_skipped(const CsvRecord& record) {
  const std::string_view first = trim(record.fields[0]);
  return (record.fields.size() == 1 && first.empty()) || first.starts_with('#');
}
}  // namespace

CsvFile::CsvFile(const std::filesystem::path& path)
    : path_(path.string()), stream_(path, std::ios::in | std::ios::binary), reader_(stream_) {
  if (!std::filesystem::exists(path)) throw FileNotFound(path_);
  if (!stream_) fail(0, "file", "cannot open the file for reading");
  if (stream_.peek() == 0xEF) {  // a UTF-8 byte order mark
    char bom[3]{};
    stream_.read(bom, 3);
    if (std::string_view(bom, 3) != "\xEF\xBB\xBF") fail(1, "file", "the file is not UTF-8 text");
  }
  std::optional<CsvRecord> header;
  do {
    header = reader_.next();
  } while (header && is_skipped(*header));
  if (!header) fail(0, "header", "the file has no header line");
  header_line_ = header->line;
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const std::string name(trim(header->fields[i]));
    if (!columns_.emplace(name, i).second) fail(header_line_, name, "the column '" + name + "' is given twice");
  }
}

void CsvFile::require_columns(std::span<const std::string_view> columns, std::string_view expected_layout) const {
  for (std::string_view column : columns)
    if (!columns_.count(column))
      fail(header_line_, column, "the header must name the column '" + std::string(column) + "' (columns: " +
                                     std::string(expected_layout) + ")");
}

std::optional<CsvRecord> CsvFile::next() {
  std::optional<CsvRecord> record;
  do {
    record = reader_.next();
  } while (record && is_skipped(*record));
  return record;
}

std::vector<std::string> CsvFile::columns() const {
  std::vector<std::string> names(columns_.size());
  for (const auto& [name, index] : columns_) names[index] = name;
  return names;
}

std::string CsvFile::cell(const CsvRecord& record, std::string_view column) const {
  const auto it = columns_.find(column);
  if (it == columns_.end() || it->second >= record.fields.size()) return {};
  return std::string(trim(record.fields[it->second]));
}

void CsvFile::fail(int line, std::string_view parameter, const std::string& what) const {
  throw InvalidInput(parameter, path_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
}

}  // namespace fabtoken

