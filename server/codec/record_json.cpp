#include "codec/record_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "core/text.hpp"

namespace musubi::codec {

using nlohmann::json;
using namespace musubi::person;

namespace {

// Arrays longer than this are refused before anything is read from them.
constexpr std::size_t kMaxArray = 200;

// Reads the fields of one JSON object, reporting a wrong type under its path.
class Reader {
 public:
  Reader(const json& j, Validator& problems, std::string path)
      : j_(j), problems_(problems), path_(std::move(path)) {
    if (!j_.is_object() && !j_.is_null()) problems_.add(where(), "オブジェクトで指定してください");
  }

  std::string string(const char* key) {
    const json* v = find(key);
    if (!v) return {};
    if (!v->is_string()) {
      problems_.add(where(key), "文字列で指定してください");
      return {};
    }
    return v->get<std::string>();
  }

  bool boolean(const char* key, bool fallback = false) {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      problems_.add(where(key), "true か false で指定してください");
      return fallback;
    }
    return v->get<bool>();
  }

  std::vector<std::int64_t> ids(const char* key) {
    std::vector<std::int64_t> out;
    for_each(key, [&](const json& item, const std::string& path) {
      if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
        problems_.add(path, "正しいIDではありません");
        return;
      }
      out.push_back(item.get<std::int64_t>());
    });
    return out;
  }

  // A JSON object of string values (code → code, key → text).
  std::map<std::string, std::string> strings(const char* key) {
    std::map<std::string, std::string> out;
    const json* v = find(key);
    if (!v) return out;
    if (!v->is_object() || v->size() > kMaxArray) {
      problems_.add(where(key), "オブジェクトで指定してください");
      return out;
    }
    for (const auto& [k, value] : v->items()) {
      if (!value.is_string()) {
        if (!value.is_null()) {
          problems_.add(where(key) + "." + text::prefix(k, 40), "文字列で指定してください");
        }
        continue;
      }
      out[k] = value.get<std::string>();
    }
    return out;
  }

  template <class T, class F>
  std::vector<T> list(const char* key, F&& read_item) {
    std::vector<T> out;
    for_each(key, [&](const json& item, const std::string& path) {
      Reader r(item, problems_, path);
      out.push_back(read_item(r));
    });
    return out;
  }

  Reader object(const char* key) {
    const json* v = find(key);
    return Reader(v ? *v : null_, problems_, where(key));
  }

 private:
  const json* find(const char* key) const {
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  std::string where(const char* key = nullptr) const {
    if (!key) return path_.empty() ? "body" : path_;
    return path_.empty() ? key : path_ + "." + key;
  }
  template <class F>
  void for_each(const char* key, F&& visit) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_array()) {
      problems_.add(where(key), "配列で指定してください");
      return;
    }
    if (v->size() > kMaxArray) {
      problems_.add(where(key), fmt::format("{}件までにしてください", kMaxArray));
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      visit((*v)[i], fmt::format("{}[{}]", where(key), i));
    }
  }

  static inline const json null_ = nullptr;
  const json& j_;
  Validator& problems_;
  std::string path_;
};

json contact_point_json(const ContactPoint& c) {
  return {{"name", c.name}, {"facility", c.facility}, {"phone", c.phone}};
}

ContactPoint read_contact_point(Reader r) {
  return {r.string("name"), r.string("facility"), r.string("phone")};
}

}  // namespace

json to_json(const Insurance& i) {
  return {{"medical_insurer_number", i.medical_insurer_number},
          {"medical_card_number", i.medical_card_number},
          {"care_insured_number", i.care_insured_number},
          {"public_expense_number", i.public_expense_number}};
}

json to_json(const Summary& s) {
  json conditions = json::array();
  for (const auto& c : s.conditions) {
    conditions.push_back({{"name", c.name}, {"onset", c.onset}, {"note", c.note}});
  }
  json medications = json::array();
  for (const auto& m : s.medications) {
    medications.push_back({{"name", m.name}, {"dosage", m.dosage}, {"prescriber", m.prescriber}});
  }
  json allergies = json::array();
  for (const auto& a : s.allergies) {
    allergies.push_back({{"substance", a.substance}, {"reaction", a.reaction}});
  }
  json devices = json::array();
  for (const auto& d : s.devices) devices.push_back({{"name", d.name}, {"note", d.note}});
  json vaccinations = json::array();
  for (const auto& x : s.vaccinations) {
    vaccinations.push_back({{"vaccine", x.vaccine}, {"date", x.date}});
  }
  json services = json::array();
  for (const auto& x : s.services) {
    services.push_back({{"kind", x.kind}, {"provider", x.provider}, {"frequency", x.frequency}});
  }
  json contacts = json::array();
  for (const auto& c : s.contacts) {
    contacts.push_back({{"name", c.name},
                        {"relation", c.relation},
                        {"phone", c.phone},
                        {"key_person", c.key_person},
                        {"next_of_kin", c.next_of_kin}});
  }
  return {
      {"conditions", conditions},
      {"medications", medications},
      {"allergies", allergies},
      {"devices", devices},
      {"vaccinations", vaccinations},
      {"adl", s.adl},
      {"iadl", s.iadl},
      {"care",
       {{"level", s.care.level}, {"valid_from", s.care.valid_from}, {"valid_to", s.care.valid_to}}},
      {"disability_independence", s.disability_independence},
      {"dementia_independence", s.dementia_independence},
      {"services", services},
      {"living", s.living},
      {"living_note", s.living_note},
      {"contacts", contacts},
      {"primary_doctor", contact_point_json(s.primary_doctor)},
      {"hospital", contact_point_json(s.hospital)},
      {"insurance", to_json(s.insurance)},
      {"notes", s.notes}};
}

