#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "backends/sqlite/connection.hpp"
#include "fixture/test_region.hpp"
#include "storage/storage.hpp"

namespace musubi::audit {
namespace {

class AuditChainTest : public musubi::testing::TestRegion {
 protected:
  void append(int n) {
    for (int i = 0; i < n; ++i) {
      storage->write([&](storage::Transaction& tx) {
        record(tx, clock, admin,
               {.action = "person.read", .target_type = "person", .target_id = std::to_string(i)});
      });
      clock.advance(1);
    }
  }
  // Tampering as an operator with the sqlite3 shell would: bypassing the append-only triggers.
  void tamper(const std::string& sql) {
    backends::sqlite::Connection raw(db_path, false, "full");
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    raw.exec(sql);
  }
};

TEST_F(AuditChainTest, IntactChainVerifiesAndReportsItsHead) {
  append(20);
  auto v = verify(*storage);
  EXPECT_TRUE(v.problems.empty()) << v.problems.front();
  EXPECT_GE(v.entries, 20);
  EXPECT_EQ(v.head_hash.size(), 64u);
  auto last = storage->read([](storage::Transaction& tx) { return tx.audit().last(); });
  EXPECT_EQ(v.head_id, last->id);
  EXPECT_EQ(v.head_hash, last->hash);
}

TEST_F(AuditChainTest, AlteredEntryIsReported) {
  append(10);
  tamper("UPDATE audit_log SET actor_login = 'someone-else' WHERE id = 5");
  auto v = verify(*storage);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_NE(v.problems.front().find("entry 5"), std::string::npos) << v.problems.front();
}

TEST_F(AuditChainTest, DeletedEntryIsReported) {
  append(10);
  tamper("DELETE FROM audit_log WHERE id = 4");
  auto v = verify(*storage);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_NE(v.problems.front().find("missing"), std::string::npos) << v.problems.front();
}

TEST_F(AuditChainTest, RehashedEntryStillBreaksTheChainAfterIt) {
  append(10);
  auto fifth = storage->read([](storage::Transaction& tx) {
    Entry found;
    tx.audit().scan([&](const Entry& e) {
      found = e;
      return e.id < 5;
    });
    return found;
  });
  fifth.detail = "forged";
  auto forged_hash = entry_hash(fifth);  // a forger who knows the formula
  tamper("UPDATE audit_log SET detail = 'forged', hash = '" + forged_hash + "' WHERE id = 5");
  auto v = verify(*storage);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_NE(v.problems.front().find("entry 6"), std::string::npos) << v.problems.front();
}

TEST_F(AuditChainTest, DatabaseRefusesUpdateAndDelete) {
  append(3);
  backends::sqlite::Connection raw(db_path, false, "full");
  EXPECT_ANY_THROW(raw.exec("UPDATE audit_log SET detail = 'x' WHERE id = 1"));
  EXPECT_ANY_THROW(raw.exec("DELETE FROM audit_log WHERE id = 1"));
}

TEST_F(AuditChainTest, EntryIsRolledBackWithTheWorkItDescribes) {
  auto before = verify(*storage).entries;
  EXPECT_ANY_THROW(storage->write([&](storage::Transaction& tx) {
    record(tx, clock, admin,
           {.action = "person.update", .target_type = "person", .target_id = "1"});
    throw std::runtime_error("work failed");
  }));
  auto after = verify(*storage);
  EXPECT_EQ(after.entries, before);
  EXPECT_TRUE(after.problems.empty());
}

TEST_F(AuditChainTest, OnlyRegionAdministratorsSearchAndSearchingIsAudited) {
  append(5);
  auto nurse = add_user("nurse1");
  EXPECT_ANY_THROW(search(*storage, clock, nurse, {}));
  auto found = search(*storage, clock, admin, {.action_prefix = "person.", .limit = 3});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_GT(found[0].id, found[1].id);  // newest first
  auto searches = search(*storage, clock, admin, {.action_prefix = "audit.search"});
  EXPECT_EQ(searches.size(), 1u);
}

TEST(AuditCsv, StartsWithBomAndDefusesFormulas) {
  Entry e;
  e.id = 1;
  e.actor_login = "=HYPERLINK(\"http://x\")";
  e.detail = "改行\nと\"引用\"";
  auto csv = to_csv({e});
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"改行\nと\"\"引用\"\"\""), std::string::npos) << csv;
}

}  // namespace
}  // namespace musubi::audit
