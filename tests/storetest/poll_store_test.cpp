// Polls in storage: options come back in the order written with their tallies, a named answer
// replaces the earlier one, an anonymous one keeps no trace of who gave it, and a member's inbox
// shows the open polls they can see and have not answered.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "poll/poll_store.hpp"

namespace musubi::storetest {
namespace {

using poll::Id;
using poll::Mark;

class PollStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      // Kana that sorts them: あ (author) < い (nurse) < う (pharmacist).
      author = named(tx, "author", "あべ");
      nurse = named(tx, "nurse", "いとう");
      pharmacist = named(tx, "pharmacist", "うえだ");
      outsider = named(tx, "outsider", "えんどう");
      team = care_team(tx, "ひと", {author, nurse, pharmacist});
      care_team(tx, "べつ", {outsider});
    });
  }

  UserId named(storage::Transaction& tx, const std::string& login, const std::string& kana) {
    region::UserPatch u{.name = login, .name_kana = kana, .roles = {access::Role::professional}};
    return UserId{tx.users().insert(region_a, login, u, "h", false, 1)};
  }
  PostId poll_post(poll::PollSpec spec, UnixSeconds at = 100, std::vector<UserId> audience = {}) {
    return store->write([&](storage::Transaction& tx) {
      auto post = tx.posts().insert(
          {.board_id = team, .author_id = author, .body = "アンケート", .audience = audience}, at);
      tx.polls().insert(post, spec);
      return post;
    });
  }
  poll::Poll find(PostId post) {
    auto p = store->read([&](storage::Transaction& tx) { return tx.polls().find(post); });
    EXPECT_TRUE(p);
    return p.value_or(poll::Poll{});
  }
  void answer(PostId post, UserId user, const std::map<Id, int>& marks,
              const std::string& comment = "", bool anonymous = false, UnixSeconds at = 200) {
    store->write([&](storage::Transaction& tx) {
      tx.polls().answer(post, user, anonymous, marks, comment, at);
    });
  }
  std::vector<PostId> awaiting(UserId user, UnixSeconds now, std::int64_t limit = 100) {
    std::vector<PostId> out;
    for (const auto& w : store->read(
             [&](storage::Transaction& tx) { return tx.polls().awaiting(user, now, limit); })) {
      out.push_back(w.post_id);
    }
    return out;
  }
  std::int64_t awaiting_count(UserId user, UnixSeconds now) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.polls().awaiting_count(user, now); });
  }

  UserId author, nurse, pharmacist, outsider;
  BoardId team;
};

TEST_P(PollStoreTest, APollComesBackWithItsOptionsInTheOrderWritten) {
  auto post = poll_post({.mode = poll::Mode::schedule,
                         .options = {"6/1（月）14:00", "6/2（火）10:00", "「未定」'; --"},
                         .free_text = true,
                         .deadline = 5000});
  auto p = find(post);
  EXPECT_EQ(p.post_id, post);
  EXPECT_EQ(p.board_id, team);
  EXPECT_EQ(p.author_id, author);
  EXPECT_EQ(p.mode, poll::Mode::schedule);
  EXPECT_FALSE(p.anonymous);
  EXPECT_TRUE(p.free_text);
  EXPECT_EQ(p.deadline, 5000);
  EXPECT_FALSE(p.reminded_at);
  EXPECT_FALSE(p.fixed_option_id);
  EXPECT_FALSE(p.fixed_at);
  EXPECT_FALSE(p.decision_post_id);
  EXPECT_EQ(p.responders, 0);
  ASSERT_EQ(p.options.size(), 3u);
  EXPECT_EQ(p.options[0].label, "6/1（月）14:00");
  EXPECT_EQ(p.options[1].label, "6/2（火）10:00");
  EXPECT_EQ(p.options[2].label, "「未定」'; --");
  EXPECT_LT(p.options[0].id, p.options[1].id);
  for (const auto& o : p.options) EXPECT_EQ(o.yes + o.maybe + o.no, 0);
  EXPECT_FALSE(
      store->read([&](storage::Transaction& tx) { return tx.polls().find(PostId{post + 1000}); }));
}

TEST_P(PollStoreTest, ANamedAnswerReplacesTheEarlierOne) {
  auto post = poll_post({.mode = poll::Mode::schedule, .options = {"A", "B"}, .free_text = true});
  auto p = find(post);
  const Id a = p.options[0].id, b = p.options[1].id;
  answer(post, pharmacist, {{a, Mark::yes}, {b, Mark::no}}, "午後なら", false, 200);
  answer(post, nurse, {{a, Mark::maybe}, {b, Mark::no}}, "", false, 210);
  answer(post, nurse, {{a, Mark::yes}, {b, Mark::maybe}}, "変更しました", false, 220);
  p = find(post);
  EXPECT_EQ(p.responders, 2);
  EXPECT_EQ(std::make_tuple(p.options[0].yes, p.options[0].maybe, p.options[0].no),
            std::make_tuple(2, 0, 0));
  EXPECT_EQ(std::make_tuple(p.options[1].yes, p.options[1].maybe, p.options[1].no),
            std::make_tuple(0, 1, 1));
  ASSERT_EQ(p.answers.size(), 2u);
  // By reading: いとう before うえだ.
  EXPECT_EQ(p.answers[0].user_id, nurse);
  EXPECT_EQ(p.answers[0].name, "nurse");
  EXPECT_EQ(p.answers[0].comment, "変更しました");
  EXPECT_EQ(p.answers[0].answered_at, 220);
  EXPECT_EQ(p.answers[0].marks, (std::map<Id, int>{{a, Mark::yes}, {b, Mark::maybe}}));
  EXPECT_EQ(p.answers[1].user_id, pharmacist);
  EXPECT_EQ(p.answers[1].comment, "午後なら");
  EXPECT_TRUE(p.comments.empty());
  auto who = store->read([&](storage::Transaction& tx) { return tx.polls().responders(post); });
  std::sort(who.begin(), who.end());
  EXPECT_EQ(who, (std::vector<UserId>{nurse, pharmacist}));
}

