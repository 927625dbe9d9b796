// RFC 4180 CSV reading (quoted fields, CRLF or LF, a leading UTF-8 BOM dropped), as exported
// by Excel and LibreOffice with UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace musubi::csv {

using Row = std::vector<std::string>;

// Throws musubi::Error(invalid_input) with the line number of an unterminated quote, or when
// there are more than max_rows rows.
std::vector<Row> parse(std::string_view input, std::size_t max_rows = 10000);

// One field as written out: quoted when needed, and a leading =, +, - or @ made harmless (a
// spreadsheet would run it as a formula).
std::string field(const std::string& value);
// A row of fields and CRLF.
std::string line(const Row& row);

}  // namespace musubi::csv
