// Who may touch what on a board (board/access.cpp) on a real database: members and outsiders, the
// roles a board takes, who manages members, and that an outsider learns nothing ("not found").
#include "board/access.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../fixture/test_region.hpp"
#include "audit/audit_store.hpp"
#include "board/board_store.hpp"
#include "core/error.hpp"
#include "person/person_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {
namespace {

void expect_not_found(const std::function<void()>& work, const char* message) {
  try {
    work();
    ADD_FAILURE() << "allowed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
    EXPECT_EQ(e.message(), message);
  }
}

class BoardAccessTest : public testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    doctor = add_user("doctor");
    nurse = add_user("nurse");
    contact = add_user("contact");
    outsider = add_user("outsider");
    hospital = FacilityId{add_facility("つくば病院", "hospital")};
    storage->write([&](storage::Transaction& tx) {
      PersonId person{tx.persons().insert(
          region.id, std::nullopt,
          {.name = "山田 花子", .name_kana = "やまだ はなこ", .birth_date = "1940-04-01"},
          clock.now())};
      team = tx.boards().insert(RegionId{region.id}, person, clock.now());
      tx.boards().put_member(team, doctor.user_id, "primary_doctor", true, clock.now());
      tx.boards().put_member(team, nurse.user_id, "visiting_nurse", false, clock.now());
      tx.boards().put_contact(team, contact.user_id, "hospital_liaison", hospital, true,
                              clock.now());
      group = tx.boards().insert_board(
          {.region_id = RegionId{region.id}, .kind = BoardKind::group, .name = "連携会議"},
          doctor.user_id, clock.now());
      tx.boards().put_member(group, doctor.user_id, kGroupMemberRole, true, clock.now());
      talk = tx.boards().insert_board({.region_id = RegionId{region.id}, .kind = BoardKind::direct},
                                      doctor.user_id, clock.now());
      tx.boards().put_member(talk, doctor.user_id, kGroupMemberRole, true, clock.now());
      tx.boards().put_member(talk, nurse.user_id, kGroupMemberRole, false, clock.now());
    });
  }

  Board board(BoardId id) {
    return *storage->read(
        [&](storage::Transaction& tx) { return tx.boards().find(RegionId{region.id}, id); });
  }
  bool may_manage(const access::Actor& actor, BoardId id) {
    auto b = board(id);
    return storage->read(
        [&](storage::Transaction& tx) { return may_manage_members(tx, actor, b); });
  }
  PostId post(NewPost p) {
    p.board_id = team;
    return storage->write(
        [&](storage::Transaction& tx) { return tx.posts().insert(p, clock.now()); });
  }

  access::Actor doctor, nurse, contact, outsider;
  FacilityId hospital;
  BoardId team, group, talk;
};

TEST_F(BoardAccessTest, ACareTeamTakesCareRolesAndOtherBoardsOnlyMembers) {
  const auto care = board(team);
  EXPECT_TRUE(role_fits(care, "primary_doctor"));
  EXPECT_TRUE(role_fits(care, "family"));
  EXPECT_TRUE(role_fits(care, "other"));
  EXPECT_FALSE(role_fits(care, kGroupMemberRole));
  EXPECT_FALSE(role_fits(care, ""));
  EXPECT_FALSE(role_fits(care, "surgeon"));
  for (auto id : {group, talk}) {
    EXPECT_TRUE(role_fits(board(id), kGroupMemberRole));
    EXPECT_FALSE(role_fits(board(id), "primary_doctor"));
  }
}

TEST_F(BoardAccessTest, RegionAndTeamAdministratorsManageMembersButNobodyManagesAConversation) {
  EXPECT_TRUE(may_manage(admin, team)) << "a region administrator, not on the team";
  EXPECT_TRUE(may_manage(doctor, team)) << "the team's administrator";
  EXPECT_FALSE(may_manage(nurse, team));
  EXPECT_FALSE(may_manage(contact, team));
  EXPECT_FALSE(may_manage(outsider, team));
  EXPECT_TRUE(may_manage(admin, group));
  EXPECT_TRUE(may_manage(doctor, group));
  EXPECT_FALSE(may_manage(admin, talk));
  EXPECT_FALSE(may_manage(doctor, talk)) << "even the one who started it";
}

