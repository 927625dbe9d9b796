// Poll rules on a real database: answers by the mode's rules, the deadline, anonymity kept in
// storage itself, reminders and fixing a slot (which posts the decision).
#include "poll/poll_service.hpp"

#include <gtest/gtest.h>

#include "../fixture/test_region.hpp"
#include "audit/audit_log.hpp"
#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"
#include "board/group_service.hpp"
#include "core/error.hpp"
#include "poll/poll_store.hpp"
#include "storage/storage.hpp"

namespace musubi::poll {
namespace {

class PollServiceTest : public testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    groups = std::make_unique<board::GroupService>(*storage, clock);
    polls = std::make_unique<PollService>(*storage, clock);
    chair = add_user("chair");
    a = add_user("member.a");
    b = add_user("member.b");
    outsider = add_user("outsider");
    group = groups->create_group(chair, {.name = "連携推進会議"}).board.id;
    for (const auto* m : {&a, &b}) {
      storage->write([&](storage::Transaction& tx) {
        tx.boards().put_member(group, m->user_id, board::kGroupMemberRole, false, clock.now());
      });
    }
  }

  PostId create(Mode mode, bool anonymous = false, std::optional<UnixSeconds> deadline = {}) {
    return polls
        ->create(chair, group, "次回の会議について",
                 {.mode = mode,
                  .options = {"12/10 14:00", "12/11 10:00", "12/12 15:00"},
                  .anonymous = anonymous,
                  .free_text = true,
                  .deadline = deadline})
        .id;
  }
  Id option(PostId post, std::size_t i) { return polls->view(chair, post).poll.options.at(i).id; }

  static void expect_code(ErrorCode code, const std::function<void()>& work) {
    try {
      work();
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
    }
  }

  std::unique_ptr<board::GroupService> groups;
  std::unique_ptr<PollService> polls;
  access::Actor chair, a, b, outsider;
  BoardId group;
};

TEST_F(PollServiceTest, SingleChoiceTakesOneOptionAndCountsWhoHasNotAnswered) {
  auto post = create(Mode::single);
  auto view = polls->view(chair, post);
  EXPECT_EQ(view.expected, 2);
  EXPECT_EQ(view.not_answered.size(), 2u);
  expect_code(ErrorCode::invalid_input, [&] {
    polls->answer(a, post, {{option(post, 0), yes}, {option(post, 1), yes}}, "");
  });
  expect_code(ErrorCode::invalid_input, [&] { polls->answer(a, post, {}, ""); });
  expect_code(ErrorCode::invalid_input, [&] { polls->answer(a, post, {{999999, yes}}, ""); });
  view = polls->answer(a, post, {{option(post, 1), yes}}, "午後なら");
  EXPECT_EQ(view.poll.responders, 1);
  EXPECT_EQ(view.poll.options[1].yes, 1);
  ASSERT_EQ(view.not_answered.size(), 1u);
  EXPECT_EQ(view.not_answered[0].user_id, b.user_id);
  // A named answer can be changed; it replaces the first.
  view = polls->answer(a, post, {{option(post, 2), yes}}, "");
  EXPECT_EQ(view.poll.options[1].yes, 0);
  EXPECT_EQ(view.poll.options[2].yes, 1);
  EXPECT_EQ(view.poll.responders, 1);
  ASSERT_TRUE(view.mine);
  EXPECT_EQ(view.mine->marks.at(option(post, 2)), yes);
  expect_code(ErrorCode::not_found, [&] { polls->view(outsider, post); });
  expect_code(ErrorCode::not_found, [&] {
    polls->answer(outsider, post, {{option(post, 0), yes}}, "");
  });
}

TEST_F(PollServiceTest, PastItsDeadlineAPollRefusesAnswers) {
  auto post = create(Mode::multiple, false, clock.now() + 3600);
  polls->answer(a, post, {{option(post, 0), yes}, {option(post, 2), yes}}, "");
  clock.advance(3600);
  EXPECT_TRUE(polls->view(b, post).closed);
  expect_code(ErrorCode::conflict, [&] { polls->answer(b, post, {{option(post, 0), yes}}, ""); });
  expect_code(ErrorCode::conflict, [&] { polls->answer(a, post, {{option(post, 1), yes}}, ""); });
  EXPECT_EQ(polls->view(chair, post).poll.responders, 1);
  expect_code(ErrorCode::invalid_input, [&] {
    polls->create(
        chair, group, "過去の締め切り",
        {.mode = Mode::single, .options = {"はい", "いいえ"}, .deadline = clock.now() - 1});
  });
}

