#include "person/forms.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "core/wareki.hpp"
#include "person/record_codes.hpp"

namespace musubi::person {

namespace {

constexpr std::size_t kMaxTextLength = 200;
constexpr std::size_t kMaxMultilineLength = 4000;

// "1940-03-02" → 1940年（昭和15年）3月2日; a partial date as far as it goes.
std::string japanese_date(const std::string& iso) {
  if (iso.empty()) return {};
  auto parsed = wareki::parse(iso, true);
  if (!parsed.date) return iso;
  const auto& d = *parsed.date;
  std::string out = fmt::format("{}年（{}）", d.year, wareki::format_year(d));
  if (d.month != 0) out += fmt::format("{}月", d.month);
  if (d.day != 0) out += fmt::format("{}日", d.day);
  return out;
}

std::string birth_line(const Person& p, const std::string& today) {
  auto birth = wareki::parse(p.fields.birth_date, false);
  auto now = wareki::parse(today, false);
  if (!birth.date || !now.date) return p.fields.birth_date;
  return fmt::format("{}・{}歳", japanese_date(p.fields.birth_date),
                     wareki::age_on(*birth.date, *now.date));
}

std::string sex_label(Sex sex) {
  switch (sex) {
    case Sex::male:
      return "男";
    case Sex::female:
      return "女";
    case Sex::other:
      return "その他";
    case Sex::unknown:
      return "";
  }
  return "";
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += '\n';
    out += i;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& raw) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= raw.size()) {
    auto end = raw.find('\n', pos);
    if (end == std::string::npos) end = raw.size();
    auto item = text::trim(std::string_view(raw).substr(pos, end - pos));
    if (!item.empty()) out.push_back(std::move(item));
    pos = end + 1;
  }
  return out;
}

std::string conditions_text(const Summary& s) {
  std::vector<std::string> out;
  for (const auto& c : s.conditions) {
    out.push_back(c.onset.empty() ? c.name
                                  : fmt::format("{}（{}発症）", c.name, japanese_date(c.onset)));
  }
  return lines(out);
}

std::string medications_text(const Summary& s) {
  std::vector<std::string> out;
  for (const auto& m : s.medications) {
    out.push_back(m.dosage.empty() ? m.name : m.name + "　" + m.dosage);
  }
  return lines(out);
}

std::string allergies_text(const Summary& s) {
  std::vector<std::string> out;
  for (const auto& a : s.allergies) {
    out.push_back(a.reaction.empty() ? a.substance : a.substance + "（" + a.reaction + "）");
  }
  return out.empty() ? std::string() : "アレルギー: " + lines(out);
}

std::string care_level_text(const Summary& s) {
  std::string out(care_levels().label(s.care.level));
  if (!s.care.valid_from.empty() || !s.care.valid_to.empty()) {
    out +=
        fmt::format("（{}〜{}）", japanese_date(s.care.valid_from), japanese_date(s.care.valid_to));
  }
  return out;
}

std::string living_text(const Summary& s) {
  std::string out(living_situations().label(s.living));
  if (!s.living_note.empty()) out += (out.empty() ? "" : "。") + s.living_note;
  return out;
}

std::string care_and_services_text(const Summary& s) {
  std::vector<std::string> out;
  if (!s.care.level.empty()) out.push_back("要介護度: " + care_level_text(s));
  for (const auto& x : s.services) {
    out.push_back(fmt::format("{}{}{}", x.kind, x.provider.empty() ? "" : "（" + x.provider + "）",
                              x.frequency.empty() ? "" : "　" + x.frequency));
  }
  return lines(out);
}

