// Search and the inbox: what a viewer may not see is never found or counted, and every write
// (post, reply, edit, delete, file) is searchable at once.
#include "board/search_store.hpp"
#include "backends.hpp"
#include "board/board_store.hpp"
#include "core/search_text.hpp"
#include "files/blob_store.hpp"
#include "person/person_store.hpp"

namespace musubi::storetest {
namespace {

using board::InboxReason;
using board::NewPost;

class SearchStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      outsider = professional(tx, "outsider");
      team = care_team(tx, "いち", {doctor, nurse});
      other_team = care_team(tx, "に", {outsider});
    });
  }
  PostId post(NewPost p, UnixSeconds at = 100) {
    if (!p.board_id) p.board_id = team;
    return store->write([&](storage::Transaction& tx) { return tx.posts().insert(p, at); });
  }
  board::SearchIds search(UserId viewer, const std::string& words, board::SearchQuery extra = {}) {
    extra.viewer_id = viewer;
    extra.terms = text::search_terms(words);
    if (extra.limit == 20) extra.limit = 50;
    return store->read([&](storage::Transaction& tx) { return tx.search().search(extra, 1000); });
  }
  std::vector<board::InboxEntry> inbox(UserId user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.inbox().page(user, 50, 50, 100).entries; });
  }
  board::InboxCounts counts(UserId user, UnixSeconds now = 100) {
    return store->read([&](storage::Transaction& tx) { return tx.inbox().counts(user, now); });
  }
  UserId doctor, nurse, outsider;
  BoardId team, other_team;
};

TEST_P(SearchStoreTest, FindsOneTwoAndLongerWordsInPostsAndReplies) {
  auto fever = post({.author_id = nurse, .body = "夕方から発熱あり。38.2℃"});
  auto pain = post({.author_id = nurse, .body = "腰の痛みが強い"});
  auto reply = post({.parent_id = pain, .author_id = doctor, .body = "ﾛｷｿﾆﾝを追加します"});
  EXPECT_EQ(search(doctor, "熱").post_ids, (std::vector<PostId>{fever}));
  EXPECT_EQ(search(doctor, "痛み").post_ids, (std::vector<PostId>{pain}));
  EXPECT_EQ(search(doctor, "発熱あり").post_ids, (std::vector<PostId>{fever}));
  EXPECT_EQ(search(doctor, "ロキソニン").post_ids, (std::vector<PostId>{reply}));
  EXPECT_EQ(search(doctor, "ろきそにん 追加").post_ids, (std::vector<PostId>{reply}));
  EXPECT_TRUE(search(doctor, "熱 痛み").post_ids.empty());  // every word must occur
  EXPECT_EQ(search(doctor, "38.2").total, 1);
}

TEST_P(SearchStoreTest, RestrictedPostsAndOtherTeamsAreNeverFoundNorCounted) {
  post({.author_id = doctor, .body = "特別な転倒の記録", .audience = {doctor}});
  post({.board_id = other_team, .author_id = outsider, .body = "別チームの転倒の記録"});
  for (const char* words : {"転", "転倒", "転倒の記録"}) {
    auto nurse_sees = search(nurse, words);
    EXPECT_TRUE(nurse_sees.post_ids.empty()) << words;
    EXPECT_EQ(nurse_sees.total, 0) << words;
    EXPECT_EQ(search(doctor, words).total, 1) << words;
    EXPECT_EQ(search(outsider, words).total, 1) << words;
  }
}

TEST_P(SearchStoreTest, EditsDeletesAndFileNamesAreSearchableAtOnce) {
  auto p = post({.author_id = nurse, .body = "褥瘡なし"});
  store->write([&](storage::Transaction& tx) {
    ASSERT_TRUE(tx.posts().update(p, 1, "仙骨部に褥瘡あり", std::nullopt, nurse, 200));
  });
  EXPECT_EQ(search(doctor, "仙骨").total, 1);
  EXPECT_EQ(search(doctor, "なし").total, 0);
  store->write([&](storage::Transaction& tx) {
    auto blob = tx.blobs().create(1);
    auto file = tx.attachments().insert({.board_id = team,
                                         .uploader_id = nurse,
                                         .file_name = "訪問看護報告書.pdf",
                                         .media_type = "application/pdf",
                                         .kind = "pdf",
                                         .blob_id = blob},
                                        1);
    ASSERT_EQ(tx.attachments().attach({file}, team, nurse, p), 1);
  });
  EXPECT_EQ(search(doctor, "報告書").post_ids, (std::vector<PostId>{p}));
  EXPECT_EQ(search(doctor, "仙骨").total, 1);  // the text is still there beside the name
  store->write([&](storage::Transaction& tx) { tx.posts().soft_delete(p, nurse, "誤り", 300); });
  EXPECT_EQ(search(doctor, "報告書").total, 0);
  EXPECT_EQ(search(doctor, "仙骨").total, 0);
}

