// Reading a Bundle from another system: every value is checked for its type before it is used,
// and every problem is reported with its place, in Japanese.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/wareki.hpp"
#include "fhir/bundle.hpp"

namespace musubi::fhir {

using nlohmann::json;

namespace {

constexpr const char* kNameRepresentation =
    "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

// A string member, or "" when absent or of another type: json::value() would throw on a number.
std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Reads one resource, reporting under its path.
class At {
 public:
  At(const json& j, std::string path, Validator& problems)
      : j_(j), path_(std::move(path)), problems_(problems) {}

  const json* field(const char* key) const {
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }
  // A string field, or "" (with a problem when present but not a string).
  std::string string(const char* key) const {
    const json* v = field(key);
    if (!v) return {};
    if (!v->is_string()) {
      problem(key, "文字列ではありません");
      return {};
    }
    return v->get<std::string>();
  }
  const json* array(const char* key) const {
    const json* v = field(key);
    if (v && !v->is_array()) {
      problem(key, "配列ではありません");
      return nullptr;
    }
    return v;
  }
  // CodeableConcept.text, else its first coding's display.
  std::string concept_text(const char* key) const;
  void problem(const char* key, const std::string& message) const {
    problems_.add(where(key), message);
  }
  std::string where(const char* key) const { return path_ + "." + key; }
  const std::string& path() const { return path_; }

