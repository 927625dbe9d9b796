#include "person/summary.hpp"

#include <gtest/gtest.h>

#include "person/advance_care_plan.hpp"
#include "person/consent.hpp"

namespace musubi::person {
namespace {

Summary sample() {
  Summary s;
  s.conditions = {{"アルツハイマー型認知症", "平成30年", ""}, {"2型糖尿病", "2015-04", ""}};
  s.medications = {{"ドネペジル 5mg", "1日1回 朝食後", "さくら在宅クリニック"}};
  s.allergies = {{"ペニシリン", "発疹"}};
  s.adl = {{"eating", "independent"}, {"bathing", "partial"}};
  s.care = {"care2", "令和8年4月1日", "2027-03-31"};
  s.dementia_independence = "IIb";
  s.living = "alone";
  s.contacts = {{"山田 花子", "長女", "０９０ー１２３４ー５６７８", true, true}};
  s.insurance.care_insured_number = "０１２３４５６７８９";
  return s;
}

TEST(Summary, ValidationNormalisesWhatPeopleType) {
  auto s = sample();
  Validator v;
  validate(s, v);
  ASSERT_TRUE(v.ok()) << v.errors().front().field << ": " << v.errors().front().message;
  EXPECT_EQ(s.conditions[0].onset, "2018");    // 平成30年
  EXPECT_EQ(s.care.valid_from, "2026-04-01");  // 令和8年4月1日
  EXPECT_EQ(s.contacts[0].phone, "090-1234-5678");
  EXPECT_EQ(s.insurance.care_insured_number, "0123456789");
}

TEST(Summary, EveryProblemIsReportedWithItsPath) {
  Summary s;
  s.conditions = {{"", "昭和64年2月", ""}};
  s.adl = {{"eating", "flying"}, {"teleport", "independent"}};
  s.care = {"care9", "2026-04-01", "2025-04-01"};
  s.contacts.resize(21, Contact{"人", "", "", false, false});
  s.insurance.medical_card_number = "12<script>";
  Validator v;
  validate(s, v);
  std::vector<std::string> fields;
  for (const auto& e : v.errors()) fields.push_back(e.field);
  for (const char* expected : {"conditions[0].name", "conditions[0].onset", "adl.eating", "adl",
                               "care.level", "contacts", "insurance.medical_card_number"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
  }
}

TEST(Summary, ChangesAreDescribedInJapaneseWithoutInsuranceNumbers) {
  auto before = sample();
  auto after = sample();
  after.conditions.push_back({"高血圧症", "", ""});
  after.conditions.erase(after.conditions.begin() + 1);
  after.medications[0].dosage = "1日1回 夕食後";
  after.care.level = "care3";
  after.adl["bathing"] = "full";
  after.insurance.care_insured_number = "9999999999";
  auto changes = describe_changes(before, after);
  auto has = [&](const std::string& line) {
    return std::find(changes.begin(), changes.end(), line) != changes.end();
  };
  EXPECT_TRUE(has("病名: 「高血圧症」を追加"));
  EXPECT_TRUE(has("病名: 「2型糖尿病」を削除"));
  EXPECT_TRUE(has("服薬: 「ドネペジル 5mg」を変更"));
  EXPECT_TRUE(has("要介護度: 要介護2 → 要介護3"));
  EXPECT_TRUE(has("ADL（入浴）: 一部介助 → 全介助"));
  EXPECT_TRUE(has("保険情報を変更"));
  for (const auto& c : changes) EXPECT_EQ(c.find("9999"), std::string::npos) << c;
  EXPECT_TRUE(describe_changes(before, before).empty());
}

TEST(Summary, DevicesAndVaccinationsAreCheckedAndDescribed) {
  auto before = sample();
  auto after = sample();
  after.devices = {{" 在宅酸素療法 ", "2L/分"}};
  after.vaccinations = {{"インフルエンザ", "令和8年10月20日"}};
  Validator v;
  validate(after, v);
  ASSERT_TRUE(v.ok()) << v.errors().front().field;
  EXPECT_EQ(after.devices[0].name, "在宅酸素療法");
  EXPECT_EQ(after.vaccinations[0].date, "2026-10-20");
  auto changes = describe_changes(before, after);
  EXPECT_NE(std::find(changes.begin(), changes.end(), "医療機器: 「在宅酸素療法」を追加"),
            changes.end());
  EXPECT_NE(
      std::find(changes.begin(), changes.end(), "予防接種: 「インフルエンザ（2026-10-20）」を追加"),
      changes.end());

  Summary bad;
  bad.devices = {{"", ""}};
  bad.devices.resize(21, MedicalDevice{"機器", ""});
  bad.vaccinations = {{"", "someday"}};
  Validator problems;
  validate(bad, problems);
  std::vector<std::string> fields;
  for (const auto& e : problems.errors()) fields.push_back(e.field);
  for (const char* expected :
       {"devices", "devices[0].name", "vaccinations[0].vaccine", "vaccinations[0].date"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
  }
}

TEST(Summary, NumbersAreMaskedButForTheirLastTwoCharacters) {
  EXPECT_EQ(masked(std::string("0123456789")), "••••••••89");
  EXPECT_EQ(masked(std::string("1234")), "••••");  // too short to show any of it
  EXPECT_EQ(masked(std::string("")), "");
}

TEST(AdvanceCarePlan, NeedsADayParticipantsAndSomethingDiscussed) {
  AdvanceCarePlan p;
  Validator v;
  validate(p, v);
  EXPECT_FALSE(v.ok());
  p.discussed_on = "R8.5.1";
  p.participants = {{"山田 太郎", "本人"}, {"佐藤 一郎", "主治医"}};
  p.treatments = {{"cpr", "declines"}, {"tube_feeding", "undecided"}};
  p.place_of_death = "home";
  p.proxy = {"山田 花子", "長女", ""};
  Validator ok;
  validate(p, ok);
  ASSERT_TRUE(ok.ok()) << ok.errors().front().message;
  EXPECT_EQ(p.discussed_on, "2026-05-01");
  EXPECT_EQ(headline(p), "心肺蘇生: 希望しない・最期: 自宅・代理: 山田 花子（長女）");
}

Consent consent(std::string on, std::string until, bool withdrawn = false) {
  Consent c;
  c.consented_on = std::move(on);
  c.expires_on = std::move(until);
  if (withdrawn) c.withdrawn_at = 1;
  return c;
}

TEST(Consent, StateFollowsTheNewestConsentThatHasBegun) {
  const std::string today = "2026-11-29";
  EXPECT_EQ(consent_status({}, today).state, ConsentState::missing);
  EXPECT_EQ(consent_status({consent("2026-01-01", "")}, today).state, ConsentState::valid);
  EXPECT_EQ(consent_status({consent("2026-01-01", "2027-12-31")}, today).state,
            ConsentState::valid);
  EXPECT_EQ(consent_status({consent("2026-01-01", "2026-12-15")}, today).state,
            ConsentState::expiring);
  EXPECT_EQ(consent_status({consent("2025-01-01", "2026-11-28")}, today).state,
            ConsentState::expired);
  EXPECT_EQ(consent_status({consent("2026-01-01", "", true)}, today).state,
            ConsentState::withdrawn);
  // A renewal supersedes an expired one; one dated in the future does not count yet.
  EXPECT_EQ(
      consent_status({consent("2026-11-01", ""), consent("2025-01-01", "2026-10-31")}, today).state,
      ConsentState::valid);
  EXPECT_EQ(
      consent_status({consent("2026-12-01", ""), consent("2025-01-01", "2026-10-31")}, today).state,
      ConsentState::expired);
}

TEST(Consent, ScopeCoversTheTeamOrOnlyTheNamedFacilitiesAndProfessions) {
  ConsentScope everyone;
  EXPECT_TRUE(covers(everyone, 5, 7));
  ConsentScope some{.care_team = false, .facility_ids = {5}, .profession_ids = {9}};
  EXPECT_TRUE(covers(some, 5, 1));
  EXPECT_TRUE(covers(some, 1, 9));
  EXPECT_FALSE(covers(some, 1, 7));
}

TEST(Consent, InputIsChecked) {
  ConsentInput in{.consenter = "proxy",
                  .consenter_name = "山田 花子",
                  .consented_on = "2026-04-01",
                  .expires_on = "2026-03-31"};
  Validator v;
  validate(in, v);
  std::vector<std::string> fields;
  for (const auto& e : v.errors()) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "proxy_relation"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "expires_on"), fields.end());
}

}  // namespace
}  // namespace musubi::person
