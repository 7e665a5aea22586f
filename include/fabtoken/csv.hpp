// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace fabtoken {

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

}  // namespace fabtoken
