// Board events in storage: one numbered sequence, read back in order per board and within
// bounds, pruned by age without the numbering ever starting again; and who is on which board.
#include <algorithm>
#include <string>
#include <vector>

#include "backends.hpp"
#include "board/board_events.hpp"
#include "board/board_store.hpp"

namespace musubi::storetest {
namespace {

using board::BoardEvent;

class EventStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      contact = professional(tx, "contact");
      team = care_team(tx, "ひと", {doctor, nurse});
      other_team = care_team(tx, "べつ", {nurse});
      post = tx.posts().insert({.board_id = team, .author_id = doctor, .body = "x"}, 5);
    });
  }

  void append(BoardEvent e) {
    store->write([&](storage::Transaction& tx) { tx.events().append(e); });
  }
  void append(BoardId board, UnixSeconds at, const std::string& kind = "post.created") {
    append({.board_id = board, .kind = kind, .post_id = post, .actor_id = doctor, .at = at});
  }
  std::vector<std::int64_t> seqs(std::int64_t after, std::optional<std::int64_t> until = {},
                                 const std::vector<BoardId>* boards = nullptr,
                                 std::int64_t limit = 1000) {
    std::vector<std::int64_t> out;
    for (const auto& e : store->read([&](storage::Transaction& tx) {
           return tx.events().after(after, until, boards, limit);
         })) {
      out.push_back(e.seq);
    }
    return out;
  }
  std::int64_t head() {
    return store->read([](storage::Transaction& tx) { return tx.events().head(); });
  }
  std::int64_t oldest() {
    return store->read([](storage::Transaction& tx) { return tx.events().oldest(); });
  }

  UserId doctor, nurse, contact;
  BoardId team, other_team;
  PostId post;
};

TEST_P(EventStoreTest, AnEventComesBackFieldForField) {
  EXPECT_EQ(head(), 0);
  EXPECT_EQ(oldest(), 0);
  append({.board_id = team,
          .kind = "post.created",
          .post_id = post,
          .parent_id = post,
          .actor_id = nurse,
          .audience = {doctor, nurse},
          .at = 100});
  append({.board_id = team,
          .kind = "member.changed",
          .actor_id = doctor,
          .subject_user_id = nurse,
          .at = 101});
  auto events = store->read(
      [&](storage::Transaction& tx) { return tx.events().after(0, std::nullopt, nullptr, 10); });
  ASSERT_EQ(events.size(), 2u);
  const auto& e = events[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.board_id, team);
  EXPECT_EQ(e.kind, "post.created");
  EXPECT_EQ(e.post_id, post);
  EXPECT_EQ(e.parent_id, post);
  EXPECT_EQ(e.actor_id, nurse);
  EXPECT_EQ(e.audience, (std::vector<UserId>{doctor, nurse}));
  EXPECT_FALSE(e.subject_user_id);
  EXPECT_EQ(e.at, 100);
  const auto& m = events[1];
  EXPECT_EQ(m.seq, 2);
  EXPECT_EQ(m.kind, "member.changed");
  EXPECT_FALSE(m.post_id);
  EXPECT_FALSE(m.parent_id);
  EXPECT_TRUE(m.audience.empty()) << "every member";
  EXPECT_EQ(m.subject_user_id, nurse);
  EXPECT_EQ(head(), 2);
  EXPECT_EQ(oldest(), 1);
}

TEST_P(EventStoreTest, EventsAreReadInOrderWithinBoundsAndPerBoard) {
  for (int i = 0; i < 10; ++i) append(i % 2 ? other_team : team, 100 + i);
  EXPECT_EQ(seqs(0), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(seqs(7), (std::vector<std::int64_t>{8, 9, 10}));
  EXPECT_EQ(seqs(2, 5), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(seqs(0, std::nullopt, nullptr, 4), (std::vector<std::int64_t>{1, 2, 3, 4}));
  std::vector<BoardId> just_team{team};
  EXPECT_EQ(seqs(0, std::nullopt, &just_team), (std::vector<std::int64_t>{1, 3, 5, 7, 9}));
  EXPECT_EQ(seqs(3, 8, &just_team, 2), (std::vector<std::int64_t>{5, 7}));
  std::vector<BoardId> both{other_team, team};
  EXPECT_EQ(seqs(8, std::nullopt, &both), (std::vector<std::int64_t>{9, 10}));
  std::vector<BoardId> none;
  EXPECT_EQ(seqs(0, std::nullopt, &none), std::vector<std::int64_t>{})
      << "no boards is nothing, not everything";
  EXPECT_EQ(seqs(10), std::vector<std::int64_t>{});
}

TEST_P(EventStoreTest, PruningRemovesOldEventsButTheNumberingNeverRestarts) {
  for (int i = 0; i < 5; ++i) append(team, 100 + i);
  store->write([](storage::Transaction& tx) { tx.events().prune_before(103); });
  EXPECT_EQ(oldest(), 4);
  EXPECT_EQ(head(), 5);
  EXPECT_EQ(seqs(0), (std::vector<std::int64_t>{4, 5}));
  store->write([](storage::Transaction& tx) { tx.events().prune_before(1000); });
  EXPECT_EQ(seqs(0), std::vector<std::int64_t>{5}) << "the newest always stays";
  EXPECT_EQ(head(), 5);
  EXPECT_EQ(oldest(), 5);
  append(team, 2000);
  EXPECT_EQ(head(), 6);
  EXPECT_EQ(seqs(0), (std::vector<std::int64_t>{5, 6}));
}

TEST_P(EventStoreTest, ABoardsMembersAndItsRequestOnlyContactsAreKnown) {
  store->write([&](storage::Transaction& tx) {
    FacilityId f{tx.facilities().insert(
        region_a, {.name = "病院", .kind = region::FacilityKind::hospital}, 1)};
    tx.boards().put_contact(team, contact, "other", f, true, 1);
    tx.boards().put_contact(other_team, contact, "other", f, false, 1);
  });
  auto boards_of = [&](UserId user) {
    auto ids =
        store->read([&](storage::Transaction& tx) { return tx.events().board_ids_of(user); });
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto request_only_of = [&](UserId user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.events().request_only_board_ids_of(user); });
  };
  EXPECT_EQ(boards_of(doctor), std::vector<BoardId>{team});
  EXPECT_EQ(boards_of(nurse), (std::vector<BoardId>{team, other_team}));
  EXPECT_EQ(boards_of(contact), (std::vector<BoardId>{team, other_team}));
  EXPECT_EQ(request_only_of(contact), std::vector<BoardId>{team});
  EXPECT_EQ(request_only_of(nurse), std::vector<BoardId>{});
  // Made a full member: no longer request-only; removed: on no board.
  store->write([&](storage::Transaction& tx) {
    tx.boards().put_member(team, contact, "other", false, 2);
    tx.boards().remove_member(team, nurse);
  });
  EXPECT_EQ(request_only_of(contact), std::vector<BoardId>{});
  EXPECT_EQ(boards_of(nurse), std::vector<BoardId>{other_team});
}

INSTANTIATE_TEST_SUITE_P(Backends, EventStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
