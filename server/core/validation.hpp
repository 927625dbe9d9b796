// Collects every problem of one input before reporting, so a form can mark all bad fields at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace musubi {

class Validator {
 public:
  // Trims, then checks presence, length (in characters), UTF-8 and control characters.
  std::string text(const std::string& field, const std::string& value, std::size_t max_length,
                   bool required, bool multiline = false);
  std::string kana(const std::string& field, const std::string& value, std::size_t max_length,
                   bool required);
  // A calendar day as ISO text; accepts what people type (2026/4/1, 令和8年4月1日, R8.4.1).
  std::string date(const std::string& field, const std::string& value, bool required);
  // The same, or only a year ("1989") or year and month ("1989-01"); empty is allowed.
  std::string partial_date(const std::string& field, const std::string& value);
  std::string email(const std::string& field, const std::string& value, bool required);
  std::string phone(const std::string& field, const std::string& value, bool required);
  std::string postal_code(const std::string& field, const std::string& value);
  std::string login_id(const std::string& field, const std::string& value);

  void add(const std::string& field, const std::string& message);
  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }
  // Throws Error(invalid_input) listing every problem, if there is any.
  void throw_if_any() const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace musubi