// The value of one prefill source; "" when the record has nothing for it.
std::string source_value(std::string_view source, const Person& p, const Summary& s,
                         const FormAuthor& a, const std::string& today) {
  auto nth = [](std::string_view src, std::string_view prefix) -> std::size_t {
    return static_cast<std::size_t>(std::stoi(std::string(src.substr(prefix.size()))) - 1);
  };
  if (source == "person.name") return p.fields.name;
  if (source == "person.name_kana") return p.fields.name_kana;
  if (source == "person.birth") return birth_line(p, today);
  if (source == "person.sex") return sex_label(p.fields.sex);
  if (source == "person.address") return p.fields.address;
  if (source == "person.phone") return p.fields.phone;
  if (source == "author.name") return a.name;
  if (source == "author.facility") return a.facility_name;
  if (source == "author.facility_address") return a.facility_address;
  if (source == "author.facility_phone") return a.facility_phone;
  if (source == "today") return today;
  if (source.starts_with("summary.condition.")) {
    auto i = nth(source, "summary.condition.");
    return i < s.conditions.size() ? s.conditions[i].name : "";
  }
  if (source.starts_with("summary.condition_onset.")) {
    auto i = nth(source, "summary.condition_onset.");
    return i < s.conditions.size() ? japanese_date(s.conditions[i].onset) : "";
  }
  if (source == "summary.conditions") return conditions_text(s);
  if (source == "summary.medications") return medications_text(s);
  if (source == "summary.allergies") return allergies_text(s);
  if (source == "summary.disability_independence") {
    return std::string(disability_independence().label(s.disability_independence));
  }
  if (source == "summary.dementia_independence") {
    return std::string(dementia_independence().label(s.dementia_independence));
  }
  if (source == "summary.care_level") return care_level_text(s);
  if (source == "summary.living") return living_text(s);
  if (source == "summary.care_and_services") return care_and_services_text(s);
  if (source == "summary.notes") return s.notes;
  if (source == "summary.primary_doctor") {
    const auto& d = s.primary_doctor;
    return d.facility.empty() ? d.name : d.facility + "　" + d.name;
  }
  return {};
}

}  // namespace

std::string_view field_kind_code(FieldKind kind) {
  switch (kind) {
    case FieldKind::text:
      return "text";
    case FieldKind::multiline:
      return "multiline";
    case FieldKind::date:
      return "date";
    case FieldKind::choice:
      return "choice";
    case FieldKind::checks:
      return "checks";
  }
  return "text";
}

FormValues prefill(const FormTemplate& form, const Person& person, const Summary& summary,
                   const FormAuthor& author, const std::string& today) {
  FormValues values;
  for (const auto& section : form.sections) {
    for (const auto& f : section.fields) {
      if (f.prefill.empty()) continue;
      auto value = source_value(f.prefill, person, summary, author, today);
      // A choice keeps a value only if it is one of the options (a label the record uses).
      if (f.kind == FieldKind::choice &&
          std::find(f.options.begin(), f.options.end(), value) == f.options.end()) {
        continue;
      }
      if (!value.empty()) values[std::string(f.key)] = std::move(value);
    }
  }
  return values;
}

void validate(const FormTemplate& form, FormValues& values, Validator& v) {
  if (values.size() > 200) {
    v.add("values", "項目が多すぎます");
    values.clear();
    return;
  }
  FormValues kept;
  for (auto& [key, raw] : values) {
    const FormField* f = form.field(key);
    if (!f) {
      v.add(text::prefix(key, 40), "この文書にない項目です");
      continue;
    }
    std::string value;
    switch (f->kind) {
      case FieldKind::text:
        value = v.text(key, raw, kMaxTextLength, false);
        break;
      case FieldKind::multiline:
        value = v.text(key, raw, kMaxMultilineLength, false, true);
        break;
      case FieldKind::date:
        value = v.date(key, raw, false);
        break;
      case FieldKind::choice:
        value = text::trim(raw);
        if (!value.empty() &&
            std::find(f->options.begin(), f->options.end(), value) == f->options.end()) {
          v.add(key, "選択肢から選んでください");
        }
        break;
      case FieldKind::checks: {
        auto chosen = split_lines(raw);
        for (const auto& c : chosen) {
          if (std::find(f->options.begin(), f->options.end(), c) == f->options.end()) {
            v.add(key, "選択肢から選んでください");
          }
        }
        std::vector<std::string> ordered;  // the template's order, each option once
        for (auto option : f->options) {
          if (std::find(chosen.begin(), chosen.end(), option) != chosen.end()) {
            ordered.emplace_back(option);
          }
        }
        value = lines(ordered);
        break;
      }
    }
    if (!value.empty()) kept[key] = std::move(value);
  }
  values = std::move(kept);
}

}  // namespace musubi::person
