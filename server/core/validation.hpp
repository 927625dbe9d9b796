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
  std::string date(const std::string& field, const std::string& value, bool required);
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
