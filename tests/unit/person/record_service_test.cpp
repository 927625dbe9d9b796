// The person record through its service, on a real database: only the person's care team reads
// or writes it, every access is audited, versions are kept, insurance numbers stay masked until
// revealed, and the region's consent rule holds.
#include "person/record_service.hpp"

#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "board/board_service.hpp"
#include "core/error.hpp"
#include "fixture/test_region.hpp"
#include "person/person_service.hpp"

namespace musubi::person {
namespace {

class RecordServiceTest : public musubi::testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    persons = std::make_unique<PersonService>(*storage, clock);
    board = std::make_unique<board::BoardService>(*storage, clock);
    records = std::make_unique<RecordService>(*storage, clock);
    doctor = add_user("sato.dr");
    nurse = add_user("suzuki.ns");
    outsider = add_user("other.dr");
    person_id = persons
                    ->create(admin, {.name = "山田 太郎",
                                     .name_kana = "やまだ たろう",
                                     .birth_date = "1940-03-02",
                                     .sex = "male"})
                    .id;
    board_id =
        board->create_team(admin, PersonId{person_id}, doctor.user_id, "primary_doctor").board.id;
    board->put_member(doctor, board_id, nurse.user_id, "visiting_nurse", false);
  }

  std::vector<audit::Entry> audited(const std::string& action) {
    return audit::search(*storage, clock, admin, {.action_prefix = action, .limit = 100});
  }

  template <class F>
  void expect_forbidden(F&& call) {
    try {
      call();
      ADD_FAILURE() << "not refused";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::forbidden) << e.message();
    }
  }

  template <class F>
  void expect_code(ErrorCode code, F&& call) {
    try {
      call();
      ADD_FAILURE() << "not refused";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.message();
    }
  }

  std::unique_ptr<PersonService> persons;
  std::unique_ptr<board::BoardService> board;
  std::unique_ptr<RecordService> records;
  access::Actor doctor;
  access::Actor nurse;
  access::Actor outsider;
  Id person_id = 0;
  BoardId board_id;
};

Summary with_condition(const std::string& name) {
  Summary s;
  s.conditions = {{name, "2018", ""}};
  s.insurance.care_insured_number = "0123456789";
  return s;
}

TEST_F(RecordServiceTest, NoOneOffTheTeamReadsOrWritesAnyPartAndEachRefusalIsAudited) {
  records->save_summary(doctor, person_id, 0, with_condition("脳梗塞"));
  auto form = records->create_form(doctor, person_id, "shujii_ikensho");
  for (const access::Actor* who : {&outsider, &admin}) {  // a region administrator is not a member
    expect_forbidden([&] { records->summary(*who, person_id); });
    expect_forbidden([&] { records->summary_history(*who, person_id); });
    expect_forbidden([&] { records->save_summary(*who, person_id, 1, with_condition("x")); });
    expect_forbidden([&] { records->reveal_insurance(*who, person_id); });
    expect_forbidden([&] { records->acp(*who, person_id); });
    expect_forbidden([&] { records->consents(*who, person_id); });
    expect_forbidden([&] { records->forms(*who, person_id); });
    expect_forbidden([&] { records->create_form(*who, person_id, "shujii_ikensho"); });
    expect_forbidden([&] { records->form(*who, form.id); });
    expect_forbidden([&] { records->form_for_print(*who, form.id); });
  }
  // A person who does not exist looks the same as one who is not yours.
  expect_forbidden([&] { records->summary(doctor, person_id + 1000); });
  expect_forbidden([&] { records->form(doctor, form.id + 1000); });

  auto denied = audited("summary.");
  const auto n = std::count_if(denied.begin(), denied.end(),
                               [](const audit::Entry& e) { return e.outcome == "denied"; });
  EXPECT_EQ(n, 2 * 4 + 1);  // read, history, update and reveal by two, and the missing person
  // What they asked for was never written.
  EXPECT_EQ(records->summary(nurse, person_id).current.version, 1);
}

TEST_F(RecordServiceTest, EverySaveIsANewVersionAndAStaleEditIsRefused) {
  auto first = records->save_summary(doctor, person_id, 0, with_condition("脳梗塞"));
  EXPECT_EQ(first.current.version, 1);
  auto second = records->save_summary(nurse, person_id, 1, with_condition("脳梗塞後遺症"));
  EXPECT_EQ(second.current.version, 2);
  // The doctor still had version 1 open.
  expect_code(ErrorCode::conflict,
              [&] { records->save_summary(doctor, person_id, 1, with_condition("心不全")); });

  auto history = records->summary_history(doctor, person_id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].version, 2);
  EXPECT_EQ(history[0].changed_by_name, "利用 suzuki.ns");
  EXPECT_EQ(history[0].changes,
            (std::vector<std::string>{"病名: 「脳梗塞後遺症」を追加", "病名: 「脳梗塞」を削除"}));
  auto old = records->summary(doctor, person_id, 1);
  EXPECT_EQ(old.current.summary.conditions[0].name, "脳梗塞");
  expect_code(ErrorCode::not_found, [&] { records->summary(doctor, person_id, 7); });
  // Saving what is already there is not a version.
  expect_code(ErrorCode::invalid_input,
              [&] { records->save_summary(doctor, person_id, 2, with_condition("脳梗塞後遺症")); });
}

