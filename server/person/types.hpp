// Persons supported by the network (支援対象者). Extended by the person-record issue (summary,
// ACP).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace musubi::person {

using Id = std::int64_t;

enum class Sex { male, female, other, unknown };
std::optional<Sex> sex_from_code(std::string_view code);
std::string_view sex_code(Sex sex);

struct PersonFields {
  std::string name;
  std::string name_kana;
  std::string birth_date;  // YYYY-MM-DD
  Sex sex = Sex::unknown;
  std::string postal_code;
  std::string address;
  std::string phone;
};

struct Person {
  Id id = 0;
  Id region_id = 0;
  std::optional<Id> registered_by_facility_id;
  PersonFields fields;
  std::int64_t version = 1;  // optimistic concurrency for edits
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

}  // namespace musubi::person
