// The person record in storage: summary versions and ACP entries are added, never overwritten;
// two editors who started from the same version do not both win; consents are withdrawn once and
// keep their signed paper; a form's draft changes until it is made final, then never.
#include <string>
#include <vector>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "files/blob_store.hpp"
#include "person/person_store.hpp"
#include "person/record_store.hpp"

namespace musubi::storetest {
namespace {

using person::Id;

person::Summary summary_with(const std::string& condition) {
  person::Summary s;
  s.conditions = {{.name = condition, .onset = "2019-04", .note = "「安定」; DROP TABLE x;--"}};
  s.medications = {{.name = "アムロジピン", .dosage = "1日1回 朝", .prescriber = "つくば診療所"}};
  s.allergies = {{.substance = "ペニシリン", .reaction = "発疹"}};
  s.adl = {{"eating", "independent"}, {"bathing", "partial"}};
  s.care = {.level = "care2", .valid_from = "2026-04-01", .valid_to = "2027-03-31"};
  s.contacts = {{.name = "山田 一郎",
                 .relation = "長男",
                 .phone = "090-0000-0000",
                 .key_person = true,
                 .next_of_kin = true}};
  s.primary_doctor = {.name = "佐藤 医師", .facility = "つくば診療所", .phone = "029-000-0000"};
  s.insurance = {.medical_insurer_number = "39080012", .care_insured_number = "0001234567"};
  s.notes = "O'Brien \"note\" \\ 100%";
  return s;
}

class RecordStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      team = care_team(tx, "やまだ", {doctor, nurse});
      person = tx.boards().find(region_a, team)->person_id;
      other_person = PersonId{tx.persons().insert(
          region_a, std::nullopt,
          {.name = "他人", .name_kana = "たにん", .birth_date = "1950-01-01"}, 1)};
    });
  }

  bool save_summary(Id who, std::int64_t expected, const person::Summary& s, UnixSeconds at,
                    std::vector<std::string> changes = {}) {
    return store->write([&](storage::Transaction& tx) {
      return tx.records().add_summary_version(who, expected, s, changes, doctor, at);
    });
  }
  std::optional<person::SummaryVersion> summary(Id who,
                                                std::optional<std::int64_t> v = std::nullopt) {
    return store->read([&](storage::Transaction& tx) { return tx.records().summary(who, v); });
  }
  AttachmentId upload(UserId by) {
    return store->write([&](storage::Transaction& tx) {
      auto blob = tx.blobs().create(1);
      tx.blobs().append(blob, 0, "%PDF");
      tx.blobs().complete(blob, 4, "sha");
      return tx.attachments().insert({.board_id = team,
                                      .uploader_id = by,
                                      .file_name = "同意書（署名済み）.pdf",
                                      .media_type = "application/pdf",
                                      .kind = "pdf",
                                      .size = 4,
                                      .blob_id = blob},
                                     10);
    });
  }
  Id add_consent(Id who, std::optional<Id> document = std::nullopt, UnixSeconds at = 100) {
    person::ConsentInput in{.consenter = "proxy",
                            .consenter_name = "山田 一郎",
                            .proxy_relation = "長男",
                            .consented_on = "2026-04-01",
                            .expires_on = "2027-03-31",
                            .scope = {.care_team = false,
                                      .facility_ids = {3, 5},
                                      .profession_ids = {7},
                                      .family = true,
                                      .ems = true},
                            .document_attachment_id = document,
                            .note = "電話で確認 'x'"};
    return store->write(
        [&](storage::Transaction& tx) { return tx.records().add_consent(who, in, nurse, at); });
  }

  UserId doctor, nurse;
  BoardId team;
  PersonId person, other_person;
};

TEST_P(RecordStoreTest, ASummaryVersionComesBackFieldForField) {
  EXPECT_FALSE(summary(person));
  auto s = summary_with("高血圧症");
  ASSERT_TRUE(save_summary(person, 0, s, 200, {"病名: 「高血圧症」を追加", "メモ"}));
  auto v = summary(person);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->version, 1);
  EXPECT_EQ(v->summary, s);
  EXPECT_EQ(v->changes, (std::vector<std::string>{"病名: 「高血圧症」を追加", "メモ"}));
  EXPECT_EQ(v->changed_by, doctor);
  EXPECT_EQ(v->changed_by_name, "doctor");
  EXPECT_EQ(v->changed_at, 200);
  EXPECT_FALSE(summary(other_person)) << "each person's record is their own";
}

TEST_P(RecordStoreTest, OnlyTheEditorWhoStartedFromTheLatestVersionSaves) {
  ASSERT_TRUE(save_summary(person, 0, summary_with("v1"), 200));
  EXPECT_FALSE(save_summary(person, 0, summary_with("late"), 201)) << "started from nothing";
  ASSERT_TRUE(save_summary(person, 1, summary_with("v2"), 202));
  EXPECT_FALSE(save_summary(person, 1, summary_with("stale"), 203));
  EXPECT_FALSE(save_summary(person, 5, summary_with("ahead"), 204));
  EXPECT_EQ(summary(person)->version, 2);
  EXPECT_EQ(summary(person)->summary.conditions[0].name, "v2");
  EXPECT_EQ(summary(person, 1)->summary.conditions[0].name, "v1") << "earlier versions stay";
  EXPECT_FALSE(summary(person, 3));
  EXPECT_TRUE(save_summary(other_person, 0, summary_with("他人"), 205))
      << "versions are counted per person";
}

