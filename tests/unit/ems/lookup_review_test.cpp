// The review reads back what each lookup wrote into the audit log: the reason and the incident
// (typed text, spaces and all) and the rest; the CSV names persons and labels in Japanese, and a
// value a spreadsheet would run is made harmless.
#include "ems/lookup_review.hpp"

#include <gtest/gtest.h>

#include "ems/transport.hpp"

namespace musubi::ems {
namespace {

TEST(EmsLookupReviewTest, TheDetailReadsBackWhateverTheIncidentHolds) {
  for (const std::string incident : {"R8-1207-0042", "R8 1207 0042", "", "incident=x reason=y"}) {
    for (const std::string rest : {"", "matches=3", "transport=7 outcome=搬送"}) {
      auto parsed =
          parse_lookup_detail(lookup_detail({.code = "dispatch", .incident = incident}, rest));
      EXPECT_EQ(parsed.reason, "dispatch") << incident << " / " << rest;
      EXPECT_EQ(parsed.incident, incident) << rest;
      EXPECT_EQ(parsed.rest, rest) << incident;
    }
  }
}

TEST(EmsLookupReviewTest, ADetailWithoutAReasonIsAllRest) {
  auto parsed = parse_lookup_detail("something else");
  EXPECT_EQ(parsed.reason, "");
  EXPECT_EQ(parsed.rest, "something else");
}

TEST(EmsLookupReviewTest, TheCsvHasJapaneseLabelsAndHarmlessValues) {
  LookupRecord r{.at = 1765100000,  // 2025-12-07 09:33:20 UTC
                 .action = "search",
                 .outcome = "success",
                 .crew_login = "yamada.ems",
                 .crew_name = "山田 隆",
                 .fire_facility = "つくば市消防本部",
                 .reason = "desk",
                 .incident = "=HYPERLINK(\"x\")",
                 .detail = "matches=2",
                 .persons = {{PersonId{4}, "川口 トメ"}, {PersonId{9}, "川口 健"}}};
  auto denied = r;
  denied.outcome = "denied";
  denied.action = "view";
  auto csv = lookups_csv({r, denied});
  EXPECT_EQ(
      csv.rfind("\xEF\xBB\xBF日時,操作,結果,隊員,ログインID,所属,理由,事案番号,対象者,詳細\r\n", 0),
      0u);
  EXPECT_NE(
      csv.find("2025-12-07 18:33,検索,成功,山田 隆,yamada.ems,つくば市消防本部,指令台での確認,"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << "not a formula: " << csv;
  EXPECT_NE(csv.find("川口 トメ(4)、川口 健(9),matches=2"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",閲覧,拒否,"), std::string::npos) << csv;
}

TEST(EmsTransportTest, OutcomesAndTheirChecks) {
  Validator v;
  const UnixSeconds now = 1765100000;
  checked_transport({.occurred_at = now, .outcome = "transported"}, now, v);
  ASSERT_EQ(v.errors().size(), 1u) << "a transport needs its hospital";
  EXPECT_EQ(v.errors()[0].field, "hospital_name");
  Validator ok;
  auto in = checked_transport(
      {.occurred_at = now - 3600, .outcome = "transported", .hospital_name = "  筑波病院 "}, now,
      ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(in.hospital_name, "筑波病院");
  Validator late;
  checked_transport({.occurred_at = now - 8 * 86400, .outcome = "treated_on_site"}, now, late);
  checked_transport({.occurred_at = now + 3600, .outcome = "not_transported"}, now, late);
  checked_transport({.occurred_at = now, .outcome = "搬送"}, now, late);
  ASSERT_EQ(late.errors().size(), 3u);
  EXPECT_EQ(late.errors()[0].field, "occurred_at");
  EXPECT_EQ(late.errors()[1].field, "occurred_at");
  EXPECT_EQ(late.errors()[2].field, "outcome");
  EXPECT_EQ(transport_outcome_label(TransportOutcome::treated_on_site), "現場処置");
}

TEST(EmsTransportTest, ThePostSaysWhatHappenedWhereAndWho) {
  Transport t{.fire_facility = "つくば市消防本部",
              .occurred_at = 1765100000,
              .outcome = TransportOutcome::transported,
              .hospital_name = "つくば中央病院",
              .note = "意識清明",
              .incident = "R8-1"};
  EXPECT_EQ(transport_post_body(t),
            "【救急隊からの報告】搬送\n日時: 2025-12-07 18:33\n搬送先: つくば中央病院\n報告: "
            "つくば市消防本部\n事案番号: R8-1\n\n意識清明");
}

}  // namespace
}  // namespace musubi::ems