TEST_F(BoardAccessTest, OnlyMembersGetTheirBoardAndOutsidersLearnNothing) {
  storage->read([&](storage::Transaction& tx) {
    auto [b, me] = require_member(tx, nurse, team);
    EXPECT_EQ(b.id, team);
    EXPECT_EQ(b.person_name, "山田 花子");
    EXPECT_EQ(me.user_id, nurse.user_id);
    EXPECT_EQ(me.team_role, "visiting_nurse");
    EXPECT_FALSE(me.is_admin);
  });
  auto elsewhere = nurse;
  elsewhere.region_id = RegionId{region.id + 1};
  for (const auto* actor : {&outsider, &admin, &elsewhere}) {
    expect_not_found(
        [&] { storage->read([&](storage::Transaction& tx) { require_member(tx, *actor, team); }); },
        kNoBoard);
  }
  expect_not_found(
      [&] {
        storage->read([&](storage::Transaction& tx) { require_member(tx, nurse, BoardId{9999}); });
      },
      kNoBoard);
}

TEST_F(BoardAccessTest, APostIsThereOnlyForMembersWhoMaySeeIt) {
  auto open = post({.author_id = nurse.user_id, .body = "訪問しました"});
  auto secret = post({.author_id = doctor.user_id, .body = "内密に", .audience = {doctor.user_id}});
  storage->read([&](storage::Transaction& tx) {
    auto [p, me] = require_visible_post(tx, doctor, secret);
    EXPECT_EQ(p.id, secret);
    EXPECT_EQ(me.user_id, doctor.user_id);
    EXPECT_EQ(require_visible_post(tx, nurse, open).first.body, "訪問しました");
  });
  expect_not_found(
      [&] {
        storage->read([&](storage::Transaction& tx) { require_visible_post(tx, nurse, secret); });
      },
      kNoPost);
  expect_not_found(
      [&] {
        storage->read([&](storage::Transaction& tx) { require_visible_post(tx, outsider, open); });
      },
      kNoPost);
  expect_not_found(
      [&] {
        storage->read([&](storage::Transaction& tx) { require_visible_post(tx, contact, open); });
      },
      kNoPost);
}

TEST_F(BoardAccessTest, AMemberSeesWhatTheStoresWouldShowThem) {
  auto open = post({.author_id = nurse.user_id, .body = "共有"});
  auto secret = post(
      {.author_id = doctor.user_id, .body = "内密に", .audience = {doctor.user_id, nurse.user_id}});
  auto ask = post({.author_id = doctor.user_id,
                   .body = "退院日を教えてください",
                   .request = NewPost::Addressing{.addressees = {{contact.user_id, hospital}}}});
  storage->read([&](storage::Transaction& tx) {
    auto member = [&](const access::Actor& a) { return *tx.boards().member(team, a.user_id); };
    auto as_doctor = [&](PostId id) { return *tx.posts().find_visible(id, doctor.user_id); };
    EXPECT_TRUE(member_sees(tx, as_doctor(open), member(nurse)));
    EXPECT_TRUE(member_sees(tx, as_doctor(secret), member(nurse)));
    EXPECT_FALSE(member_sees(tx, as_doctor(secret), member(contact)));
    EXPECT_FALSE(member_sees(tx, as_doctor(open), member(contact)))
        << "a request-only contact sees only what is addressed to them";
    EXPECT_TRUE(member_sees(tx, as_doctor(ask), member(contact)));
  });
}

TEST_F(BoardAccessTest, EventsAreStampedNowAndActionsAudited) {
  clock.advance(120);
  storage->write([&](storage::Transaction& tx) {
    publish(tx, clock,
            {.board_id = team,
             .kind = "member.changed",
             .actor_id = doctor.user_id,
             .subject_user_id = nurse.user_id,
             .at = 1});
    record(tx, clock, doctor, "care_team.member_add", "care_team", team, "visiting_nurse");
  });
  storage->read([&](storage::Transaction& tx) {
    auto events = tx.events().after(0, std::nullopt, nullptr, 10);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].at, clock.now());
    EXPECT_EQ(events[0].subject_user_id, nurse.user_id);
    auto last = tx.audit().last();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->action, "care_team.member_add");
    EXPECT_EQ(last->target_type, "care_team");
    EXPECT_EQ(last->target_id, std::to_string(team));
    EXPECT_EQ(last->detail, "visiting_nurse");
    EXPECT_EQ(last->actor_login, "doctor");
    EXPECT_EQ(last->at, clock.now());
  });
}

}  // namespace
}  // namespace musubi::board
