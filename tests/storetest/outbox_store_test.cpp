// The outgoing mail queue in storage: mail is due from when it was queued, retried when asked,
// and its body (which may hold a one-time link) is gone once it is sent or given up on.
#include <string>
#include <vector>

#include "backends.hpp"
#include "mail/outbox_store.hpp"

namespace musubi::storetest {
namespace {

using mail::Id;
using mail::QueuedMail;

class OutboxStoreTest : public StoreTest {
 protected:
  Id enqueue(std::optional<Id> region, const std::string& to, UnixSeconds now,
             const std::string& body = "本文") {
    return store->write([&](storage::Transaction& tx) {
      return tx.outbox().enqueue({.region_id = region,
                                  .recipient = to,
                                  .subject = "【結び】お知らせ",
                                  .body = body,
                                  .kind = "notification"},
                                 now);
    });
  }
  std::vector<QueuedMail> due(UnixSeconds now, std::int64_t limit = 100) {
    return store->read([&](storage::Transaction& tx) { return tx.outbox().due(now, limit); });
  }
  std::vector<Id> due_ids(UnixSeconds now, std::int64_t limit = 100) {
    std::vector<Id> out;
    for (const auto& m : due(now, limit)) out.push_back(m.id);
    return out;
  }
  std::vector<QueuedMail> recent(Id region, std::int64_t limit = 100) {
    return store->read([&](storage::Transaction& tx) { return tx.outbox().recent(region, limit); });
  }
};

TEST_P(OutboxStoreTest, QueuedMailIsDueFromWhenItWasQueuedWithItsTextVerbatim) {
  const std::string body =
      "山田 様\r\n\r\n招待のリンク: https://musubi.example.jp/invite#t=a'b\"c\n-- \n結び";
  auto id = enqueue(region_a, "o'brien+tag@example.jp", 100, body);
  EXPECT_EQ(due_ids(99), std::vector<Id>{});
  auto mails = due(100);
  ASSERT_EQ(mails.size(), 1u);
  const auto& m = mails[0];
  EXPECT_EQ(m.id, id);
  EXPECT_EQ(m.region_id, region_a);
  EXPECT_EQ(m.recipient, "o'brien+tag@example.jp");
  EXPECT_EQ(m.subject, "【結び】お知らせ");
  EXPECT_EQ(m.body, body);
  EXPECT_EQ(m.kind, "notification");
  EXPECT_EQ(m.created_at, 100);
  EXPECT_EQ(m.attempts, 0);
  EXPECT_FALSE(m.sent_at);
  EXPECT_FALSE(m.failed_at);
  EXPECT_EQ(m.last_error, "");
}

TEST_P(OutboxStoreTest, DueMailComesOldestFirstUpToTheLimit) {
  auto a = enqueue(region_a, "a@example.jp", 100);
  auto b = enqueue(region_b, "b@example.jp", 100);
  auto c = enqueue(std::nullopt, "c@example.jp", 90);  // server mail without a region
  auto d = enqueue(region_a, "d@example.jp", 150);
  EXPECT_EQ(due_ids(200), (std::vector<Id>{c, a, b, d}));
  EXPECT_EQ(due_ids(200, 2), (std::vector<Id>{c, a}));
  EXPECT_EQ(due_ids(120), (std::vector<Id>{c, a, b}));
}

TEST_P(OutboxStoreTest, SentMailIsNoLongerDueAndLosesItsBody) {
  auto sent = enqueue(region_a, "a@example.jp", 100, "secret link");
  auto waiting = enqueue(region_a, "b@example.jp", 100);
  store->write([&](storage::Transaction& tx) { tx.outbox().mark_sent(sent, 110); });
  EXPECT_EQ(due_ids(1000), std::vector<Id>{waiting});
  auto list = recent(region_a);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].id, sent);
  EXPECT_EQ(list[1].sent_at, 110);
  EXPECT_EQ(list[1].attempts, 1);
  EXPECT_EQ(list[1].body, "");
}

TEST_P(OutboxStoreTest, AFailedAttemptWaitsForItsNextTryAndGivingUpEndsIt) {
  auto id = enqueue(region_a, "a@example.jp", 100);
  auto other = enqueue(region_a, "b@example.jp", 105);
  store->write([&](storage::Transaction& tx) {
    tx.outbox().mark_failed_attempt(id, "421 try again later", 110, 300);
  });
  EXPECT_EQ(due_ids(299), std::vector<Id>{other});
  auto again = due(300);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].id, other) << "ordered by when each is next due";
  EXPECT_EQ(again[1].id, id);
  EXPECT_EQ(again[1].attempts, 1);
  EXPECT_EQ(again[1].last_error, "421 try again later");
  EXPECT_EQ(again[1].body, "本文") << "kept for the next try";
  store->write([&](storage::Transaction& tx) {
    tx.outbox().mark_failed_attempt(id, "550 日本語のエラー", 300, std::nullopt);
  });
  EXPECT_EQ(due_ids(100000), std::vector<Id>{other});
  auto list = recent(region_a);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].id, id);
  EXPECT_EQ(list[1].failed_at, 300);
  EXPECT_EQ(list[1].attempts, 2);
  EXPECT_EQ(list[1].last_error, "550 日本語のエラー");
  EXPECT_FALSE(list[1].sent_at);
}

TEST_P(OutboxStoreTest, ABounceMakesSentMailFailedAndUnknownMailIsReported) {
  auto id = enqueue(region_a, "gone@example.jp", 100);
  store->write([&](storage::Transaction& tx) {
    tx.outbox().mark_sent(id, 110);
    EXPECT_TRUE(tx.outbox().mark_bounced(id, "5.1.1 user unknown", 200));
    EXPECT_FALSE(tx.outbox().mark_bounced(id + 100, "5.1.1 user unknown", 200));
  });
  auto list = recent(region_a);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].sent_at, 110);
  EXPECT_EQ(list[0].failed_at, 200);
  EXPECT_EQ(list[0].last_error, "5.1.1 user unknown");
  EXPECT_EQ(due_ids(1000), std::vector<Id>{});
}

TEST_P(OutboxStoreTest, RecentShowsOnlyTheRegionsMailNewestFirstWithoutBodies) {
  std::vector<Id> mine;
  for (int i = 0; i < 5; ++i) {
    mine.push_back(enqueue(region_a, "a" + std::to_string(i) + "@example.jp", 100 + i));
    enqueue(region_b, "b@example.jp", 100 + i);
  }
  enqueue(std::nullopt, "operator@example.jp", 100);
  auto list = recent(region_a);
  std::vector<Id> got;
  for (const auto& m : list) {
    got.push_back(m.id);
    EXPECT_EQ(m.body, "") << "the administrator sees that mail went, not what it said";
    EXPECT_EQ(m.region_id, region_a);
  }
  EXPECT_EQ(got, std::vector<Id>(mine.rbegin(), mine.rend()));
  EXPECT_EQ(recent(region_a, 2).size(), 2u);
  EXPECT_EQ(recent(region_a, 2)[0].id, mine.back());
  EXPECT_EQ(recent(region_b).size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
