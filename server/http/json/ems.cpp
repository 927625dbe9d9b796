#include "http/json/ems.hpp"

#include <algorithm>
#include "core/wareki.hpp"

#include "ems/lookup_review.hpp"
#include "ems/transport.hpp"
#include "person/record_codes.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

// 「昭和16年3月2日」 beside the ISO date, as a crew says it.
std::string wareki_of(const std::string& iso) {
  auto parsed = wareki::parse(iso, true);
  return parsed.date ? wareki::format(*parsed.date) : std::string();
}

json person_fields(const person::PersonFields& f, int age) {
  return {{"name", f.name},
          {"name_kana", f.name_kana},
          {"sex", person::sex_code(f.sex)},
          {"birth_date", f.birth_date},
          {"birth_date_wareki", wareki_of(f.birth_date)},
          {"age", age},
          {"address", f.address},
          {"phone", f.phone}};
}

json contact_point(const person::ContactPoint& c) {
  if (c.name.empty() && c.facility.empty() && c.phone.empty()) return nullptr;
  return {{"name", c.name}, {"facility", c.facility}, {"phone", c.phone}};
}

json acp_json(const person::AcpEntry& e) {
  const auto& plan = e.plan;
  json treatments = json::array();
  for (const auto& [code, preference] : plan.treatments) {
    treatments.push_back({{"treatment", code},
                          {"label", person::life_sustaining_treatments().label(code)},
                          {"preference", preference},
                          {"preference_label", person::treatment_preferences().label(preference)}});
  }
  return {{"headline", person::headline(plan)},
          {"discussed_on", plan.discussed_on},
          {"recorded_at", optional_time(e.recorded_at)},
          {"treatments", treatments},
          {"place_of_care", person::places_of_care().label(plan.place_of_care)},
          {"place_of_care_note", plan.place_of_care_note},
          {"place_of_death", person::places_of_care().label(plan.place_of_death)},
          {"wishes", plan.wishes},
          {"proxy", plan.proxy.name.empty() ? json(nullptr)
                                            : json{{"name", plan.proxy.name},
                                                   {"relation", plan.proxy.relation},
                                                   {"phone", plan.proxy.phone}}}};
}

json summary_json(const person::SummaryVersion& v) {
  const auto& s = v.summary;
  json conditions = json::array();
  for (const auto& c : s.conditions) conditions.push_back({{"name", c.name}, {"note", c.note}});
  json allergies = json::array();
  for (const auto& a : s.allergies) {
    allergies.push_back({{"substance", a.substance}, {"reaction", a.reaction}});
  }
  json medications = json::array();
  for (const auto& m : s.medications) {
    medications.push_back({{"name", m.name}, {"dosage", m.dosage}});
  }
  json devices = json::array();
  for (const auto& d : s.devices) devices.push_back({{"name", d.name}, {"note", d.note}});
  json vaccinations = json::array();
  for (const auto& x : s.vaccinations) {
    vaccinations.push_back({{"vaccine", x.vaccine}, {"date", x.date}});
  }
  // Next of kin first: the ones to call.
  json contacts = json::array();
  for (bool kin : {true, false}) {
    for (const auto& c : s.contacts) {
      if (c.next_of_kin != kin) continue;
      contacts.push_back({{"name", c.name},
                          {"relation", c.relation},
                          {"phone", c.phone},
                          {"next_of_kin", c.next_of_kin},
                          {"key_person", c.key_person}});
    }
  }
  return {{"version", v.version},
          {"saved_at", optional_time(v.changed_at)},
          {"living", person::living_situations().label(s.living)},
          {"lives_alone", s.living == "alone"},
          {"care_level", person::care_levels().label(s.care.level)},
          {"disability_independence",
           person::disability_independence().label(s.disability_independence)},
          {"dementia_independence", person::dementia_independence().label(s.dementia_independence)},
          {"conditions", conditions},
          {"allergies", allergies},
          {"medications", medications},
          {"devices", devices},
          {"vaccinations", vaccinations},
          {"primary_doctor", contact_point(s.primary_doctor)},
          {"hospital", contact_point(s.hospital)},
          {"contacts", contacts}};
}

}  // namespace

