#include "core/csv.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace musubi::csv {

std::vector<Row> parse(std::string_view in, std::size_t max_rows) {
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (rows.size() >= max_rows) {
        throw Error(ErrorCode::too_large, fmt::format("CSVは{}行までです", max_rows));
      }
      rows.push_back(std::move(row));
    }
    row.clear();
    field_started = false;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < in.size() && in[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field_started && field.empty()) {
          quoted = true;
          quote_line = line;
        } else {
          field += c;
        }
        field_started = true;
        break;
      case ',':
        row.push_back(std::move(field));
        field.clear();
        field_started = false;
        break;
      case '\r':
        break;
      case '\n':
        ++line;
        end_row();
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (quoted) {
    throw Error(ErrorCode::invalid_input,
                fmt::format("CSVの{}行目で引用符（\"）が閉じられていません", quote_line));
  }
  if (field_started || !field.empty() || !row.empty()) end_row();
  return rows;
}

std::string field(const std::string& value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string::npos;
  std::string safe =
      (!value.empty() && std::string_view("=+-@").find(value[0]) != std::string_view::npos)
          ? "'" + value
          : value;
  if (!quote) return safe;
  std::string out = "\"";
  for (char c : safe) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string line(const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    out += field(row[i]);
  }
  return out + "\r\n";
}

}  // namespace musubi::csv
