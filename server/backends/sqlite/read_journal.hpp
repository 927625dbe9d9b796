// The read-audit journal (audit/read_journal.hpp) as an SQLite file of its own beside the
// database, with its own writer and group commit, so that logging a read never commits to the
// data file.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/read_journal.hpp"

namespace musubi::backends::sqlite {

class Connection;
class GroupCommit;

class SqliteReadJournal final : public audit::ReadJournal {
 public:
  SqliteReadJournal(const std::string& path, const std::string& synchronous);
  ~SqliteReadJournal() override;

  void append(const audit::Entry& entry) override;
  void append_then(const audit::Entry& entry,
                   std::function<void(std::exception_ptr)> done) override;
  std::vector<audit::JournalEntry> after(std::int64_t seq, std::int64_t limit) override;
  void forget_through(std::int64_t seq) override;
  void continue_after(std::int64_t seq) override;

 private:
  struct Queued {
    audit::Entry entry;
    std::function<void(std::exception_ptr)> done;
  };
  void insert(const audit::Entry& entry);
  void commit_queued();  // the committer thread

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<GroupCommit> group_commit_;
  std::mutex reader_mutex_;
  std::unique_ptr<Connection> reader_;
  // append_then(): entries wait here for the committer thread, which commits all of them at once
  // (through the group commit, beside the blocking appends) and then calls each one's `done`.
  std::mutex queue_mutex_;
  std::condition_variable queued_;
  std::vector<Queued> queue_;
  bool stopping_ = false;
  std::thread committer_;
};

}  // namespace musubi::backends::sqlite
