#include "person/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/text.hpp"
#include "person/record_codes.hpp"

namespace musubi::person {

namespace {

constexpr std::size_t kMaxConditions = 50;
constexpr std::size_t kMaxMedications = 100;
constexpr std::size_t kMaxAllergies = 50;
constexpr std::size_t kMaxServices = 30;
constexpr std::size_t kMaxContacts = 20;
constexpr std::size_t kMaxDevices = 20;
constexpr std::size_t kMaxVaccinations = 50;

std::string at(const std::string& list, std::size_t i, const std::string& field) {
  return fmt::format("{}[{}].{}", list, i, field);
}

void check_count(Validator& v, const std::string& field, std::size_t count, std::size_t max) {
  if (count > max) v.add(field, fmt::format("{}件までにしてください", max));
}

// An insurance number as printed on the card: digits, letters, hyphens and spaces — or the masked
// form the screen showed, sent back unchanged (the service keeps the stored number for it).
void check_number(Validator& v, const std::string& field, std::string& value) {
  if (is_masked(value)) return;
  value = text::nfkc(text::trim(value));
  if (value.size() > 20) {
    v.add(field, "20文字までにしてください");
    return;
  }
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != ' ') {
      v.add(field, "数字・英字・ハイフンで入力してください");
      return;
    }
  }
}

void check_contact_point(Validator& v, const std::string& field, ContactPoint& c) {
  c.name = v.text(field + ".name", c.name, 50, false);
  c.facility = v.text(field + ".facility", c.facility, 100, false);
  c.phone = v.phone(field + ".phone", c.phone, false);
}

// Added, removed and changed entries of a list, told apart by `key` (病名, 薬剤名 …).
template <class T>
void diff_list(std::vector<std::string>& out, std::string_view section,
               const std::vector<T>& before, const std::vector<T>& after,
               const std::function<std::string(const T&)>& key) {
  auto find = [&](const std::vector<T>& list, const std::string& k) {
    return std::find_if(list.begin(), list.end(), [&](const T& x) { return key(x) == k; });
  };
  for (const auto& a : after) {
    auto b = find(before, key(a));
    if (b == before.end()) {
      out.push_back(fmt::format("{}: 「{}」を追加", section, key(a)));
    } else if (!(*b == a)) {
      out.push_back(fmt::format("{}: 「{}」を変更", section, key(a)));
    }
  }
  for (const auto& b : before) {
    if (find(after, key(b)) == after.end()) {
      out.push_back(fmt::format("{}: 「{}」を削除", section, key(b)));
    }
  }
}

std::string shown(std::string_view label) {
  return label.empty() ? std::string("未記録") : std::string(label);
}

void diff_code(std::vector<std::string>& out, const Vocabulary& vocabulary,
               const std::string& before, const std::string& after, std::string_view title = {}) {
  if (before == after) return;
  out.push_back(fmt::format("{}: {} → {}", title.empty() ? vocabulary.title : title,
                            shown(vocabulary.label(before)), shown(vocabulary.label(after))));
}

void diff_levels(std::vector<std::string>& out, const Vocabulary& items,
                 const std::map<std::string, std::string>& before,
                 const std::map<std::string, std::string>& after) {
  for (const auto& item : items.codes) {
    auto b = before.find(std::string(item.code));
    auto a = after.find(std::string(item.code));
    const std::string from = b == before.end() ? "" : b->second;
    const std::string to = a == after.end() ? "" : a->second;
    diff_code(out, assistance_levels(), from, to, fmt::format("{}（{}）", items.title, item.label));
  }
}

void diff_contact_point(std::vector<std::string>& out, std::string_view title,
                        const ContactPoint& before, const ContactPoint& after) {
  if (before == after) return;
  if (before.name != after.name) {
    out.push_back(fmt::format("{}: {} → {}", title, shown(before.name), shown(after.name)));
  } else {
    out.push_back(fmt::format("{}の連絡先を変更", title));
  }
}

void validate_devices_and_vaccinations(Summary& s, Validator& v) {
  check_count(v, "devices", s.devices.size(), kMaxDevices);
  for (std::size_t i = 0; i < s.devices.size() && i < kMaxDevices; ++i) {
    auto& d = s.devices[i];
    d.name = v.text(at("devices", i, "name"), d.name, 100, true);
    d.note = v.text(at("devices", i, "note"), d.note, 200, false);
  }
  check_count(v, "vaccinations", s.vaccinations.size(), kMaxVaccinations);
  for (std::size_t i = 0; i < s.vaccinations.size() && i < kMaxVaccinations; ++i) {
    auto& x = s.vaccinations[i];
    x.vaccine = v.text(at("vaccinations", i, "vaccine"), x.vaccine, 100, true);
    x.date = v.partial_date(at("vaccinations", i, "date"), x.date);
  }
}

}  // namespace

