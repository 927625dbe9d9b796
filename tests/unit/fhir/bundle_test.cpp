#include "fhir/bundle.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace musubi::fhir {
namespace {

using nlohmann::json;

person::RecordExport record() {
  person::RecordExport r;
  r.person.id = 12;
  r.person.region_id = 1;
  r.person.fields = {.name = "山田 太郎",
                     .name_kana = "やまだ たろう",
                     .birth_date = "1940-03-02",
                     .sex = person::Sex::male,
                     .postal_code = "305-0817",
                     .address = "茨城県つくば市研究学園1-1",
                     .phone = "029-000-0000"};
  r.summary.conditions = {{"アルツハイマー型認知症", "2018", "物忘れ外来で診断"},
                          {"2型糖尿病", "2015-04", ""}};
  r.summary.allergies = {{"ペニシリン", "発疹"}};
  r.summary.medications = {{"ドネペジル 5mg", "1日1回 朝食後", "さくら在宅クリニック"}};
  person::Consent c;
  c.id = 3;
  c.consenter = "proxy";
  c.consenter_name = "山田 花子";
  c.proxy_relation = "長女";
  c.consented_on = "2026-01-10";
  r.consents = {c};
  r.region_name = "つくば市";
  return r;
}

TEST(FhirBundle, ExportFollowsJpCore) {
  auto b = to_bundle(record(), 1'800'000'000);
  EXPECT_EQ(b["resourceType"], "Bundle");
  EXPECT_EQ(b["type"], "collection");
  std::multiset<std::string> types;
  for (const auto& e : b["entry"]) {
    types.insert(e["resource"]["resourceType"].get<std::string>());
    EXPECT_TRUE(e["fullUrl"].get<std::string>().starts_with("urn:uuid:"));
  }
  EXPECT_EQ(types.count("Patient"), 1u);
  EXPECT_EQ(types.count("Condition"), 2u);
  EXPECT_EQ(types.count("AllergyIntolerance"), 1u);
  EXPECT_EQ(types.count("MedicationStatement"), 1u);
  EXPECT_EQ(types.count("Consent"), 1u);
  const auto& patient = b["entry"][0]["resource"];
  EXPECT_EQ(patient["meta"]["profile"][0],
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient");
  EXPECT_EQ(patient["name"][0]["family"], "山田");
  EXPECT_EQ(patient["name"][0]["given"][0], "太郎");
  EXPECT_EQ(patient["name"][1]["text"], "ヤマダ タロウ");  // readings in katakana
  EXPECT_EQ(patient["name"][1]["extension"][0]["valueCode"], "SYL");
  EXPECT_EQ(patient["birthDate"], "1940-03-02");
  const auto& condition = b["entry"][1]["resource"];
  EXPECT_EQ(condition["subject"]["reference"], b["entry"][0]["fullUrl"]);
  EXPECT_EQ(condition["onsetDateTime"], "2018");
  // The same record exported twice has the same resource ids.
  EXPECT_EQ(to_bundle(record(), 1)["entry"], to_bundle(record(), 2)["entry"]);
}

TEST(FhirBundle, WhatIsExportedReadsBackTheSame) {
  Validator problems;
  auto in = from_bundle(to_bundle(record(), 1'800'000'000), problems);
  ASSERT_TRUE(problems.ok()) << problems.errors().front().field << ": "
                             << problems.errors().front().message;
  EXPECT_EQ(in.person.name, "山田 太郎");
  EXPECT_EQ(in.person.name_kana, "ヤマダ タロウ");
  EXPECT_EQ(in.person.birth_date, "1940-03-02");
  EXPECT_EQ(in.person.sex, person::Sex::male);
  EXPECT_EQ(in.person.address, "茨城県つくば市研究学園1-1");
  EXPECT_EQ(in.person.postal_code, "305-0817");
  EXPECT_EQ(in.person.phone, "029-000-0000");
  EXPECT_EQ(in.conditions, record().summary.conditions);
  EXPECT_EQ(in.allergies, record().summary.allergies);
  EXPECT_EQ(in.skipped, (std::vector<std::string>{"MedicationStatement", "Consent"}));
}

std::set<std::string> problem_fields(const json& bundle) {
  Validator problems;
  from_bundle(bundle, problems);
  std::set<std::string> out;
  for (const auto& e : problems.errors()) out.insert(e.field);
  return out;
}

TEST(FhirBundle, HostileAndMalformedBundlesAreRefusedWithTheirPlace) {
  auto good = to_bundle(record(), 1);
  // Not a Bundle at all.
  EXPECT_EQ(problem_fields(json::array()), (std::set<std::string>{"resourceType"}));
  EXPECT_EQ(problem_fields(json{{"resourceType", "Patient"}}),
            (std::set<std::string>{"resourceType"}));
  // Wrong types where a name, a date or a code should be.
  auto wrong = good;
  wrong["entry"][0]["resource"]["birthDate"] = 19400302;
  wrong["entry"][0]["resource"]["gender"] = "robot";
  wrong["entry"][1]["resource"]["code"] = "糖尿病";
  wrong["entry"][2]["resource"]["code"] = json::object();
  wrong["entry"][1]["resource"]["onsetDateTime"] = "平成31年5月";
  auto fields = problem_fields(wrong);
  EXPECT_TRUE(fields.count("entry[0].resource.birthDate"));
  EXPECT_TRUE(fields.count("entry[0].resource.gender"));
  EXPECT_TRUE(fields.count("entry[1].resource.code"));
  EXPECT_TRUE(fields.count("entry[1].resource.onsetDateTime"));
  EXPECT_TRUE(fields.count("entry[2].resource.code"));
  // A type name, a system or a URL that is not a string is read as absent, never thrown on
  // (the fuzzer found `"resourceType": 1` aborting the reader).
  EXPECT_EQ(problem_fields(json{{"resourceType", 1}}), (std::set<std::string>{"resourceType"}));
  auto numbers = good;
  numbers["entry"][1]["resource"]["resourceType"] = 7;
  numbers["entry"][0]["resource"]["telecom"] = json::array({{{"system", false}, {"value", "1"}}});
  numbers["entry"][0]["resource"]["name"][1]["extension"][0]["url"] = json::array();
  auto number_fields = problem_fields(numbers);
  EXPECT_TRUE(number_fields.count("entry[0].resource.name"));  // the kana name is no longer marked
  numbers = good;
  numbers["entry"][0]["resource"]["resourceType"] = 3.5;
  EXPECT_TRUE(problem_fields(numbers).count("entry"));  // no Patient left
  // A condition about someone else.
  auto other = good;
  other["entry"][1]["resource"]["subject"]["reference"] = "Patient/999";
  EXPECT_TRUE(problem_fields(other).count("entry[1].resource.subject"));
  // Two patients, or none.
  auto two = good;
  two["entry"].push_back(good["entry"][0]);
  EXPECT_TRUE(problem_fields(two).count("entry"));
  auto none = good;
  none["entry"].erase(0);
  EXPECT_TRUE(problem_fields(none).count("entry"));
  // Huge arrays and deep nesting are refused as a whole, before anything is read.
  auto huge = good;
  for (int i = 0; i < 1200; ++i) huge["entry"].push_back(good["entry"][1]);
  EXPECT_EQ(problem_fields(huge), (std::set<std::string>{"entry"}));
  json deep = good;
  json* at = &deep["entry"][0]["resource"];
  for (int i = 0; i < 100000; ++i) {
    (*at)["x"] = json::object();
    at = &(*at)["x"];
  }
  EXPECT_EQ(problem_fields(deep), (std::set<std::string>{"bundle"}));
}

}  // namespace
}  // namespace musubi::fhir