Summary summary_from_json(const json& j, Validator& problems) {
  Reader r(j, problems, "");
  Summary s;
  s.conditions = r.list<Condition>("conditions", [](Reader& x) {
    return Condition{x.string("name"), x.string("onset"), x.string("note")};
  });
  s.medications = r.list<Medication>("medications", [](Reader& x) {
    return Medication{x.string("name"), x.string("dosage"), x.string("prescriber")};
  });
  s.allergies = r.list<Allergy>("allergies", [](Reader& x) {
    return Allergy{x.string("substance"), x.string("reaction")};
  });
  s.devices = r.list<MedicalDevice>("devices", [](Reader& x) {
    return MedicalDevice{x.string("name"), x.string("note")};
  });
  s.vaccinations = r.list<Vaccination>("vaccinations", [](Reader& x) {
    return Vaccination{x.string("vaccine"), x.string("date")};
  });
  s.adl = r.strings("adl");
  s.iadl = r.strings("iadl");
  auto care = r.object("care");
  s.care = {care.string("level"), care.string("valid_from"), care.string("valid_to")};
  s.disability_independence = r.string("disability_independence");
  s.dementia_independence = r.string("dementia_independence");
  s.services = r.list<ServiceInUse>("services", [](Reader& x) {
    return ServiceInUse{x.string("kind"), x.string("provider"), x.string("frequency")};
  });
  s.living = r.string("living");
  s.living_note = r.string("living_note");
  s.contacts = r.list<Contact>("contacts", [](Reader& x) {
    return Contact{x.string("name"), x.string("relation"), x.string("phone"),
                   x.boolean("key_person"), x.boolean("next_of_kin")};
  });
  s.primary_doctor = read_contact_point(r.object("primary_doctor"));
  s.hospital = read_contact_point(r.object("hospital"));
  auto ins = r.object("insurance");
  s.insurance = {ins.string("medical_insurer_number"), ins.string("medical_card_number"),
                 ins.string("care_insured_number"), ins.string("public_expense_number")};
  s.notes = r.string("notes");
  return s;
}

json to_json(const AdvanceCarePlan& p) {
  json participants = json::array();
  for (const auto& x : p.participants) participants.push_back({{"name", x.name}, {"role", x.role}});
  return {
      {"discussed_on", p.discussed_on},
      {"participants", participants},
      {"wishes", p.wishes},
      {"values", p.values},
      {"proxy", {{"name", p.proxy.name}, {"relation", p.proxy.relation}, {"phone", p.proxy.phone}}},
      {"treatments", p.treatments},
      {"place_of_care", p.place_of_care},
      {"place_of_care_note", p.place_of_care_note},
      {"place_of_death", p.place_of_death},
      {"place_of_death_note", p.place_of_death_note},
      {"notes", p.notes}};
}

AdvanceCarePlan acp_from_json(const json& j, Validator& problems) {
  Reader r(j, problems, "");
  AdvanceCarePlan p;
  p.discussed_on = r.string("discussed_on");
  p.participants = r.list<AcpParticipant>("participants", [](Reader& x) {
    return AcpParticipant{x.string("name"), x.string("role")};
  });
  p.wishes = r.string("wishes");
  p.values = r.string("values");
  auto proxy = r.object("proxy");
  p.proxy = {proxy.string("name"), proxy.string("relation"), proxy.string("phone")};
  p.treatments = r.strings("treatments");
  p.place_of_care = r.string("place_of_care");
  p.place_of_care_note = r.string("place_of_care_note");
  p.place_of_death = r.string("place_of_death");
  p.place_of_death_note = r.string("place_of_death_note");
  p.notes = r.string("notes");
  return p;
}

json to_json(const ConsentScope& s) {
  return {{"care_team", s.care_team},
          {"facility_ids", s.facility_ids},
          {"profession_ids", s.profession_ids},
          {"family", s.family},
          {"ems", s.ems}};
}

ConsentScope scope_from_json(const json& j, Validator& problems) {
  Reader r(j, problems, "scope");
  ConsentScope s;
  s.care_team = r.boolean("care_team", true);
  s.facility_ids = r.ids("facility_ids");
  s.profession_ids = r.ids("profession_ids");
  s.family = r.boolean("family");
  s.ems = r.boolean("ems");
  return s;
}

json to_json(const FormValues& values) {
  return json(values);
}

FormValues form_values_from_json(const json& j, Validator& problems) {
  json wrapper = {{"values", j}};
  return Reader(wrapper, problems, "").strings("values");
}

json parse_stored(const std::string& text) {
  auto parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) throw std::runtime_error("a stored record is not valid JSON");
  return parsed;
}

void throw_if_damaged(const Validator& problems, const char* what) {
  if (!problems.ok()) {
    throw std::runtime_error(fmt::format("a stored {} does not read: {} {}", what,
                                         problems.errors().front().field,
                                         problems.errors().front().message));
  }
}

}  // namespace musubi::codec
