// Care teams and posts: restricted visibility is enforced by the store on every read path.
#include "board/board_store.hpp"
#include "backends.hpp"
#include "person/person_store.hpp"

namespace musubi::storetest {
namespace {

using board::NewPost;

class BoardStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      manager = professional(tx, "manager");
      team = care_team(tx, "ひと", {doctor, nurse, manager}, manager);
    });
  }
  PostId post(NewPost p, UnixSeconds at = 10) {
    p.board_id = team;
    return store->write([&](storage::Transaction& tx) { return tx.posts().insert(p, at); });
  }
  std::vector<board::Post> timeline(UserId viewer, std::optional<PostId> before = std::nullopt,
                                    std::int64_t limit = 50) {
    return store->read([&](storage::Transaction& tx) {
      return tx.posts().timeline(
          {.board_id = team, .viewer_id = viewer, .limit = limit, .before_id = before});
    });
  }
  std::int64_t unread(UserId user) {
    auto teams = store->read([&](storage::Transaction& tx) {
      return tx.boards().boards_of(user, board::BoardKind::care);
    });
    return teams.empty() ? -1 : teams[0].unread;
  }
  UserId doctor, nurse, manager;
  BoardId team;
};

TEST_P(BoardStoreTest, RestrictedPostAndItsRepliesReachOnlyTheAudience) {
  auto open = post({.author_id = nurse, .body = "みんなへ"});
  auto secret = post({.author_id = doctor, .body = "内緒", .audience = {doctor, manager}});
  post({.parent_id = secret, .author_id = manager, .body = "返信", .audience = {doctor, manager}});
  auto seen_by_nurse = timeline(nurse);
  ASSERT_EQ(seen_by_nurse.size(), 1u);
  EXPECT_EQ(seen_by_nurse[0].id, open);
  auto seen_by_manager = timeline(manager);
  ASSERT_EQ(seen_by_manager.size(), 2u);
  EXPECT_EQ(seen_by_manager[0].id, secret);
  ASSERT_EQ(seen_by_manager[0].replies.size(), 1u);
  EXPECT_EQ(seen_by_manager[0].audience, (std::vector<UserId>{doctor, manager}));
  store->read([&](storage::Transaction& tx) {
    EXPECT_FALSE(tx.posts().find_visible(secret, nurse));
    EXPECT_TRUE(tx.posts().find_visible(secret, doctor));
  });
  EXPECT_EQ(unread(nurse), 0);    // own post; the secret and its reply are not counted
  EXPECT_EQ(unread(doctor), 2);   // the nurse's post and the manager's reply
  EXPECT_EQ(unread(manager), 2);  // the nurse's post and the secret (its own reply is read)
  EXPECT_EQ(store->write([&](storage::Transaction& tx) {
    return tx.posts().mark_all_read(team, doctor, 20);
  }),
            2);
  EXPECT_EQ(unread(doctor), 0);
}

TEST_P(BoardStoreTest, TimelinePagesByIdWithoutGapsOrRepeats) {
  std::vector<PostId> ids;
  for (int i = 0; i < 25; ++i)
    ids.push_back(post({.author_id = nurse, .body = std::to_string(i)}, 10 + i));
  auto first = timeline(doctor, std::nullopt, 10);
  post({.author_id = nurse, .body = "割り込み"}, 100);
  auto second = timeline(doctor, first.back().id, 10);
  auto third = timeline(doctor, second.back().id, 10);
  std::vector<PostId> seen;
  for (const auto* page : {&first, &second, &third}) {
    for (const auto& p : *page) seen.push_back(p.id);
  }
  std::vector<PostId> expected(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, expected);
}

TEST_P(BoardStoreTest, EditsKeepEveryVersionAndStaleEditsFail) {
  auto id = post({.author_id = nurse, .body = "v1"});
  store->write([&](storage::Transaction& tx) {
    EXPECT_TRUE(tx.posts().update(id, 1, "v2", std::nullopt, nurse, 20));
    EXPECT_FALSE(tx.posts().update(id, 1, "v2-stale", std::nullopt, nurse, 21));
  });
  auto versions = store->read([&](storage::Transaction& tx) { return tx.posts().versions(id); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].body, "v2");
  EXPECT_EQ(versions[1].body, "v1");
}

TEST_P(BoardStoreTest, DeletedPostKeepsItsPlaceButNotItsText) {
  auto id = post({.author_id = nurse, .body = "消す"});
  store->write([&](storage::Transaction& tx) { tx.posts().soft_delete(id, nurse, "誤り", 30); });
  auto p =
      store->read([&](storage::Transaction& tx) { return tx.posts().find_visible(id, doctor); });
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->deleted_at);
  EXPECT_EQ(p->body, "");
  EXPECT_EQ(p->delete_reason, "誤り");
}

TEST_P(BoardStoreTest, AcknowledgingTwiceCountsOnce) {
  auto id = post({.author_id = nurse, .body = "確認を"});
  store->write([&](storage::Transaction& tx) {
    EXPECT_TRUE(tx.posts().acknowledge(id, doctor, 40));
    EXPECT_FALSE(tx.posts().acknowledge(id, doctor, 41));
  });
  auto p =
      store->read([&](storage::Transaction& tx) { return tx.posts().find_visible(id, doctor); });
  EXPECT_EQ(p->acknowledgements, 1);
  EXPECT_TRUE(p->acknowledged_by_me);
}

TEST_P(BoardStoreTest, UnreadCountsFollowReadsInAnyOrderAndSkipWhatOthersCannotSee) {
  auto post = [&](UserId author, std::vector<UserId> audience = {}) {
    return store->write([&](storage::Transaction& tx) {
      return tx.posts().insert(
          {.board_id = team, .author_id = author, .body = "x", .audience = audience}, 5);
    });
  };
  auto read = [&](std::vector<PostId> ids) {
    store->write([&](storage::Transaction& tx) { tx.posts().mark_read(doctor, ids, 6); });
  };
  auto p1 = post(nurse);
  auto p2 = post(nurse);
  auto p3 = post(nurse);
  post(nurse, {nurse, manager});  // not for the doctor: never unread for him
  post(doctor);                   // his own
  EXPECT_EQ(unread(doctor), 3);
  read({p3, p2});  // newest first, as the timeline shows them
  EXPECT_EQ(unread(doctor), 1);
  read({p1});
  EXPECT_EQ(unread(doctor), 0);
  auto p4 = post(manager);
  EXPECT_EQ(unread(doctor), 1);
  read({p4});
  EXPECT_EQ(unread(doctor), 0);
  EXPECT_EQ(unread(manager), 5) << "the manager's reads are separate; the restricted post is his";
  store->write([&](storage::Transaction& tx) { tx.posts().mark_all_read(team, manager, 7); });
  EXPECT_EQ(unread(manager), 0);
  post(nurse);
  EXPECT_EQ(unread(manager), 1) << "a post after 「すべて既読」 is unread again";
}

TEST_P(BoardStoreTest, NewRegionsGetTheDefaultCategories) {
  auto tags = store->read([&](storage::Transaction& tx) { return tx.posts().tags(region_b); });
  ASSERT_EQ(tags.size(), 6u);
  EXPECT_EQ(tags[0].name, "訪問記録");
}

INSTANTIATE_TEST_SUITE_P(Backends, BoardStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
