// The demo's person records: for the first persons of the demo teams a 患者サマリ, もしものとき and
// a consent, so that a newcomer sees what a kept record looks like — and one person without a
// consent, to see the warning; the first has been taken to hospital once by the fire department
// (its 活動履歴). All of it invented.
#include "cli/demo_records.hpp"

#include "core/clock.hpp"
#include "ems/ems_store.hpp"
#include "person/forms.hpp"
#include "person/record_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

namespace {

constexpr UnixSeconds kDay = 86400;

// The person's family name, for the invented daughter.
std::string family_of(const person::Person& p) {
  const auto& name = p.fields.name;
  return name.substr(0, name.find(' '));
}

person::Summary summary_for(const person::Person& person, int n, const std::string& doctor) {
  person::Summary s;
  if (n % 3 == 0) {
    s.conditions = {{"アルツハイマー型認知症", "2019", "物忘れ外来で診断"},
                    {"2型糖尿病", "2012-06", ""},
                    {"高血圧症", "2008", ""}};
    s.medications = {{"ドネペジル塩酸塩錠 5mg", "1日1回 朝食後", "さくら在宅クリニック"},
                     {"メトホルミン塩酸塩錠 250mg", "1日2回 朝夕食後", "さくら在宅クリニック"},
                     {"アムロジピン錠 5mg", "1日1回 朝食後", "さくら在宅クリニック"}};
    s.allergies = {{"ペニシリン系抗菌薬", "発疹"}};
    s.vaccinations = {{"インフルエンザ", "2026-10-20"}, {"肺炎球菌", "2024-11"}};
    s.care = {"care2", "2026-04-01", "2027-03-31"};
    s.disability_independence = "A2";
    s.dementia_independence = "IIb";
    s.adl = {{"eating", "independent"}, {"transfer", "supervision"}, {"mobility", "supervision"},
             {"toileting", "partial"},  {"bathing", "partial"},      {"dressing", "partial"}};
    s.iadl = {
        {"shopping", "full"}, {"cooking", "full"}, {"medication", "partial"}, {"money", "partial"}};
    s.living = "alone";
    s.living_note = "長女が週2回訪問";
    s.services = {{"訪問介護", "ヘルパーステーションみらい", "週3回"},
                  {"訪問看護", "訪問看護ステーションひまわり", "週1回"},
                  {"通所介護", "デイサービスさくら", "週2回"}};
  } else {
    s.conditions = {{"脳梗塞後遺症（左片麻痺）", "2021-11", ""}, {"心房細動", "2021", ""}};
    s.medications = {{"アピキサバン錠 2.5mg", "1日2回 朝夕食後", "つくば中央病院"}};
    s.devices = {{"在宅酸素療法", "安静時 1L/分、労作時 2L/分"}};
    s.care = {"care3", "2025-10-01", "2026-09-30"};
    s.disability_independence = "B1";
    s.dementia_independence = "I";
    s.adl = {{"eating", "supervision"}, {"transfer", "partial"}, {"mobility", "partial"},
             {"toileting", "partial"},  {"bathing", "full"},     {"dressing", "partial"}};
    s.living = "elderly_only";
    s.living_note = "妻（80代）と二人暮らし";
    s.services = {{"訪問リハビリ", "つくば中央病院", "週2回"},
                  {"福祉用具貸与", "", "車いす・特殊寝台"}};
  }
  s.contacts = {
      {family_of(person) + " 恵子", "長女", "090-0000-1" + std::to_string(100 + n), true, true}};
  s.primary_doctor = {doctor, "さくら在宅クリニック", "029-800-0201"};
  s.hospital = {"つくば中央病院", "内科", "029-800-0101"};
  s.insurance.care_insured_number = "00000" + std::to_string(12340 + n);
  return s;
}

person::AdvanceCarePlan plan_for(const person::Person& person, int n, const std::string& doctor,
                                 UnixSeconds now) {
  const auto& name = person.fields.name;
  const auto daughter = family_of(person) + " 恵子";
  person::AdvanceCarePlan p;
  p.discussed_on = jst_date(now - (40 + n) * kDay);
  p.participants = {{name, "本人"}, {daughter, "長女"}, {doctor, "主治医"}};
  p.wishes = n % 3 == 0 ? "できるだけ家で過ごしたい。苦しいのは嫌だけれど、管につながれてまで長生き"
                          "はしたくない。"
                        : "孫の結婚式までは元気でいたい。その後のことは娘に任せる。";
  p.values = n % 3 == 0 ? "庭の手入れ、猫と過ごす時間" : "家族と食卓を囲むこと";
  p.proxy = {daughter, "長女", "090-0000-1" + std::to_string(100 + n)};
  p.treatments = n % 3 == 0 ? std::map<std::string, std::string>{{"cpr", "declines"},
                                                                 {"ventilator", "declines"},
                                                                 {"tube_feeding", "declines"},
                                                                 {"iv_hydration", "undecided"},
                                                                 {"hospital_transfer", "wants"}}
                            : std::map<std::string, std::string>{{"cpr", "undecided"},
                                                                 {"hospital_transfer", "wants"}};
  p.place_of_care = "home";
  p.place_of_death = n % 3 == 0 ? "home" : "undecided";
  return p;
}

}  // namespace

void seed_person_record(storage::Transaction& tx, const person::Person& person, int n,
                        person::Id doctor, person::Id care_manager, UnixSeconds now) {
  if (n > 2) return;  // a few kept records are enough to see; the rest show what is missing
  const auto doctor_name = tx.users().find(person.region_id, doctor)->name;
  auto s = summary_for(person, n, doctor_name);
  tx.records().add_summary_version(person.id, 0, s, person::describe_changes({}, s), doctor,
                                   now - 20 * kDay);
  if (n == 2) return;  // no もしものとき, no consent: the team shows both as missing
  tx.records().add_acp_entry(person.id, plan_for(person, n, doctor_name, now), care_manager,
                             now - (40 + n) * kDay);
  tx.records().add_consent(person.id,
                           {.consenter = "self",
                            .consenter_name = person.fields.name,
                            .consented_on = jst_date(now - 60 * kDay),
                            .expires_on = n == 1 ? jst_date(now + 20 * kDay) : "",
                            .scope = {.care_team = true, .family = true, .ems = true}},
                           care_manager, now - 60 * kDay);
}

void seed_past_transport(storage::Transaction& tx, const person::Person& person, UserId crew,
                         UnixSeconds now) {
  const auto crew_user = tx.users().find(person.region_id, crew);
  auto hospitals = tx.facilities().list(person.region_id, {.kind = region::FacilityKind::hospital});
  if (!crew_user || hospitals.empty()) return;
  const auto at = now - 12 * kDay - UnixSeconds{5} * 3600;
  tx.ems().add_transport(
      RegionId{person.region_id},
      {.person_id = PersonId{person.id},
       .fire_facility_id = crew_user->facility_id
                               ? std::optional<FacilityId>(FacilityId{*crew_user->facility_id})
                               : std::nullopt,
       .reported_by = crew,
       .occurred_at = at,
       .outcome = ems::TransportOutcome::transported,
       .hospital_id = FacilityId{hospitals.front().id},
       .hospital_name = hospitals.front().name,
       .note = "自宅で転倒、右大腿部痛。意識清明。",
       .incident = "R8-0001",
       .created_at = at + 3600});
}

}  // namespace musubi::cli
