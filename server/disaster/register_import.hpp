// The city's 避難行動要支援者名簿 as CSV (Japanese headers, as a city's ledger exports them):
// each row a person, matched to an existing person by reading and birth date or registered anew,
// and their register entry. All rows are checked first; one bad row imports nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/validation.hpp"
#include "disaster/inputs.hpp"
#include "person/person_service.hpp"

namespace musubi::disaster {

// Which column holds what; -1 when the header row has no such column.
struct ImportColumns {
  int name = -1;
  int kana = -1;
  int birth_date = -1;
  int sex = -1;
  int postal_code = -1;
  int address = -1;
  int phone = -1;
  int area = -1;
  int reasons = -1;
  int priority = -1;
  int latitude = -1;
  int longitude = -1;
  int note = -1;
  std::string missing;  // required headers not found, 「、」-separated
};
ImportColumns import_columns(const csv::Row& header);

// One row, read: the person's fields, their register entry (without the area) and the area's
// name as written.
struct ImportRow {
  person::PersonInput person;
  SupportNeedsInput needs;
  std::string area_name;
};
// Reads a row; problems of form (an unknown reason, a priority or a coordinate that is not a
// number) go to `v`, with the column's Japanese name as the field.
ImportRow read_import_row(const csv::Row& row, const ImportColumns& columns, Validator& v);

struct ImportProblem {
  std::size_t row = 0;  // 1 = the first row after the header
  std::string field;
  std::string message;
};

struct ImportResult {
  bool imported = false;
  std::int64_t matched = 0;  // persons already registered in Musubi
  std::int64_t created = 0;  // persons registered by the import
  std::int64_t areas_created = 0;
  std::vector<ImportProblem> errors;
};

constexpr std::size_t kMaxImportRows = 20000;

}  // namespace musubi::disaster
