// What a team or the city sends in disaster mode, checked before anything is stored: every
// problem at once, by field; a tap's time is taken from a phone but never before the disaster
// began nor after now; a tap's key is the client's, within its alphabet.
#include "disaster/inputs.hpp"

#include <gtest/gtest.h>

#include <map>

namespace musubi::disaster {
namespace {

std::map<std::string, std::string> problems(const Validator& v) {
  std::map<std::string, std::string> out;
  for (const auto& e : v.errors()) out.emplace(e.field, e.message);
  return out;
}

constexpr UnixSeconds kStart = 1'800'000'000;
constexpr UnixSeconds kNow = kStart + 3600;
const std::string kKey = "abcdefgh-12345678_XYZ";

TEST(DisasterInputsTest, SupportNeedsKeepTheirReasonsOnceAndTheirPlace) {
  Validator v;
  auto needs = checked_support_needs({.reasons = {"ventilator", "bedridden", "ventilator"},
                                      .priority = 1,
                                      .latitude = 36.2135,
                                      .longitude = 140.1041,
                                      .note = "非常用電源あり（2系統）"},
                                     v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(needs.reasons, (std::vector<std::string>{"ventilator", "bedridden"}));
  EXPECT_EQ(needs.priority, 1);
  ASSERT_TRUE(needs.location);
  EXPECT_DOUBLE_EQ(needs.location->latitude, 36.2135);
  EXPECT_EQ(needs.note, "非常用電源あり（2系統）");
}

TEST(DisasterInputsTest, SupportNeedsReportEveryProblemAtOnce) {
  Validator v;
  checked_support_needs({.reasons = {}, .priority = 0, .latitude = 140.1, .longitude = 36.2}, v);
  auto p = problems(v);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_TRUE(p.contains("reasons"));
  EXPECT_TRUE(p.contains("priority"));
  EXPECT_NE(p["latitude"].find("逆"), std::string::npos);

  Validator half;
  checked_support_needs({.reasons = {"other"}, .priority = 2, .longitude = 140.1}, half);
  EXPECT_TRUE(problems(half).contains("latitude"));
  Validator unknown;
  checked_support_needs({.reasons = {"ventilator", "teleport"}, .priority = 2}, unknown);
  EXPECT_TRUE(problems(unknown).contains("reasons"));
  Validator none;
  checked_support_needs({.reasons = {"other"}}, none);
  EXPECT_TRUE(problems(none).contains("priority"));
}

TEST(DisasterInputsTest, LeavingTheRegisterNeedsNothingElse) {
  Validator v;
  checked_support_needs({.registered = false}, v);
  EXPECT_TRUE(v.ok());
}

TEST(DisasterInputsTest, JapanIsRoughlyWhereItIs) {
  EXPECT_TRUE(in_japan({.latitude = 36.08, .longitude = 140.11}));  // つくば
  EXPECT_TRUE(in_japan({.latitude = 24.34, .longitude = 124.16}));  // 石垣
  EXPECT_TRUE(in_japan({.latitude = 45.52, .longitude = 141.94}));  // 稚内
  EXPECT_FALSE(in_japan({.latitude = 0, .longitude = 0}));
  EXPECT_FALSE(in_japan({.latitude = 140.11, .longitude = 36.08}));  // swapped
  EXPECT_FALSE(in_japan({.latitude = 39.90, .longitude = 116.40}));  // not Japan
}

TEST(DisasterInputsTest, OpeningNeedsANameAndAKindAndTakesEachAreaOnce) {
  Validator v;
  auto in = checked_open(
      {.name = "  大雨 ", .kind = "flood", .area_ids = {AreaId{3}, AreaId{1}, AreaId{3}}}, v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(in.name, "大雨");
  EXPECT_EQ(in.area_ids, (std::vector<AreaId>{AreaId{1}, AreaId{3}}));
  Validator bad;
  checked_open({.name = "", .kind = "meteor"}, bad);
  EXPECT_EQ(problems(bad).size(), 2u);
}

TEST(DisasterInputsTest, ATapIsTakenAsNowUnlessItSaysWhen) {
  Validator v;
  auto r = checked_status({.person_id = PersonId{7}, .status = "safe", .client_key = kKey}, kStart,
                          kNow, v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(r.status, Status::safe);
  EXPECT_EQ(r.observed_at, kNow);
  EXPECT_EQ(r.received_at, kNow);
  EXPECT_EQ(r.person_id, PersonId{7});
  EXPECT_FALSE(r.queued);
}

TEST(DisasterInputsTest, ATapsTimeIsClampedToTheDisasterAndNow) {
  auto at = [](const std::string& when) {
    Validator v;
    auto r = checked_status(
        {.person_id = PersonId{1}, .status = "safe", .client_key = kKey, .observed_at = when},
        kStart, kNow, v);
    EXPECT_TRUE(v.ok()) << when;
    EXPECT_TRUE(r.queued);
    return r.observed_at;
  };
  // kStart is 2027-01-15T08:00:00Z.
  EXPECT_EQ(at("2027-01-15T17:30:00+09:00"), kStart + 1800);
  EXPECT_EQ(at("2027-01-15T08:30:00Z"), kStart + 1800);
  EXPECT_EQ(at("2027-01-15T08:30:00.987Z"), kStart + 1800);  // JavaScript's toISOString()
  EXPECT_EQ(at("2027-01-14T00:00:00+09:00"), kStart);        // before the disaster
  EXPECT_EQ(at("2030-01-01T00:00:00+09:00"), kNow);          // a phone's clock ahead
  Validator v;
  checked_status({.person_id = PersonId{1},
                  .status = "safe",
                  .client_key = kKey,
                  .observed_at = "2027-01-15 17:30"},
                 kStart, kNow, v);
  EXPECT_TRUE(problems(v).contains("observed_at"));
  for (const char* bad : {"2027-01-15T08:30:00.Z", "2027-01-15T08:30:00.5", "2027-01-15T08:30Z"}) {
    Validator f;
    checked_status(
        {.person_id = PersonId{1}, .status = "safe", .client_key = kKey, .observed_at = bad},
        kStart, kNow, f);
    EXPECT_TRUE(problems(f).contains("observed_at")) << bad;
  }
}

TEST(DisasterInputsTest, ANoteIsNeededForSpecialNotesOnly) {
  Validator v;
  checked_status({.person_id = PersonId{1}, .status = "noted", .client_key = kKey}, kStart, kNow,
                 v);
  EXPECT_TRUE(problems(v).contains("note"));
  Validator ok;
  auto r = checked_status(
      {.person_id = PersonId{1}, .status = "noted", .note = "避難所へ避難", .client_key = kKey},
      kStart, kNow, ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(r.status, Status::noted);
  Validator unknown;
  checked_status({.person_id = PersonId{1}, .status = "missing", .client_key = kKey}, kStart, kNow,
                 unknown);
  EXPECT_TRUE(problems(unknown).contains("status"));
}

TEST(DisasterInputsTest, AClientKeyIsSixteenToSixtyFourSafeCharacters) {
  auto bad = [](const std::string& key) {
    Validator v;
    checked_status({.person_id = PersonId{1}, .status = "safe", .client_key = key}, kStart, kNow,
                   v);
    return problems(v).contains("client_key");
  };
  EXPECT_FALSE(bad(kKey));
  EXPECT_FALSE(bad(std::string(64, 'a')));
  EXPECT_TRUE(bad(std::string(15, 'a')));
  EXPECT_TRUE(bad(std::string(65, 'a')));
  EXPECT_TRUE(bad("abcdefgh 12345678"));
  EXPECT_TRUE(bad("abcdefgh/12345678"));
  EXPECT_TRUE(bad(""));
}

TEST(DisasterCodesTest, CodesAndLabelsGoBothWays) {
  for (const auto& s : statuses()) {
    auto status = status_from_code(s.code);
    ASSERT_TRUE(status);
    EXPECT_EQ(status_code(*status), s.code);
  }
  EXPECT_FALSE(status_from_code("SAFE"));
  EXPECT_TRUE(is_label(""));
  EXPECT_TRUE(is_label("yellow"));
  EXPECT_FALSE(is_label("green"));
  EXPECT_TRUE(needs_power("ventilator"));
  EXPECT_TRUE(needs_power("home_oxygen"));
  EXPECT_FALSE(needs_power("dialysis"));
  EXPECT_EQ(kind_label("typhoon"), "台風");
  EXPECT_EQ(priority_label(1), "最優先");
}

}  // namespace
}  // namespace musubi::disaster
