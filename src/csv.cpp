#include "fabtoken/csv.hpp"

#include "fabtoken/errors.hpp"

namespace fabtoken {

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

}  // namespace fabtoken