TEST_F(PollServiceTest, ItsRunnerClosesAPollEarlyOrMovesTheDeadlineWhichReopensIt) {
  auto post = create(Mode::single, false, clock.now() + 3600);
  auto waiting_for_b = [&] {
    return storage
        ->read([&](storage::Transaction& tx) {
          return tx.polls().awaiting(b.user_id, clock.now(), 10);
        })
        .size();
  };
  EXPECT_EQ(waiting_for_b(), 1u);
  polls->answer(a, post, {{option(post, 0), yes}}, "");
  expect_code(ErrorCode::forbidden, [&] { polls->close(a, post); });
  expect_code(ErrorCode::forbidden, [&] { polls->set_deadline(a, post, std::nullopt); });
  expect_code(ErrorCode::not_found, [&] { polls->close(outsider, post); });

  auto view = polls->close(chair, post);
  EXPECT_TRUE(view.closed);
  EXPECT_EQ(view.poll.responders, 1) << "the counts stay";
  expect_code(ErrorCode::conflict, [&] { polls->answer(b, post, {{option(post, 1), yes}}, ""); });
  expect_code(ErrorCode::conflict, [&] { polls->close(chair, post); });
  expect_code(ErrorCode::conflict, [&] { polls->remind(chair, post); });
  EXPECT_EQ(waiting_for_b(), 0u) << "a closed poll waits for nobody";

  clock.advance(60);
  expect_code(ErrorCode::invalid_input, [&] { polls->set_deadline(chair, post, clock.now() - 1); });
  view = polls->set_deadline(chair, post, clock.now() + 86400);
  EXPECT_FALSE(view.closed) << "a later deadline reopens it";
  ASSERT_TRUE(view.poll.deadline);
  EXPECT_EQ(*view.poll.deadline, clock.now() + 86400);
  EXPECT_EQ(waiting_for_b(), 1u);
  polls->answer(b, post, {{option(post, 1), yes}}, "");
  view = polls->set_deadline(chair, post, std::nullopt);
  EXPECT_FALSE(view.poll.deadline);
  clock.advance(86400 * 30);
  EXPECT_FALSE(polls->view(a, post).closed) << "no deadline: open until closed";

  auto log = audit::search(*storage, clock, admin, {.action_prefix = "poll.", .limit = 100});
  auto count = [&](const std::string& action) {
    return std::count_if(log.begin(), log.end(),
                         [&](const audit::Entry& e) { return e.action == action; });
  };
  EXPECT_EQ(count("poll.close"), 1);
  EXPECT_EQ(count("poll.deadline"), 2);
}

TEST_F(PollServiceTest, AFixedScheduleKeepsItsDeadline) {
  auto post = create(Mode::schedule);
  polls->fix(chair, post, option(post, 0));
  expect_code(ErrorCode::conflict, [&] { polls->set_deadline(chair, post, clock.now() + 60); });
  expect_code(ErrorCode::conflict, [&] { polls->close(chair, post); });
}

TEST_F(PollServiceTest, AnonymousBallotsCarryNoUserAndCannotBeChanged) {
  auto post = create(Mode::single, true);
  polls->answer(a, post, {{option(post, 0), yes}}, "賛成です");
  polls->answer(b, post, {{option(post, 1), yes}}, "");
  auto view = polls->view(chair, post);
  EXPECT_EQ(view.poll.responders, 2);
  EXPECT_TRUE(view.poll.answers.empty());
  EXPECT_EQ(view.poll.comments, std::vector<std::string>{"賛成です"});
  EXPECT_FALSE(polls->view(a, post).mine) << "not even one's own answer is linked";
  EXPECT_TRUE(polls->view(a, post).answered_by_me);
  expect_code(ErrorCode::conflict, [&] { polls->answer(a, post, {{option(post, 1), yes}}, ""); });
  // In storage itself: no user and no time on any ballot.
  backends::sqlite::Connection c(db_path, true, "NORMAL");
  auto s = c.prepare(
      "SELECT COUNT(*) FROM poll_ballots WHERE post_id = ?1 AND (user_id IS NOT NULL OR "
      "answered_at IS NOT NULL)");
  s.bind_all(post);
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), 0);
  auto csv = polls->csv(chair, post);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "a BOM, for Excel";
  EXPECT_EQ(csv.find("member.a"), std::string::npos);
  EXPECT_EQ(csv.find("利用"), std::string::npos) << csv;
  EXPECT_NE(csv.find("賛成です"), std::string::npos);
}