TEST_F(RecordServiceTest, InsuranceNumbersAreMaskedUntilRevealedAndEachRevealIsAudited) {
  records->save_summary(doctor, person_id, 0, with_condition("脳梗塞"));
  auto view = records->summary(nurse, person_id);
  EXPECT_TRUE(view.has_insurance);
  EXPECT_EQ(view.current.summary.insurance.care_insured_number, "••••••••89");
  // An edit that sends the masked number back keeps the real one.
  auto edited = view.current.summary;
  edited.notes = "杖歩行";
  records->save_summary(nurse, person_id, 1, edited);
  EXPECT_EQ(records->reveal_insurance(nurse, person_id).care_insured_number, "0123456789");
  auto reveals = audited("summary.insurance_reveal");
  ASSERT_EQ(reveals.size(), 1u);
  EXPECT_EQ(reveals[0].actor_login, "suzuki.ns");
  EXPECT_EQ(reveals[0].target_id, std::to_string(person_id));
}

TEST_F(RecordServiceTest, EveryAcpConversationIsKept) {
  AdvanceCarePlan plan{.discussed_on = "2026-05-01",
                       .participants = {{"山田 太郎", "本人"}},
                       .treatments = {{"cpr", "undecided"}}};
  records->add_acp(doctor, person_id, plan);
  plan.discussed_on = "2026-10-01";
  plan.treatments = {{"cpr", "declines"}};
  plan.place_of_death = "home";
  records->add_acp(nurse, person_id, plan);
  auto entries = records->acp(doctor, person_id);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].version, 2);
  EXPECT_EQ(entries[0].plan.treatments.at("cpr"), "declines");
  EXPECT_EQ(entries[1].plan.treatments.at("cpr"), "undecided");
  EXPECT_EQ(records->badges(person_id).acp_headline, "心肺蘇生: 希望しない・最期: 自宅");
}

TEST_F(RecordServiceTest, TheRegionsConsentRuleHoldsForFormsAndCoversOnlyItsScope) {
  regions->update_consent_policy(admin, {"forms"});
  auto form = records->create_form(doctor, person_id, "shujii_ikensho");
  expect_forbidden([&] { records->finalize_form(doctor, form.id, form.version); });
  EXPECT_EQ(records->badges(person_id).consent, ConsentState::missing);

  // Consent for the doctor's clinic only: the nurse's station is outside it.
  auto doctor_facility = *doctor.facility_id;
  records->add_consent(nurse, person_id,
                       {.consenter = "self",
                        .consenter_name = "山田 太郎",
                        .consented_on = "2026-01-10",
                        .scope = {.care_team = false, .facility_ids = {doctor_facility}}});
  EXPECT_EQ(records->badges(person_id).consent, ConsentState::valid);
  auto draft = records->form(nurse, form.id);
  expect_forbidden([&] { records->finalize_form(nurse, draft.id, draft.version); });
  auto final_form = records->finalize_form(doctor, draft.id, draft.version);
  EXPECT_EQ(final_form.state, "final");
  expect_code(ErrorCode::conflict, [&] {
    records->save_form(doctor, final_form.id, final_form.version, {{"remarks", "後から"}});
  });
  // Withdrawn: nothing more may be finalised.
  auto second = records->create_form(doctor, person_id, "shinryo_joho_teikyosho");
  auto consents = records->consents(doctor, person_id);
  records->withdraw_consent(doctor, consents.consents.front().id, "本人の申し出");
  EXPECT_EQ(records->badges(person_id).consent, ConsentState::withdrawn);
  expect_forbidden([&] { records->finalize_form(doctor, second.id, second.version); });
}

TEST_F(RecordServiceTest, AFormDraftIsPrefilledEditedAndVersioned) {
  Summary s = with_condition("アルツハイマー型認知症");
  s.dementia_independence = "IIb";
  records->save_summary(doctor, person_id, 0, s);
  auto form = records->create_form(doctor, person_id, "shujii_ikensho");
  EXPECT_EQ(form.state, "draft");
  EXPECT_EQ(form.values["person_name"], "山田 太郎");
  EXPECT_EQ(form.values["diagnosis1"], "アルツハイマー型認知症");
  EXPECT_EQ(form.values["dementia_independence"], "Ⅱb");
  EXPECT_EQ(form.values["doctor_name"], "利用 sato.dr");
  auto values = form.values;
  values["stability"] = "安定";
  auto saved = records->save_form(nurse, form.id, form.version, values);
  EXPECT_EQ(saved.version, form.version + 1);
  EXPECT_EQ(saved.updated_by_name, "利用 suzuki.ns");
  expect_code(ErrorCode::conflict,
              [&] { records->save_form(doctor, form.id, form.version, values); });
  expect_code(ErrorCode::invalid_input, [&] {
    records->save_form(doctor, form.id, saved.version, {{"stability", "たぶん"}});
  });
  expect_code(ErrorCode::invalid_input,
              [&] { records->create_form(doctor, person_id, "no_such_form"); });
  auto list = records->forms(nurse, person_id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].title, "主治医意見書");
}

}  // namespace
}  // namespace musubi::person