 private:
  const json& j_;
  std::string path_;
  Validator& problems_;
};

std::string concept_of(const json& v, const std::string& path, Validator& problems) {
  if (!v.is_object()) {
    problems.add(path, "CodeableConcept ではありません");
    return {};
  }
  At c(v, path, problems);
  if (auto text = c.string("text"); !text.empty()) return text;
  if (const json* codings = c.array("coding"); codings && !codings->empty()) {
    return At((*codings)[0], path + ".coding[0]", problems).string("display");
  }
  return {};
}

std::string At::concept_text(const char* key) const {
  const json* v = field(key);
  return v ? concept_of(*v, where(key), problems_) : std::string();
}

std::string representation(const json& name) {
  if (!name.is_object()) return {};
  auto ext = name.find("extension");
  if (ext == name.end() || !ext->is_array()) return {};
  for (const auto& e : *ext) {
    if (e.is_object() && text_of(e, "url") == kNameRepresentation && e.contains("valueCode") &&
        e["valueCode"].is_string()) {
      return e["valueCode"].get<std::string>();
    }
  }
  return {};
}

// HumanName.text, else family and given joined as Japanese names are written.
std::string name_text(const At& name) {
  if (auto text = name.string("text"); !text.empty()) return text;
  std::string out = name.string("family");
  if (const json* given = name.array("given")) {
    for (const auto& g : *given) {
      if (g.is_string()) out += (out.empty() ? "" : " ") + g.get<std::string>();
    }
  }
  return out;
}

void read_patient(const At& p, Imported& out, Validator& problems) {
  const json* names = p.array("name");
  if (!names || names->empty()) p.problem("name", "氏名がありません");
  if (names) {
    for (std::size_t i = 0; i < names->size(); ++i) {
      At name((*names)[i], fmt::format("{}.name[{}]", p.path(), i), problems);
      auto kind = representation((*names)[i]);
      if (kind == "SYL") {
        out.person.name_kana = name_text(name);
      } else if (kind == "IDE" || (kind.empty() && out.person.name.empty())) {
        out.person.name = name_text(name);
      }
    }
    if (out.person.name_kana.empty()) {
      p.problem("name", "ふりがな（iso21090-EN-representation が SYL の名前）がありません");
    }
  }
  auto gender = p.string("gender");
  if (gender == "male" || gender == "female" || gender == "other" || gender == "unknown") {
    out.person.sex = *person::sex_from_code(gender);
  } else if (!gender.empty()) {
    p.problem("gender", "male, female, other, unknown のいずれかではありません");
  }
  out.person.birth_date = p.string("birthDate");
  if (out.person.birth_date.empty()) p.problem("birthDate", "生年月日がありません");
  if (const json* telecom = p.array("telecom")) {
    for (const auto& t : *telecom) {
      if (t.is_object() && text_of(t, "system") == "phone" && t.contains("value") &&
          t["value"].is_string()) {
        out.person.phone = t["value"].get<std::string>();
        break;
      }
    }
  }
  if (const json* addresses = p.array("address"); addresses && !addresses->empty()) {
    At a((*addresses)[0], p.path() + ".address[0]", problems);
    out.person.address = a.string("text");
    out.person.postal_code = a.string("postalCode");
  }
}

// The resource's reference to the patient, checked to be the Bundle's Patient.
void check_subject(const At& r, const char* key, const std::string& patient_urn,
                   const std::string& patient_id) {
  const json* ref = r.field(key);
  std::string target;
  if (ref && ref->is_object() && ref->contains("reference") && (*ref)["reference"].is_string()) {
    target = (*ref)["reference"].get<std::string>();
  }
  const bool ours = (!patient_urn.empty() && target == patient_urn) ||
                    (!patient_id.empty() && target == "Patient/" + patient_id);
  if (!ours) r.problem(key, "このBundleの患者（Patient）を指していません");
}

std::string onset(const At& c) {
  for (const char* key : {"onsetDateTime", "onsetString"}) {
    auto value = c.string(key);
    if (value.empty()) continue;
    // FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD or a full time; the day is what is kept.
    auto parsed = wareki::parse(value.substr(0, 10), true);
    if (!parsed.date) {
      c.problem(key, "発症日を読めません: " + parsed.problem);
      return {};
    }
    return wareki::to_iso(*parsed.date);
  }
  return {};
}

}  // namespace

Imported from_bundle(const json& bundle, Validator& problems) {
  Imported out;
  if (depth(bundle) > kMaxDepth) {
    problems.add("bundle", fmt::format("入れ子が深すぎます（{}段まで）", kMaxDepth));
    return out;
  }
  if (!bundle.is_object() || text_of(bundle, "resourceType") != "Bundle") {
    problems.add("resourceType", "FHIR の Bundle ではありません");
    return out;
  }
  At b(bundle, "bundle", problems);
  const json* entries = b.array("entry");
  if (!entries || entries->empty()) {
    problems.add("entry", "entry がありません");
    return out;
  }
  if (entries->size() > kMaxEntries) {
    problems.add("entry", fmt::format("entry が多すぎます（{}件まで）", kMaxEntries));
    return out;
  }
  // The Patient first: the others must refer to it.
  std::string patient_urn;
  std::string patient_id;
  std::size_t patients = 0;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& e = (*entries)[i];
    const std::string path = fmt::format("entry[{}]", i);
    if (!e.is_object() || !e.contains("resource") || !e["resource"].is_object()) {
      problems.add(path, "resource がありません");
      continue;
    }
    const auto& r = e["resource"];
    if (text_of(r, "resourceType") != "Patient") continue;
    ++patients;
    if (e.contains("fullUrl") && e["fullUrl"].is_string()) {
      patient_urn = e["fullUrl"].get<std::string>();
    }
    if (r.contains("id") && r["id"].is_string()) patient_id = r["id"].get<std::string>();
    read_patient(At(r, path + ".resource", problems), out, problems);
  }
  if (patients != 1) {
    problems.add("entry", patients == 0 ? "Patient がありません"
                                        : "Patient が複数あります（1人ずつ取り込みます）");
    return out;
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& e = (*entries)[i];
    if (!e.is_object() || !e.contains("resource") || !e["resource"].is_object()) continue;
    const auto& r = e["resource"];
    const auto type = text_of(r, "resourceType");
    At at(r, fmt::format("entry[{}].resource", i), problems);
    if (type == "Patient") continue;
    if (type == "Condition") {
      check_subject(at, "subject", patient_urn, patient_id);
      person::Condition c{at.concept_text("code"), onset(at), {}};
      if (c.name.empty()) at.problem("code", "病名がありません");
      if (const json* notes = at.array("note"); notes && !notes->empty()) {
        c.note = At((*notes)[0], at.where("note") + "[0]", problems).string("text");
      }
      out.conditions.push_back(std::move(c));
    } else if (type == "AllergyIntolerance") {
      check_subject(at, "patient", patient_urn, patient_id);
      person::Allergy a{at.concept_text("code"), {}};
      if (a.substance.empty()) at.problem("code", "アレルギーの原因がありません");
      if (const json* reactions = at.array("reaction"); reactions && !reactions->empty()) {
        At reaction((*reactions)[0], at.where("reaction") + "[0]", problems);
        if (const json* m = reaction.array("manifestation"); m && !m->empty()) {
          a.reaction = concept_of((*m)[0], reaction.where("manifestation") + "[0]", problems);
        }
      }
      out.allergies.push_back(std::move(a));
    } else {
      out.skipped.push_back(type.empty() ? "(種類なし)" : type);
    }
  }
  return out;
}

}  // namespace musubi::fhir
