// The audit log in storage: entries come back exactly as appended (the chain's hashes cover every
// field), in id order, searched and paged per region, and never changed or removed.
#include <string>
#include <vector>

#include "audit/audit_store.hpp"
#include "backends.hpp"

namespace musubi::storetest {
namespace {

using audit::Entry;
using audit::Id;

class AuditStoreTest : public StoreTest {
 protected:
  // As audit_log.cpp appends: the next id after the last one, hashes set by the caller.
  Id append(Entry e) {
    return store->write([&](storage::Transaction& tx) {
      auto last = tx.audit().last();
      e.id = last ? last->id + 1 : 1;
      e.prev_hash = last ? last->hash : "";
      e.hash = "hash-" + std::to_string(e.id);
      return tx.audit().append(e);
    });
  }
  Id append(std::optional<Id> region, const std::string& login, const std::string& action,
            UnixSeconds at, const std::string& target_type = "",
            const std::string& target_id = "") {
    return append(Entry{.at = at,
                        .region_id = region,
                        .actor_login = login,
                        .action = action,
                        .target_type = target_type,
                        .target_id = target_id,
                        .outcome = "success"});
  }
  std::vector<Id> ids(audit::Query q) {
    std::vector<Id> out;
    for (const auto& e :
         store->read([&](storage::Transaction& tx) { return tx.audit().search(q); })) {
      out.push_back(e.id);
    }
    return out;
  }
};

TEST_P(AuditStoreTest, AnEntryComesBackFieldForField) {
  Entry e{.at = 1'800'000'000,
          .region_id = region_a,
          .actor_user_id = 42,
          .actor_login = "o'brien",
          .action = "person.read",
          .target_type = "person",
          .target_id = "17",
          .outcome = "denied",
          .detail = "理由: 「担当外」'; DROP TABLE audit_log;--",
          .ip = "2001:db8::1",
          .request_id = "req-7"};
  auto id = append(e);
  EXPECT_EQ(id, 1);
  auto found = store->read([&](storage::Transaction& tx) { return tx.audit().find(id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, 1);
  EXPECT_EQ(found->at, e.at);
  EXPECT_EQ(found->region_id, region_a);
  EXPECT_EQ(found->actor_user_id, 42);
  EXPECT_EQ(found->actor_login, e.actor_login);
  EXPECT_EQ(found->action, e.action);
  EXPECT_EQ(found->target_type, e.target_type);
  EXPECT_EQ(found->target_id, e.target_id);
  EXPECT_EQ(found->outcome, e.outcome);
  EXPECT_EQ(found->detail, e.detail);
  EXPECT_EQ(found->ip, e.ip);
  EXPECT_EQ(found->request_id, e.request_id);
  EXPECT_EQ(found->prev_hash, "");
  EXPECT_EQ(found->hash, "hash-1");
  EXPECT_FALSE(store->read([&](storage::Transaction& tx) { return tx.audit().find(2); }));
}

TEST_P(AuditStoreTest, AnEntryWithoutRegionOrActorKeepsThemEmpty) {
  auto id = append(std::nullopt, "unknown-id", "login.failure", 5);
  auto found = store->read([&](storage::Transaction& tx) { return tx.audit().find(id); });
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->region_id);
  EXPECT_FALSE(found->actor_user_id);
}

TEST_P(AuditStoreTest, LastAndScanFollowTheIdOrder) {
  EXPECT_FALSE(store->read([](storage::Transaction& tx) { return tx.audit().last(); }));
  for (int i = 0; i < 5; ++i) append(region_a, "admin", "user.update", 100 - i);
  auto last = store->read([](storage::Transaction& tx) { return tx.audit().last(); });
  ASSERT_TRUE(last);
  EXPECT_EQ(last->id, 5);
  EXPECT_EQ(last->prev_hash, "hash-4");
  std::vector<Id> seen;
  store->read([&](storage::Transaction& tx) {
    tx.audit().scan([&](const Entry& e) {
      seen.push_back(e.id);
      return true;
    });
  });
  EXPECT_EQ(seen, (std::vector<Id>{1, 2, 3, 4, 5}));
  seen.clear();
  store->read([&](storage::Transaction& tx) {
    tx.audit().scan([&](const Entry& e) {
      seen.push_back(e.id);
      return e.id < 3;  // stop after the third
    });
  });
  EXPECT_EQ(seen, (std::vector<Id>{1, 2, 3}));
}

TEST_P(AuditStoreTest, TwoWritersCannotBothAppendTheSameId) {
  append(region_a, "admin", "login.success", 1);
  // A second entry claiming id 1 would fork the chain: the store refuses it.
  EXPECT_ANY_THROW(store->write([&](storage::Transaction& tx) {
    tx.audit().append({.id = 1, .at = 2, .action = "login.success", .outcome = "success"});
  }));
  auto last = store->read([](storage::Transaction& tx) { return tx.audit().last(); });
  EXPECT_EQ(last->at, 1);
}

TEST_P(AuditStoreTest, SearchShowsARegionItsOwnEntriesAndThoseOfNoRegionNewestFirst) {
  auto a1 = append(region_a, "sato", "person.read", 10, "person", "1");
  auto b1 = append(region_b, "kato", "person.read", 11, "person", "1");
  auto none = append(std::nullopt, "ghost", "login.failure", 12);
  auto a2 = append(region_a, "sato", "person.update", 13, "person", "2");
  EXPECT_EQ(ids({.region_id = region_a}), (std::vector<Id>{a2, none, a1}));
  EXPECT_EQ(ids({.region_id = region_b}), (std::vector<Id>{none, b1}));
}

TEST_P(AuditStoreTest, SearchFiltersCombine) {
  auto a1 = append(region_a, "Sato", "person.read", 10, "person", "1");
  auto a2 = append(region_a, "sato", "person.update", 20, "person", "2");
  auto a3 = append(region_a, "kato", "personnel.read", 30, "user", "2");
  auto a4 = append(region_a, "kato", "login.success", 40);
  const auto r = region_a;
  EXPECT_EQ(ids({.region_id = r, .actor_login = "SATO"}), (std::vector<Id>{a2, a1}))
      << "login ids match in any case";
  EXPECT_EQ(ids({.region_id = r, .action_prefix = "person."}), (std::vector<Id>{a2, a1}));
  EXPECT_EQ(ids({.region_id = r, .action_prefix = "person"}), (std::vector<Id>{a3, a2, a1}));
  EXPECT_EQ(ids({.region_id = r, .action_prefix = "%"}), (std::vector<Id>{}))
      << "a prefix, not a pattern";
  EXPECT_EQ(ids({.region_id = r, .target_type = "person", .target_id = "2"}),
            (std::vector<Id>{a2}));
  EXPECT_EQ(ids({.region_id = r, .target_id = "2"}), (std::vector<Id>{a3, a2}));
  // from is inclusive, to exclusive.
  EXPECT_EQ(ids({.region_id = r, .from = 20, .to = 40}), (std::vector<Id>{a3, a2}));
  EXPECT_EQ(ids({.region_id = r, .from = 41}), (std::vector<Id>{}));
  EXPECT_EQ(ids({.region_id = r, .from = 35, .actor_login = "kato"}), (std::vector<Id>{a4}));
}

TEST_P(AuditStoreTest, SearchPagesWithoutGapsOrRepeats) {
  std::vector<Id> all;
  for (int i = 0; i < 23; ++i) {
    all.push_back(append(region_a, "admin", "user.read", i));
    append(region_b, "admin", "user.read", i);  // interleaved: never on region A's pages
  }
  std::vector<Id> seen;
  audit::Query q{.region_id = region_a, .limit = 10};
  int pages = 0;
  for (;;) {
    auto page = ids(q);
    ++pages;
    seen.insert(seen.end(), page.begin(), page.end());
    if (page.size() < 10) break;
    q.before_id = page.back();
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<Id>(all.rbegin(), all.rend()));
}

TEST_P(AuditStoreTest, TheSealedJournalPositionIsKept) {
  EXPECT_EQ(
      store->read([](storage::Transaction& tx) { return tx.audit().journal_sealed_through(); }), 0);
  store->write([](storage::Transaction& tx) { tx.audit().set_journal_sealed_through(17); });
  EXPECT_EQ(
      store->read([](storage::Transaction& tx) { return tx.audit().journal_sealed_through(); }),
      17);
  store->write([](storage::Transaction& tx) { tx.audit().set_journal_sealed_through(250); });
  EXPECT_EQ(
      store->read([](storage::Transaction& tx) { return tx.audit().journal_sealed_through(); }),
      250);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
