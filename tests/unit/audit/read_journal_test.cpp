// Reads are logged in the read journal and sealed into the audit chain: nothing lost, nothing
// twice, in order, from two processes at once, and after a crash at any point.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <set>
#include <thread>

#include "audit/audit_log.hpp"
#include "audit/read_journal.hpp"
#include "audit/read_log_wait.hpp"
#include "backends/sqlite/connection.hpp"
#include "fixture/test_region.hpp"
#include "storage/storage.hpp"

namespace musubi::audit {
namespace {

class ReadJournalTest : public musubi::testing::TestRegion {
 protected:
  std::string journal_path() const { return (dir.path() / "read-journal.db").string(); }

  std::unique_ptr<backends::sqlite::SqliteStorage> open_second() {
    return std::make_unique<backends::sqlite::SqliteStorage>(backends::sqlite::Options{
        .path = db_path, .readers = 1, .read_journal_path = journal_path()});
  }

  void read_person(storage::Storage& s, const std::string& id) {
    access::Actor who = admin;
    who.request_id = "req-" + id;
    record_read(s, clock, who, {.action = "person.read", .target_type = "person", .target_id = id});
  }

  // The person.read entries of the chain, in chain order.
  std::vector<std::string> chained_reads() {
    std::vector<std::string> out;
    storage->read([&](storage::Transaction& tx) {
      tx.audit().scan([&](const Entry& e) {
        if (e.action == "person.read") out.push_back(e.target_id);
        return true;
      });
    });
    return out;
  }