TEST_P(RecordStoreTest, HistoryIsNewestFirstWithoutTheSummaries) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(save_summary(person, i, summary_with("v" + std::to_string(i + 1)), 200 + i,
                             {"change " + std::to_string(i + 1)}));
  }
  auto history = store->read(
      [&](storage::Transaction& tx) { return tx.records().summary_history(person, 3); });
  ASSERT_EQ(history.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(history[i].version, 5 - i);
    EXPECT_EQ(history[i].changed_at, 204 - i);
    EXPECT_EQ(history[i].changes, std::vector<std::string>{"change " + std::to_string(5 - i)});
    EXPECT_EQ(history[i].summary, person::Summary{});
  }
  EXPECT_TRUE(store
                  ->read([&](storage::Transaction& tx) {
                    return tx.records().summary_history(other_person, 10);
                  })
                  .empty());
}

TEST_P(RecordStoreTest, AcpEntriesAreNumberedPerPersonAndListedNewestFirst) {
  person::AdvanceCarePlan plan{
      .discussed_on = "2026-05-25",
      .participants = {{.name = "本人", .role = "本人"}, {.name = "佐藤", .role = "主治医"}},
      .wishes = "最期は自宅で「家族と」過ごしたい",
      .values = "孫の顔を見ること",
      .proxy = {.name = "山田 一郎", .relation = "長男", .phone = "090"},
      .treatments = {{"cpr", "decline"}, {"tube_feeding", "undecided"}},
      .place_of_care = "home",
      .place_of_death = "home",
      .notes = "'; --"};
  store->write([&](storage::Transaction& tx) {
    EXPECT_EQ(tx.records().add_acp_entry(person, plan, doctor, 300), 1);
    EXPECT_EQ(tx.records().add_acp_entry(other_person, plan, doctor, 301), 1);
    auto second = plan;
    second.wishes = "考えが変わった";
    EXPECT_EQ(tx.records().add_acp_entry(person, second, nurse, 302), 2);
  });
  auto entries =
      store->read([&](storage::Transaction& tx) { return tx.records().acp_entries(person); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].version, 2);
  EXPECT_EQ(entries[0].plan.wishes, "考えが変わった");
  EXPECT_EQ(entries[0].recorded_by, nurse);
  EXPECT_EQ(entries[0].recorded_by_name, "nurse");
  EXPECT_EQ(entries[0].recorded_at, 302);
  EXPECT_EQ(entries[1].version, 1);
  EXPECT_EQ(entries[1].plan, plan);
}