void validate(Summary& s, Validator& v) {
  check_count(v, "conditions", s.conditions.size(), kMaxConditions);
  for (std::size_t i = 0; i < s.conditions.size() && i < kMaxConditions; ++i) {
    auto& c = s.conditions[i];
    c.name = v.text(at("conditions", i, "name"), c.name, 100, true);
    c.onset = v.partial_date(at("conditions", i, "onset"), c.onset);
    c.note = v.text(at("conditions", i, "note"), c.note, 200, false);
  }
  check_count(v, "medications", s.medications.size(), kMaxMedications);
  for (std::size_t i = 0; i < s.medications.size() && i < kMaxMedications; ++i) {
    auto& m = s.medications[i];
    m.name = v.text(at("medications", i, "name"), m.name, 100, true);
    m.dosage = v.text(at("medications", i, "dosage"), m.dosage, 200, false);
    m.prescriber = v.text(at("medications", i, "prescriber"), m.prescriber, 100, false);
  }
  check_count(v, "allergies", s.allergies.size(), kMaxAllergies);
  for (std::size_t i = 0; i < s.allergies.size() && i < kMaxAllergies; ++i) {
    auto& a = s.allergies[i];
    a.substance = v.text(at("allergies", i, "substance"), a.substance, 100, true);
    a.reaction = v.text(at("allergies", i, "reaction"), a.reaction, 200, false);
  }
  validate_devices_and_vaccinations(s, v);
  check_code_map(v, "adl", s.adl, adl_items(), assistance_levels());
  check_code_map(v, "iadl", s.iadl, iadl_items(), assistance_levels());
  check_code(v, "care.level", s.care.level, care_levels());
  const auto before = v.errors().size();
  s.care.valid_from = v.date("care.valid_from", s.care.valid_from, false);
  s.care.valid_to = v.date("care.valid_to", s.care.valid_to, false);
  if (v.errors().size() == before && !s.care.valid_from.empty() && !s.care.valid_to.empty() &&
      s.care.valid_to < s.care.valid_from) {
    v.add("care.valid_to", "有効期間の終わりが始まりより前です");
  }
  check_code(v, "disability_independence", s.disability_independence, disability_independence());
  check_code(v, "dementia_independence", s.dementia_independence, dementia_independence());
  check_count(v, "services", s.services.size(), kMaxServices);
  for (std::size_t i = 0; i < s.services.size() && i < kMaxServices; ++i) {
    auto& x = s.services[i];
    x.kind = v.text(at("services", i, "kind"), x.kind, 50, true);
    x.provider = v.text(at("services", i, "provider"), x.provider, 100, false);
    x.frequency = v.text(at("services", i, "frequency"), x.frequency, 50, false);
  }
  check_code(v, "living", s.living, living_situations());
  s.living_note = v.text("living_note", s.living_note, 200, false);
  check_count(v, "contacts", s.contacts.size(), kMaxContacts);
  for (std::size_t i = 0; i < s.contacts.size() && i < kMaxContacts; ++i) {
    auto& c = s.contacts[i];
    c.name = v.text(at("contacts", i, "name"), c.name, 50, true);
    c.relation = v.text(at("contacts", i, "relation"), c.relation, 30, false);
    c.phone = v.phone(at("contacts", i, "phone"), c.phone, false);
  }
  check_contact_point(v, "primary_doctor", s.primary_doctor);
  check_contact_point(v, "hospital", s.hospital);
  check_number(v, "insurance.medical_insurer_number", s.insurance.medical_insurer_number);
  check_number(v, "insurance.medical_card_number", s.insurance.medical_card_number);
  check_number(v, "insurance.care_insured_number", s.insurance.care_insured_number);
  check_number(v, "insurance.public_expense_number", s.insurance.public_expense_number);
  s.notes = v.text("notes", s.notes, 2000, false, true);
}

std::vector<std::string> describe_changes(const Summary& before, const Summary& after) {
  std::vector<std::string> out;
  diff_list<Condition>(out, "病名", before.conditions, after.conditions,
                       [](const Condition& c) { return c.name; });
  diff_list<Medication>(out, "服薬", before.medications, after.medications,
                        [](const Medication& m) { return m.name; });
  diff_list<Allergy>(out, "アレルギー", before.allergies, after.allergies,
                     [](const Allergy& a) { return a.substance; });
  diff_list<MedicalDevice>(out, "医療機器", before.devices, after.devices,
                           [](const MedicalDevice& d) { return d.name; });
  diff_list<Vaccination>(out, "予防接種", before.vaccinations, after.vaccinations,
                         [](const Vaccination& x) {
                           return x.date.empty() ? x.vaccine : x.vaccine + "（" + x.date + "）";
                         });
  diff_levels(out, adl_items(), before.adl, after.adl);
  diff_levels(out, iadl_items(), before.iadl, after.iadl);
  diff_code(out, care_levels(), before.care.level, after.care.level);
  if (before.care.valid_from != after.care.valid_from ||
      before.care.valid_to != after.care.valid_to) {
    out.emplace_back("要介護認定の有効期間を変更");
  }
  diff_code(out, disability_independence(), before.disability_independence,
            after.disability_independence);
  diff_code(out, dementia_independence(), before.dementia_independence,
            after.dementia_independence);
  diff_list<ServiceInUse>(out, "利用サービス", before.services, after.services,
                          [](const ServiceInUse& x) {
                            return x.provider.empty() ? x.kind : x.kind + "（" + x.provider + "）";
                          });
  diff_code(out, living_situations(), before.living, after.living);
  if (before.living_note != after.living_note) out.emplace_back("生活状況の備考を変更");
  diff_list<Contact>(out, "連絡先", before.contacts, after.contacts,
                     [](const Contact& c) { return c.name; });
  diff_contact_point(out, "主治医", before.primary_doctor, after.primary_doctor);
  diff_contact_point(out, "病院", before.hospital, after.hospital);
  if (!(before.insurance == after.insurance)) out.emplace_back("保険情報を変更");
  if (before.notes != after.notes) out.emplace_back("特記事項を変更");
  return out;
}

bool is_masked(const std::string& value) {
  return value.starts_with("•");
}

std::string masked(const std::string& number) {
  if (number.empty()) return {};
  const std::size_t keep = number.size() > 4 ? 2 : 0;
  std::string out;
  for (std::size_t i = 0; i + keep < number.size(); ++i) out += "•";
  return out + number.substr(number.size() - keep);
}

Insurance masked(const Insurance& insurance) {
  return {masked(insurance.medical_insurer_number), masked(insurance.medical_card_number),
          masked(insurance.care_insured_number), masked(insurance.public_expense_number)};
}

}  // namespace musubi::person
