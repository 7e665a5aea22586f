// Reading data files: a small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF) and a
// CSV file with a header line whose errors name the file and the line.
#pragma once

#include <filesystem>
#include <fstream>
#include <istream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fabtoken {

// Text without surrounding spaces and tabs.
std::string_view trim(std::string_view text);

// A whole field read as a number ("1.75", "+2", "-3e-6"), or nullopt when it is not one.
std::optional<double> parse_number(std::string_view text);

struct CsvRecord {
  std::vector<std::string> fields;
  int line;  // where the record starts, from 1
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // The next record, or nullopt at the end. Throws InvalidInput for an unterminated quote.
  std::optional<CsvRecord> next();

 private:
  std::istream& in_;
  int line_ = 0;
};

// A CSV file read by column name. Blank lines and lines starting with '#' are skipped, and so is
// a UTF-8 byte order mark (spreadsheets write one). The file is only read.
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path);

  // Throws unless the header names every one of `columns`.
  void require_columns(std::span<const std::string_view> columns, std::string_view expected_layout) const;
  // The next data record, or nullopt at the end.
  std::optional<CsvRecord> next();
  // The header's column names, in file order.
  std::vector<std::string> columns() const;
  // A record's value in `column`, trimmed; empty when the column or the cell is missing.
  std::string cell(const CsvRecord& record, std::string_view column) const;
  // Throws InvalidInput("file:line: what") naming `parameter`; line 0 names no line.
  [[noreturn]] void fail(int line, std::string_view parameter, const std::string& what) const;

 private:
  std::string path_;
  std::ifstream stream_;
  CsvReader reader_;
  std::map<std::string, std::size_t, std::less<>> columns_;
  int header_line_ = 0;
};

}  // namespace fabtoken
