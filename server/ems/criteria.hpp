// A crew's search as typed (kana of any width, with or without the space, a birth date in 和暦 or
// 西暦 or only its year, a phone number in any format or its last digits, part of the address,
// sex) made into the store's terms, or refused with every problem named.
#pragma once

#include <string>

#include "core/validation.hpp"
#include "ems/types.hpp"

namespace musubi::ems {

struct SearchInput {
  std::string name_kana;
  std::string name;
  std::string birth_date;
  std::string phone;
  std::string address;
  std::string sex;  // male, female, other, unknown, or ""
};

// Problems go to `v` by field; a search that narrows nothing (nothing typed, or sex alone) is one
// of them.
SearchCriteria criteria_from(const SearchInput& input, Validator& v);

// The reason must be one of lookup_reasons() and, except for training, name the incident.
LookupReason checked_reason(const std::string& code, const std::string& incident, Validator& v);

}  // namespace musubi::ems
