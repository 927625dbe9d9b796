// 患者サマリ: the key facts every professional around a person needs, edited by the care team.
// Each save is a new version (nothing is overwritten) with who saved it, when, and what changed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace musubi::person {

struct Condition {
  std::string name;   // 病名
  std::string onset;  // 発症: "2019", "2019-04" or "2019-04-01"
  std::string note;

  bool operator==(const Condition&) const = default;
};

struct Medication {
  std::string name;        // 薬剤名
  std::string dosage;      // 用法・用量
  std::string prescriber;  // 処方元（医療機関）

  bool operator==(const Medication&) const = default;
};

struct Allergy {
  std::string substance;  // 薬剤・食物など
  std::string reaction;

  bool operator==(const Allergy&) const = default;
};

// 医療機器・医療処置 in use: what a crew must know before moving the person.
struct MedicalDevice {
  std::string name;  // 人工呼吸器, 在宅酸素 2L/分, 人工透析（月水金）, ペースメーカー …
  std::string note;

  bool operator==(const MedicalDevice&) const = default;
};

struct Vaccination {
  std::string vaccine;  // インフルエンザ, 新型コロナウイルス, 肺炎球菌 …
  std::string date;     // "2026", "2026-10" or "2026-10-15"

  bool operator==(const Vaccination&) const = default;
};

struct Contact {
  std::string name;
  std::string relation;  // 続柄・関係
  std::string phone;
  bool key_person = false;   // キーパーソン
  bool next_of_kin = false;  // 緊急連絡先

  bool operator==(const Contact&) const = default;
};

struct ServiceInUse {
  std::string kind;  // 訪問介護, 通所介護 …
  std::string provider;
  std::string frequency;  // 週2回 …

  bool operator==(const ServiceInUse&) const = default;
};

struct CareCertification {
  std::string level;  // record_codes care_levels; "" when not recorded
  std::string valid_from;
  std::string valid_to;

  bool operator==(const CareCertification&) const = default;
};

struct ContactPoint {
  std::string name;
  std::string facility;  // or department
  std::string phone;

  bool operator==(const ContactPoint&) const = default;
};

// Shown masked; revealed one at a time on request, and every reveal is audited.
struct Insurance {
  std::string medical_insurer_number;  // 保険者番号
  std::string medical_card_number;     // 記号・番号
  std::string care_insured_number;     // 介護保険 被保険者番号
  std::string public_expense_number;   // 公費負担者番号

  bool operator==(const Insurance&) const = default;
};

struct Summary {
  std::vector<Condition> conditions;
  std::vector<Medication> medications;
  std::vector<Allergy> allergies;
  std::vector<MedicalDevice> devices;
  std::vector<Vaccination> vaccinations;
  std::map<std::string, std::string> adl;   // adl_items code → assistance_levels code
  std::map<std::string, std::string> iadl;  // iadl_items code → assistance_levels code
  CareCertification care;
  std::string disability_independence;  // record_codes
  std::string dementia_independence;    // record_codes
  std::vector<ServiceInUse> services;
  std::string living;  // living_situations code
  std::string living_note;
  std::vector<Contact> contacts;
  ContactPoint primary_doctor;  // 主治医
  ContactPoint hospital;        // 病院（かかりつけ・入院先）
  Insurance insurance;
  std::string notes;  // 特記事項

  bool operator==(const Summary&) const = default;
};

struct SummaryVersion {
  std::int64_t version = 0;  // 0: nothing recorded yet
  Summary summary;
  std::vector<std::string> changes;  // what this version changed, in Japanese
  std::int64_t changed_by = 0;
  std::string changed_by_name;
  UnixSeconds changed_at = 0;
};

// Trims and checks every field (lengths, codes, dates typed as 和暦 or 西暦 → ISO), reporting each
// problem with its path ("conditions[2].onset").
void validate(Summary& summary, Validator& v);

// What `after` changed against `before`, one line per change ("病名: 「糖尿病」を追加",
// "要介護度: 要介護1 → 要介護2"). Insurance numbers are never written into it.
std::vector<std::string> describe_changes(const Summary& before, const Summary& after);

// "••••••34": the last two characters of a number, to tell cards apart without reading them.
std::string masked(const std::string& number);
bool is_masked(const std::string& value);
Insurance masked(const Insurance& insurance);

}  // namespace musubi::person