  std::int64_t journal_rows() {
    backends::sqlite::Connection raw(journal_path(), true, "full");
    auto s = raw.prepare("SELECT COUNT(*) FROM reads");
    s.step();
    return s.int64(0);
  }
};

TEST_F(ReadJournalTest, AReadIsDurableInTheJournalThenSealedIntoTheChainInOrder) {
  for (int i = 1; i <= 5; ++i) read_person(*storage, std::to_string(i));
  EXPECT_TRUE(chained_reads().empty());  // not yet sealed
  EXPECT_EQ(journal_rows(), 5);

  EXPECT_EQ(seal_reads(*storage), 5);
  EXPECT_EQ(chained_reads(), (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(journal_rows(), 0);
  EXPECT_EQ(seal_reads(*storage), 0);
  auto v = verify(*storage);
  EXPECT_TRUE(v.problems.empty()) << v.problems.front();
}

TEST_F(ReadJournalTest, AuditSearchShowsTheReadsOfTheLastSecond) {
  read_person(*storage, "42");
  auto entries = search(*storage, clock, admin, {.target_id = "42"});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "person.read");
  EXPECT_EQ(entries[0].request_id, "req-42");
}

TEST_F(ReadJournalTest, TwoProcessesLoggingAndSealingAtOnceChainEveryReadExactlyOnce) {
  auto other = open_second();  // as `musubi backup` beside a running server would
  constexpr int kEach = 150;
  std::thread a([&] {
    for (int i = 0; i < kEach; ++i) {
      read_person(*storage, "a" + std::to_string(i));
      if (i % 20 == 0) seal_reads(*storage);
    }
  });
  std::thread b([&] {
    for (int i = 0; i < kEach; ++i) {
      read_person(*other, "b" + std::to_string(i));
      if (i % 15 == 0) seal_reads(*other);
    }
  });
  a.join();
  b.join();
  seal_reads(*other);
  seal_reads(*storage);
  auto reads = chained_reads();
  EXPECT_EQ(reads.size(), 2u * kEach);
  EXPECT_EQ(std::set<std::string>(reads.begin(), reads.end()).size(), 2u * kEach);
  // Each process's reads keep their order in the chain.
  int last_a = -1;
  for (const auto& r : reads) {
    if (r[0] != 'a') continue;
    EXPECT_GT(std::stoi(r.substr(1)), last_a);
    last_a = std::stoi(r.substr(1));
  }
  auto v = verify(*storage);
  EXPECT_TRUE(v.problems.empty()) << v.problems.front();
}

TEST_F(ReadJournalTest, EntriesSealedButNotYetForgottenAreNotSealedTwice) {
  for (int i = 1; i <= 3; ++i) read_person(*storage, std::to_string(i));
  // A crash between the chain's commit and the journal's delete: the rows are still there.
  {
    backends::sqlite::Connection raw(journal_path(), false, "full");
    raw.exec("CREATE TABLE kept AS SELECT * FROM reads");
  }
  seal_reads(*storage);
  {
    backends::sqlite::Connection raw(journal_path(), false, "full");
    raw.exec("INSERT INTO reads SELECT * FROM kept; DROP TABLE kept");
  }
  EXPECT_EQ(journal_rows(), 3);
  EXPECT_EQ(seal_reads(*storage), 0);
  EXPECT_EQ(chained_reads().size(), 3u);
}

TEST_F(ReadJournalTest, AJournalMadeAnewContinuesTheNumbering) {
  read_person(*storage, "1");
  read_person(*storage, "2");
  seal_reads(*storage);
  storage.reset();
  std::filesystem::remove(journal_path());
  std::filesystem::remove(journal_path() + "-wal");
  std::filesystem::remove(journal_path() + "-shm");
  storage = open_second();
  read_person(*storage, "3");
  EXPECT_EQ(seal_reads(*storage), 1);  // not skipped as if already sealed
  EXPECT_EQ(chained_reads(), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(ReadJournalTest, WithoutAJournalReadsGoStraightIntoTheChain) {
  auto plain = std::make_unique<backends::sqlite::SqliteStorage>(
      backends::sqlite::Options{.path = db_path, .readers = 1});
  read_person(*plain, "9");
  EXPECT_EQ(chained_reads(), (std::vector<std::string>{"9"}));
}

// While a request is handled, a read is handed to the journal without the thread waiting; the
// answer waits for `when_logged`, which comes only once the entry is durable and sealable.
TEST_F(ReadJournalTest, ADeferredReadIsDurableBeforeItsWaitIsDone) {
  storage = open_second();
  auto wait = std::make_shared<ReadLogWait>();
  {
    DeferReadLogs deferred(wait);
    read_person(*storage, "41");
    read_person(*storage, "42");
  }
  EXPECT_EQ(DeferReadLogs::current(), nullptr) << "the scope ends with its block";
  EXPECT_TRUE(wait->pending());
  std::promise<std::exception_ptr> logged;
  wait->when_logged([&](std::exception_ptr error) { logged.set_value(error); });
  EXPECT_EQ(logged.get_future().get(), nullptr);
  EXPECT_EQ(seal_reads(*storage), 2);
  EXPECT_EQ(chained_reads(), (std::vector<std::string>{"41", "42"}));
}

TEST(ReadLogWait, CallsBackOnceEveryEntryIsSettledWithTheFirstFailure) {
  auto wait = std::make_shared<ReadLogWait>();
  EXPECT_FALSE(wait->pending());
  int calls = 0;
  wait->when_logged([&](std::exception_ptr e) {  // nothing pending: at once
    EXPECT_EQ(e, nullptr);
    ++calls;
  });
  EXPECT_EQ(calls, 1);
  auto first = wait->expect();
  auto second = wait->expect();
  std::exception_ptr seen;
  wait->when_logged([&](std::exception_ptr e) {
    seen = e;
    ++calls;
  });
  first(std::make_exception_ptr(std::runtime_error("disk full")));
  EXPECT_EQ(calls, 1) << "the second entry is still on its way";
  second(nullptr);
  EXPECT_EQ(calls, 2);
  ASSERT_NE(seen, nullptr);
  EXPECT_TRUE(wait->pending()) << "a failed wait stays failed";
  wait->when_logged([&](std::exception_ptr e) {
    EXPECT_EQ(e, seen);
    ++calls;
  });
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace musubi::audit