TEST_P(RecordStoreTest, AConsentComesBackWithItsScopeAndIsWithdrawnOnce) {
  auto first = add_consent(person, std::nullopt, 100);
  auto second = add_consent(person, std::nullopt, 110);
  add_consent(other_person);
  auto c = store->read([&](storage::Transaction& tx) { return tx.records().consent(first); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->person_id, person);
  EXPECT_EQ(c->consenter, "proxy");
  EXPECT_EQ(c->consenter_name, "山田 一郎");
  EXPECT_EQ(c->proxy_relation, "長男");
  EXPECT_EQ(c->consented_on, "2026-04-01");
  EXPECT_EQ(c->expires_on, "2027-03-31");
  EXPECT_EQ(c->scope, (person::ConsentScope{.care_team = false,
                                            .facility_ids = {3, 5},
                                            .profession_ids = {7},
                                            .family = true,
                                            .ems = true}));
  EXPECT_FALSE(c->document_attachment_id);
  EXPECT_EQ(c->document_name, "");
  EXPECT_EQ(c->note, "電話で確認 'x'");
  EXPECT_EQ(c->recorded_by, nurse);
  EXPECT_EQ(c->recorded_by_name, "nurse");
  EXPECT_EQ(c->recorded_at, 100);
  EXPECT_FALSE(c->withdrawn_at);
  store->write([&](storage::Transaction& tx) {
    EXPECT_TRUE(tx.records().withdraw_consent(first, doctor, "本人の意思により", 150));
    EXPECT_FALSE(tx.records().withdraw_consent(first, nurse, "二度目", 160));
  });
  auto all = store->read([&](storage::Transaction& tx) { return tx.records().consents(person); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second);
  EXPECT_EQ(all[1].id, first);
  EXPECT_EQ(all[1].withdrawn_at, 150);
  EXPECT_EQ(all[1].withdrawn_by_name, "doctor");
  EXPECT_EQ(all[1].withdrawn_reason, "本人の意思により");
  EXPECT_FALSE(all[0].withdrawn_at);
}

TEST_P(RecordStoreTest, TheSignedPaperIsClaimedOnceByItsUploaderOnTheTeam) {
  auto paper = upload(nurse);
  auto consent = add_consent(person, paper);
  auto other_team = store->write([&](storage::Transaction& tx) {
    return care_team(tx, "べつ", {doctor, nurse});
  });
  store->write([&](storage::Transaction& tx) {
    EXPECT_FALSE(tx.records().claim_consent_document(paper, team, doctor, consent))
        << "not the doctor's upload";
    EXPECT_FALSE(tx.records().claim_consent_document(paper, other_team, nurse, consent))
        << "not that team's";
    EXPECT_TRUE(tx.records().claim_consent_document(paper, team, nurse, consent));
    EXPECT_FALSE(tx.records().claim_consent_document(paper, team, nurse, consent))
        << "already a consent's";
  });
  auto c = store->read([&](storage::Transaction& tx) { return tx.records().consent(consent); });
  EXPECT_EQ(c->document_attachment_id, paper);
  EXPECT_EQ(c->document_name, "同意書（署名済み）.pdf");
}

TEST_P(RecordStoreTest, APostedFileCannotBecomeASignedPaper) {
  auto file = upload(nurse);
  auto consent = add_consent(person);
  store->write([&](storage::Transaction& tx) {
    auto post = tx.posts().insert({.board_id = team, .author_id = nurse, .body = "添付"}, 20);
    ASSERT_EQ(tx.attachments().attach({file}, team, nurse, post), 1);
    EXPECT_FALSE(tx.records().claim_consent_document(file, team, nurse, consent));
  });
}

TEST_P(RecordStoreTest, AFormDraftChangesWithItsVersionUntilItIsFinal) {
  person::Form f{.person_id = person,
                 .template_code = "home_nursing_instruction",
                 .values = {{"diagnosis", "高血圧症\n糖尿病"}, {"note", "'; DROP TABLE forms;--"}},
                 .created_by = doctor,
                 .created_at = 400};
  auto id = store->write([&](storage::Transaction& tx) { return tx.records().add_form(f); });
  auto form = [&] {
    return *store->read([&](storage::Transaction& tx) { return tx.records().form(id); });
  };
  auto got = form();
  EXPECT_EQ(got.person_id, person);
  EXPECT_EQ(got.template_code, "home_nursing_instruction");
  EXPECT_EQ(got.state, "draft");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.values, f.values);
  EXPECT_EQ(got.created_by_name, "doctor");
  EXPECT_EQ(got.updated_by, doctor);
  EXPECT_EQ(got.updated_at, 400);
  EXPECT_FALSE(got.finalized_at);
  person::FormValues edited{{"diagnosis", "心不全"}};
  store->write([&](storage::Transaction& tx) {
    EXPECT_TRUE(tx.records().update_form(id, 1, edited, nurse, 410));
    EXPECT_FALSE(tx.records().update_form(id, 1, {{"diagnosis", "stale"}}, doctor, 411));
  });
  got = form();
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.values, edited);
  EXPECT_EQ(got.updated_by_name, "nurse");
  EXPECT_EQ(got.updated_at, 410);
  store->write([&](storage::Transaction& tx) {
    EXPECT_FALSE(tx.records().finalize_form(id, 1, doctor, 420)) << "stale version";
    EXPECT_TRUE(tx.records().finalize_form(id, 2, doctor, 420));
    EXPECT_FALSE(tx.records().finalize_form(id, 3, doctor, 421)) << "final already";
    EXPECT_FALSE(tx.records().update_form(id, 3, {{"diagnosis", "after"}}, doctor, 422));
  });
  got = form();
  EXPECT_EQ(got.state, "final");
  EXPECT_EQ(got.version, 3);
  EXPECT_EQ(got.values, edited);
  EXPECT_EQ(got.finalized_at, 420);
  EXPECT_EQ(got.finalized_by_name, "doctor");
}

TEST_P(RecordStoreTest, APersonsFormsAreListedNewestFirstWithoutValues) {
  std::vector<Id> ids;
  store->write([&](storage::Transaction& tx) {
    for (int i = 0; i < 3; ++i) {
      ids.push_back(tx.records().add_form({.person_id = person,
                                           .template_code = "t" + std::to_string(i),
                                           .values = {{"k", "v"}},
                                           .created_by = doctor,
                                           .created_at = 400 + i}));
    }
    tx.records().add_form({.person_id = other_person,
                           .template_code = "other",
                           .created_by = doctor,
                           .created_at = 500});
  });
  auto forms = store->read([&](storage::Transaction& tx) { return tx.records().forms_of(person); });
  ASSERT_EQ(forms.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(forms[i].id, ids[2 - i]);
    EXPECT_TRUE(forms[i].values.empty());
  }
  EXPECT_FALSE(
      store->read([&](storage::Transaction& tx) { return tx.records().form(ids[2] + 10); }));
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
