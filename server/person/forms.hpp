// 定型文書: structured documents about a person (主治医意見書, 訪問看護指示書 …) made from a
// template, pre-filled from the person and their summary, edited as a draft, then made final
// (unchangeable) and printed as PDF. Templates are data: a new form is a new entry in
// form_templates.cpp, not new code.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"
#include "person/advance_care_plan.hpp"
#include "person/summary.hpp"
#include "person/types.hpp"

namespace musubi::person {

enum class FieldKind { text, multiline, date, choice, checks };
std::string_view field_kind_code(FieldKind kind);

struct FormField {
  std::string_view key;
  std::string_view label;
  FieldKind kind = FieldKind::text;
  std::vector<std::string_view> options;  // choice and checks: the values themselves
  std::string_view prefill;               // where a new draft's value comes from (forms.cpp)
  bool half = false;                      // half a row on paper
};

struct FormSection {
  std::string_view title;
  std::vector<FormField> fields;
};

struct FormTemplate {
  std::string_view code;
  std::string_view title;
  std::string_view description;
  std::vector<FormSection> sections;

  const FormField* field(std::string_view key) const;
};

const std::vector<FormTemplate>& form_templates();
const FormTemplate* find_template(std::string_view code);

// Field key → value. A checks field holds its chosen options separated by newlines.
using FormValues = std::map<std::string, std::string>;

struct Form {
  Id id = 0;
  Id person_id = 0;
  std::string template_code;
  std::string state;  // "draft" or "final"
  FormValues values;
  std::int64_t version = 1;
  Id created_by = 0;
  std::string created_by_name;
  UnixSeconds created_at = 0;
  Id updated_by = 0;
  std::string updated_by_name;
  UnixSeconds updated_at = 0;
  std::optional<UnixSeconds> finalized_at;
  std::string finalized_by_name;
};

// Who is writing the form, for the fields about the author (医師氏名, 医療機関名 …).
struct FormAuthor {
  std::string name;
  std::string facility_name;
  std::string facility_address;
  std::string facility_phone;
  std::string profession;
};

// The values a new draft starts with.
FormValues prefill(const FormTemplate& form, const Person& person, const Summary& summary,
                   const FormAuthor& author, const std::string& today);

// Keeps only the template's fields, trims them, checks lengths, dates and options.
void validate(const FormTemplate& form, FormValues& values, Validator& v);

}  // namespace musubi::person
