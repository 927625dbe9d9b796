#include "fhir/bundle.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <stack>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"

namespace musubi::fhir {

using nlohmann::json;

namespace {

constexpr const char* kProfileBase = "http://jpfhir.jp/fhir/core/StructureDefinition/";
constexpr const char* kNameRepresentation =
    "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
constexpr const char* kPersonIdSystem = "urn:musubi:person";

// A JSON array of one element. Brace initialisers cannot say this reliably: `{x}` is an array for
// one compiler and `x` itself for another (nlohmann's initializer-list rule).
json one(json element) {
  return json::array({std::move(element)});
}

json profile(const char* name) {
  return {{"profile", one(std::string(kProfileBase) + name)}};
}

json coding(const char* system, const char* code) {
  return {{"coding", one({{"system", system}, {"code", code}})}};
}

// A stable urn:uuid for one resource of a record: the same export twice gives the same ids.
std::string resource_urn(const person::Person& p, const std::string& what) {
  auto h = crypto::sha256_hex(fmt::format("musubi:{}:{}:{}", p.region_id, p.id, what));
  return fmt::format("urn:uuid:{}-{}-5{}-a{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(13, 3),
                     h.substr(17, 3), h.substr(20, 12));
}

// Katakana, as JP Core writes readings (ヤマダ タロウ).
std::string katakana(const std::string& kana) {
  std::string out;
  for (std::size_t i = 0; i < kana.size();) {
    auto c = static_cast<unsigned char>(kana[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::string ch = kana.substr(i, n);
    if (n == 3) {
      char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(kana[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(kana[i + 2]) & 0x3F);
      if (cp >= 0x3041 && cp <= 0x3096) {
        cp += 0x60;
        ch = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
              static_cast<char>(0x80 | (cp & 0x3F))};
      }
    }
    out += ch;
    i += n;
  }
  return out;
}

json human_name(const std::string& text, const char* representation) {
  json name = {{"extension", one({{"url", kNameRepresentation}, {"valueCode", representation}})},
               {"use", "official"},
               {"text", text}};
  const std::string trimmed = text::trim(text);
  auto space = trimmed.find(' ');
  auto wide = trimmed.find("\xE3\x80\x80");
  auto cut = std::min(space, wide);
  if (cut != std::string::npos) {
    name["family"] = trimmed.substr(0, cut);
    name["given"] = {text::trim(trimmed.substr(cut + (cut == wide ? 3 : 1)))};
  } else {
    name["family"] = trimmed;
  }
  return name;
}

const char* gender(person::Sex sex) {
  switch (sex) {
    case person::Sex::male:
      return "male";
    case person::Sex::female:
      return "female";
    case person::Sex::other:
      return "other";
    case person::Sex::unknown:
      return "unknown";
  }
  return "unknown";
}

json patient(const person::RecordExport& r) {
  const auto& f = r.person.fields;
  json p = {
      {"resourceType", "Patient"},
      {"meta", profile("JP_Patient")},
      {"identifier", one({{"system", kPersonIdSystem}, {"value", std::to_string(r.person.id)}})},
      {"name", json::array({human_name(f.name, "IDE"), human_name(katakana(f.name_kana), "SYL")})},
      {"gender", gender(f.sex)},
      {"birthDate", f.birth_date}};
  if (!f.phone.empty()) {
    p["telecom"] = one({{"system", "phone"}, {"value", f.phone}, {"use", "home"}});
  }
  if (!f.address.empty() || !f.postal_code.empty()) {
    json a = {{"text", f.address}, {"country", "JP"}};
    if (!f.postal_code.empty()) a["postalCode"] = f.postal_code;
    p["address"] = one(a);
  }
  return p;
}

json entry(const std::string& urn, json resource) {
  return {{"fullUrl", urn}, {"resource", std::move(resource)}};
}

}  // namespace

json to_bundle(const person::RecordExport& r, UnixSeconds generated_at) {
  const auto patient_urn = resource_urn(r.person, "patient");
  const json subject = {{"reference", patient_urn}};
  json entries = json::array();
  entries.push_back(entry(patient_urn, patient(r)));
  for (std::size_t i = 0; i < r.summary.conditions.size(); ++i) {
    const auto& c = r.summary.conditions[i];
    json resource = {
        {"resourceType", "Condition"},
        {"meta", profile("JP_Condition")},
        {"clinicalStatus",
         coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")},
        {"category", one(coding("http://terminology.hl7.org/CodeSystem/condition-category",
                                "problem-list-item"))},
        {"code", {{"text", c.name}}},
        {"subject", subject}};
    if (!c.onset.empty()) resource["onsetDateTime"] = c.onset;
    if (!c.note.empty()) resource["note"] = one({{"text", c.note}});
    entries.push_back(entry(resource_urn(r.person, fmt::format("condition:{}", i)), resource));
  }
  for (std::size_t i = 0; i < r.summary.allergies.size(); ++i) {
    const auto& a = r.summary.allergies[i];
    json resource = {
        {"resourceType", "AllergyIntolerance"},
        {"meta", profile("JP_AllergyIntolerance")},
        {"clinicalStatus",
         coding("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active")},
        {"code", {{"text", a.substance}}},
        {"patient", subject}};
    if (!a.reaction.empty()) {
      resource["reaction"] = one({{"manifestation", one({{"text", a.reaction}})}});
    }
    entries.push_back(entry(resource_urn(r.person, fmt::format("allergy:{}", i)), resource));
  }
  for (std::size_t i = 0; i < r.summary.medications.size(); ++i) {
    const auto& m = r.summary.medications[i];
    json resource = {{"resourceType", "MedicationStatement"},
                     {"meta", profile("JP_MedicationStatement")},
                     {"status", "active"},
                     {"medicationCodeableConcept", {{"text", m.name}}},
                     {"subject", subject}};
    if (!m.dosage.empty()) resource["dosage"] = one({{"text", m.dosage}});
    if (!m.prescriber.empty()) resource["informationSource"] = {{"display", m.prescriber}};
    entries.push_back(entry(resource_urn(r.person, fmt::format("medication:{}", i)), resource));
  }
  for (const auto& c : r.consents) {
    json period = {{"start", c.consented_on}};
    if (!c.expires_on.empty()) period["end"] = c.expires_on;
    const std::string who =
        c.consenter == "proxy" ? fmt::format("{}（{}・代理人）", c.consenter_name, c.proxy_relation)
                               : fmt::format("{}（本人）", c.consenter_name);
    json resource = {
        {"resourceType", "Consent"},
        {"status", c.withdrawn_at ? "inactive" : "active"},
        {"scope", coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy")},
        {"category", one({{"coding", one({{"system", "http://loinc.org"}, {"code", "59284-0"}})},
                          {"text", "情報共有への同意"}})},
        {"patient", subject},
        {"dateTime", c.consented_on},
        {"performer", one({{"display", who}})},
        {"policyRule", {{"text", r.region_name + " 地域医療・介護連携ネットワーク"}}},
        {"provision", {{"type", "permit"}, {"period", period}}}};
    entries.push_back(entry(resource_urn(r.person, fmt::format("consent:{}", c.id)), resource));
  }
  return {{"resourceType", "Bundle"},
          {"type", "collection"},
          {"timestamp", format_iso8601(generated_at)},
          {"entry", entries}};
}

std::size_t depth(const json& root) {
  std::size_t deepest = 0;
  std::stack<std::pair<const json*, std::size_t>> todo;
  todo.push({&root, 1});
  while (!todo.empty()) {
    auto [j, d] = todo.top();
    todo.pop();
    deepest = std::max(deepest, d);
    if (d > kMaxDepth) return d;  // enough to refuse
    if (j->is_structured()) {
      for (const auto& child : *j) todo.push({&child, d + 1});
    }
  }
  return deepest;
}

}  // namespace musubi::fhir