TEST_P(PollStoreTest, AnAnonymousAnswerKeepsNoTraceOfWhoGaveIt) {
  auto post = poll_post({.mode = poll::Mode::multiple,
                         .options = {"はい", "いいえ"},
                         .anonymous = true,
                         .free_text = true});
  auto p = find(post);
  const Id yes = p.options[0].id, no = p.options[1].id;
  answer(post, nurse, {{yes, Mark::yes}}, "んー、賛成", true);
  answer(post, pharmacist, {{yes, Mark::yes}, {no, Mark::yes}}, "あいう", true);
  answer(post, outsider, {{no, Mark::yes}}, "", true);
  p = find(post);
  EXPECT_TRUE(p.anonymous);
  EXPECT_EQ(p.responders, 3);
  EXPECT_EQ(p.options[0].yes, 2);
  EXPECT_EQ(p.options[1].yes, 2);
  EXPECT_TRUE(p.answers.empty()) << "never read with a user";
  EXPECT_EQ(p.comments, (std::vector<std::string>{"あいう", "んー、賛成"}))
      << "ordered by their text, empty ones left out";
  // Who has answered is still known (they may not answer again), not what they answered.
  auto who = store->read([&](storage::Transaction& tx) { return tx.polls().responders(post); });
  std::sort(who.begin(), who.end());
  std::vector<UserId> want{nurse, pharmacist, outsider};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(who, want);
}

TEST_P(PollStoreTest, FixingRemindingAndMovingTheDeadlineAreKept) {
  auto post = poll_post({.mode = poll::Mode::schedule, .options = {"A", "B"}, .deadline = 900});
  auto decision = store->write([&](storage::Transaction& tx) {
    return tx.posts().insert({.board_id = team, .author_id = author, .body = "Bに決定"}, 300);
  });
  const Id b = find(post).options[1].id;
  store->write([&](storage::Transaction& tx) {
    tx.polls().set_reminded(post, 250);
    tx.polls().set_deadline(post, 1200);
  });
  auto p = find(post);
  EXPECT_EQ(p.reminded_at, 250);
  EXPECT_EQ(p.deadline, 1200);
  EXPECT_FALSE(p.closed(1199));
  EXPECT_TRUE(p.closed(1200));
  store->write([&](storage::Transaction& tx) { tx.polls().set_deadline(post, std::nullopt); });
  EXPECT_FALSE(find(post).deadline);
  store->write([&](storage::Transaction& tx) { tx.polls().fix(post, b, author, decision, 300); });
  p = find(post);
  EXPECT_EQ(p.fixed_option_id, b);
  EXPECT_EQ(p.fixed_at, 300);
  EXPECT_EQ(p.decision_post_id, decision);
  EXPECT_TRUE(p.closed(0));
}

TEST_P(PollStoreTest, AwaitingAreTheOpenPollsAMemberCanSeeAndHasNotAnswered) {
  auto soon = poll_post({.options = {"x"}, .deadline = 500}, 100);
  auto later = poll_post({.options = {"x"}, .deadline = 800}, 101);
  auto open1 = poll_post({.options = {"x"}}, 102);
  auto open2 = poll_post({.options = {"x"}}, 103);
  auto answered = poll_post({.options = {"x"}}, 104);
  auto secret = poll_post({.options = {"x"}}, 105, {author, pharmacist});
  auto deleted = poll_post({.options = {"x"}}, 106);
  auto fixed = poll_post({.options = {"x"}}, 107);
  poll_post({.options = {"x"}, .deadline = 150}, 108);  // closed before now
  answer(answered, nurse, {});
  store->write([&](storage::Transaction& tx) {
    tx.posts().soft_delete(deleted, author, "", 200);
    tx.polls().fix(fixed, find(fixed).options[0].id, author, fixed, 200);
  });
  // Deadlines first, soonest first; then the others newest first.
  EXPECT_EQ(awaiting(nurse, 200), (std::vector<PostId>{soon, later, open2, open1}));
  EXPECT_EQ(awaiting_count(nurse, 200), 4);
  EXPECT_EQ(awaiting(nurse, 200, 3), (std::vector<PostId>{soon, later, open2}));
  EXPECT_EQ(awaiting(nurse, 500), (std::vector<PostId>{later, open2, open1})) << "closed at 500";
  EXPECT_EQ(awaiting(pharmacist, 200),
            (std::vector<PostId>{soon, later, secret, answered, open2, open1}));
  EXPECT_EQ(awaiting_count(pharmacist, 200), 6);
  EXPECT_EQ(awaiting(author, 200), std::vector<PostId>{}) << "not one's own polls";
  EXPECT_EQ(awaiting(outsider, 200), std::vector<PostId>{}) << "not another board's";
  EXPECT_EQ(awaiting_count(outsider, 200), 0);
}

TEST_P(PollStoreTest, AMemberWhoLeavesIsNoLongerAwaited) {
  auto post = poll_post({.options = {"x"}});
  EXPECT_EQ(awaiting(nurse, 200), std::vector<PostId>{post});
  store->write([&](storage::Transaction& tx) { tx.boards().remove_member(team, nurse); });
  EXPECT_EQ(awaiting(nurse, 200), std::vector<PostId>{});
}

INSTANTIATE_TEST_SUITE_P(Backends, PollStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