TEST_P(SearchStoreTest, FiltersOrdersAndPages) {
  auto a = post({.author_id = nurse, .body = "熱 熱 熱"}, 100);
  auto b = post({.author_id = doctor, .body = "熱", .important = true}, 200);
  auto c = post({.author_id = nurse, .body = "微熱"}, 300);
  EXPECT_EQ(search(doctor, "熱").post_ids, (std::vector<PostId>{c, b, a}));
  EXPECT_EQ(search(doctor, "熱", {.author_id = nurse}).post_ids, (std::vector<PostId>{c, a}));
  EXPECT_EQ(search(doctor, "熱", {.important_only = true}).post_ids, (std::vector<PostId>{b}));
  EXPECT_EQ(search(doctor, "熱", {.from = 150, .until = 300}).post_ids, (std::vector<PostId>{b}));
  EXPECT_EQ(search(doctor, "熱", {.board_id = other_team}).total, 0);
  EXPECT_EQ(search(doctor, "熱", {.order = board::SearchOrder::best}).post_ids.front(), a);
  auto first = search(doctor, "熱", {.limit = 2});
  EXPECT_EQ(first.post_ids, (std::vector<PostId>{c, b}));
  EXPECT_EQ(first.total, 3);
  EXPECT_EQ(search(doctor, "熱", {.before_id = b, .limit = 2}).post_ids, (std::vector<PostId>{a}));
}

TEST_P(SearchStoreTest, InboxPutsRequestsFirstAndHandledItemsLeave) {
  auto ask = post({.author_id = nurse,
                   .body = "ご意見ください",
                   .request = NewPost::Addressing{.kind = board::RequestKind::answer,
                                                  .deadline = 500,
                                                  .addressees = {{doctor, std::nullopt}}}});
  auto late = post({.author_id = nurse,
                    .body = "至急ご確認ください",
                    .request = NewPost::Addressing{.kind = board::RequestKind::read,
                                                   .deadline = 50,
                                                   .addressees = {{doctor, std::nullopt}}}});
  auto flag = post({.author_id = nurse, .body = "重要", .important = true});
  auto mine = post({.author_id = doctor, .body = "処方を変更しました"});
  auto answer = post({.parent_id = mine, .author_id = nurse, .body = "了解です"});
  auto plain = post({.author_id = nurse, .body = "訪問しました"});
  post({.author_id = nurse, .body = "内緒", .audience = {nurse}});  // not for the doctor

  auto entries = inbox(doctor);
  std::vector<std::pair<PostId, InboxReason>> got;
  for (const auto& e : entries) got.emplace_back(e.post_id, e.reason);
  EXPECT_EQ(got, (std::vector<std::pair<PostId, InboxReason>>{{late, InboxReason::request},
                                                              {ask, InboxReason::request},
                                                              {flag, InboxReason::important},
                                                              {answer, InboxReason::reply},
                                                              {plain, InboxReason::unread}}));
  auto c = counts(doctor);
  EXPECT_EQ(c.requests, 2);
  EXPECT_EQ(c.overdue, 1);
  EXPECT_EQ(c.important, 1);
  EXPECT_EQ(c.replies, 1);
  EXPECT_EQ(c.unread, 1);

  store->write([&](storage::Transaction& tx) {
    tx.posts().mark_read(doctor, {late, ask, answer, plain}, 600);  // read is not answered
    tx.posts().acknowledge(flag, doctor, 600);  // as the board service does: acknowledged is read
    tx.posts().mark_read(doctor, {flag}, 600);
  });
  c = counts(doctor);
  EXPECT_EQ(c.requests, 1);
  EXPECT_EQ(c.important, 0);
  EXPECT_EQ(c.replies + c.unread, 0);
  post({.parent_id = ask, .author_id = doctor, .body = "賛成です"});
  EXPECT_TRUE(inbox(doctor).empty());
  EXPECT_EQ(counts(nurse).requests, 0);  // the author is not asked by their own request
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