TEST_F(PollServiceTest, SchedulingWantsEveryCandidateAndFixingPostsTheDecision) {
  auto post = create(Mode::schedule);
  expect_code(ErrorCode::invalid_input, [&] {
    polls->answer(a, post, {{option(post, 0), yes}}, "");
  });
  polls->answer(a, post, {{option(post, 0), yes}, {option(post, 1), maybe}, {option(post, 2), no}},
                "");
  auto view = polls->answer(
      b, post, {{option(post, 0), yes}, {option(post, 1), yes}, {option(post, 2), no}}, "");
  EXPECT_EQ(view.best, std::vector<Id>{option(post, 0)}) << "two ◯ beat one ◯ and one △";
  expect_code(ErrorCode::forbidden, [&] { polls->fix(a, post, option(post, 0)); });
  view = polls->fix(chair, post, option(post, 0));
  ASSERT_TRUE(view.poll.decision_post_id);
  auto decision = storage->read([&](storage::Transaction& tx) {
    return tx.posts().find_visible(*view.poll.decision_post_id, a.user_id);
  });
  ASSERT_TRUE(decision);
  EXPECT_EQ(decision->board_id, group);
  EXPECT_TRUE(decision->important);
  EXPECT_NE(decision->body.find("12/10 14:00"), std::string::npos) << decision->body;
  expect_code(ErrorCode::conflict, [&] { polls->fix(chair, post, option(post, 1)); });
  expect_code(ErrorCode::conflict, [&] {
    polls->answer(a, post, {{option(post, 0), no}, {option(post, 1), no}, {option(post, 2), no}},
                  "");
  });
}

TEST_F(PollServiceTest, RemindersReachOnlyThoseWhoHaveNotAnsweredOnceAnHour) {
  auto post = create(Mode::single);
  polls->answer(a, post, {{option(post, 0), yes}}, "");
  expect_code(ErrorCode::forbidden, [&] { polls->remind(a, post); });
  EXPECT_EQ(polls->remind(chair, post), 1);
  expect_code(ErrorCode::conflict, [&] { polls->remind(chair, post); });
  clock.advance(3600);
  EXPECT_EQ(polls->remind(chair, post), 1);
  auto waiting = storage->read(
      [&](storage::Transaction& tx) { return tx.polls().awaiting(b.user_id, clock.now(), 10); });
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].post_id, post);
  EXPECT_TRUE(waiting[0].reminded_at);
  EXPECT_TRUE(storage
                  ->read([&](storage::Transaction& tx) {
                    return tx.polls().awaiting(a.user_id, clock.now(), 10);
                  })
                  .empty());
}

TEST_F(PollServiceTest, NoPollsInConversationsAndBadSpecsWriteNothing) {
  auto conversation = groups->start_conversation(a, {b.user_id}).id;
  expect_code(ErrorCode::invalid_input, [&] {
    polls->create(a, conversation, "どちら？", {.mode = Mode::single, .options = {"A", "B"}});
  });
  expect_code(ErrorCode::invalid_input, [&] {
    polls->create(chair, group, "一つだけ", {.mode = Mode::single, .options = {"A", ""}});
  });
  expect_code(ErrorCode::invalid_input, [&] {
    polls->create(chair, group, "同じ", {.mode = Mode::single, .options = {"A", "A"}});
  });
  expect_code(ErrorCode::not_found, [&] {
    polls->create(outsider, group, "外から", {.mode = Mode::single, .options = {"A", "B"}});
  });
  backends::sqlite::Connection c(db_path, true, "NORMAL");
  auto s = c.prepare("SELECT (SELECT COUNT(*) FROM posts), (SELECT COUNT(*) FROM polls)");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), 0);
  EXPECT_EQ(s.int64(1), 0);
}

}  // namespace
}  // namespace musubi::poll