json to_json(const ems::Transport& t) {
  return {{"id", t.id},
          {"occurred_at", format_iso8601(t.occurred_at)},
          {"outcome", ems::transport_outcome_code(t.outcome)},
          {"outcome_label", ems::transport_outcome_label(t.outcome)},
          {"hospital_id", t.hospital_id ? json(*t.hospital_id) : json(nullptr)},
          {"hospital_name", t.hospital_name},
          {"note", t.note},
          {"incident", t.incident},
          {"fire_facility", t.fire_facility},
          {"post_id", t.post_id ? json(*t.post_id) : json(nullptr)}};
}

json to_json(const ems::LookupRecord& r) {
  json persons = json::array();
  for (const auto& [id, name] : r.persons) persons.push_back({{"id", id}, {"name", name}});
  const auto& reasons = ems::lookup_reasons();
  auto reason = std::find_if(reasons.begin(), reasons.end(),
                             [&](const auto& known) { return known.code == r.reason; });
  return {{"id", r.id},
          {"at", format_iso8601(r.at)},
          {"action", r.action},
          {"outcome", r.outcome},
          {"crew",
           {{"id", r.crew_id},
            {"login", r.crew_login},
            {"name", r.crew_name},
            {"facility", r.fire_facility}}},
          {"reason", r.reason},
          {"reason_label", reason == reasons.end() ? r.reason : std::string(reason->label)},
          {"incident", r.incident},
          {"detail", r.detail},
          {"persons", persons}};
}

json to_json(const ems::TeamActivity& a) {
  json views = json::array();
  for (const auto& v : a.views) {
    views.push_back({{"at", format_iso8601(v.at)}, {"fire_facility", v.fire_facility}});
  }
  json transports = json::array();
  for (const auto& t : a.transports) transports.push_back(to_json(t));
  return {{"views", views}, {"transports", transports}};
}

json to_json(const ems::SearchResult& result) {
  json items = json::array();
  for (const auto& c : result.items) {
    if (!c.consented) {
      items.push_back({{"consented", false}, {"message", "情報提供の同意がありません"}});
      continue;
    }
    auto item = person_fields(c.fields, c.age);
    item["id"] = c.id;
    item["consented"] = true;
    items.push_back(std::move(item));
  }
  return {{"items", items}, {"total", result.total}, {"total_capped", result.total_capped}};
}

json to_json(const ems::EmergencyView& view) {
  auto out = person_fields(view.fields, view.age);
  out["id"] = view.id;
  out["consent_expires_on"] = view.consent_expires_on;
  out["acp"] = view.acp ? acp_json(*view.acp) : json(nullptr);
  out["summary"] = view.summary ? summary_json(*view.summary) : json(nullptr);
  json transports = json::array();
  for (const auto& t : view.transports) transports.push_back(to_json(t));
  out["transports"] = transports;
  auto line = [](const ems::ContactLine& c) {
    return json{{"role", c.role}, {"name", c.name}, {"facility", c.facility}, {"phone", c.phone}};
  };
  out["team_contact"] = view.team_contact ? line(*view.team_contact) : json(nullptr);
  json city = json::array();
  for (const auto& c : view.city_contacts) city.push_back(line(c));
  out["city_contacts"] = city;
  return out;
}

json lookup_reasons_json() {
  json items = json::array();
  for (const auto& r : ems::lookup_reasons()) {
    items.push_back({{"code", r.code}, {"label", r.label}});
  }
  json outcomes = json::array();
  for (const auto& o : ems::transport_outcomes()) {
    outcomes.push_back({{"code", o.code}, {"label", o.label}});
  }
  return {{"items", items}, {"outcomes", outcomes}};
}

}  // namespace musubi::http
