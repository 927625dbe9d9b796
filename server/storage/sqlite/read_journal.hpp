// The read-audit journal (audit/read_journal.hpp) as an SQLite file of its own beside the
// database, with its own writer and group commit, so that logging a read never commits to the
// data file.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "audit/read_journal.hpp"

namespace musubi::storage::sqlite {

class Connection;
class GroupCommit;

class SqliteReadJournal final : public audit::ReadJournal {
 public:
  SqliteReadJournal(const std::string& path, const std::string& synchronous);
  ~SqliteReadJournal() override;

  void append(const audit::Entry& entry) override;
  std::vector<audit::JournalEntry> after(std::int64_t seq, std::int64_t limit) override;
  void forget_through(std::int64_t seq) override;
  void continue_after(std::int64_t seq) override;

 private:
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<GroupCommit> group_commit_;
  std::mutex reader_mutex_;
  std::unique_ptr<Connection> reader_;
};

}  // namespace musubi::storage::sqlite
