// SQLite backend: one writer connection (SQLite allows one writer at a time, so queueing here
// avoids busy retries) and a pool of reader connections that run in parallel with it thanks to
// WAL. Writes that arrive together are committed together (group_commit.hpp).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/storage.hpp"

namespace musubi::backends::sqlite {

class Connection;
class GroupCommit;
class SqliteReadJournal;

struct Options {
  std::string path;
  int readers = 4;
  std::string synchronous = "full";
  // The read-audit journal's file; empty: reads are logged straight into the chain.
  std::string read_journal_path;
};

class SqliteStorage : public storage::Storage {
 public:
  explicit SqliteStorage(Options options);
  ~SqliteStorage() override;

  std::string backend_name() const override { return "sqlite"; }
  audit::ReadJournal* read_journal() override;
  bool healthy() override;

  // Online backup of the live database into `destination` (consistent while serving).
  void backup_to(const std::string& destination);
  std::int64_t schema_version();
  // PRAGMA integrity_check; empty when the database is sound.
  std::string integrity_problems();
  // Checkpoints the WAL into the main file (clean shutdown).
  void checkpoint();
  // Runs `load` (many large writes of generated data) with the inbox's triggers set aside, then
  // rebuilds the inbox once. Kept current row by row, a million-post load ran several times
  // slower: every trigger program makes SQLite journal each statement, and FTS5 flushes its
  // pending terms at each. A load that dies is repaired at the next start.
  void bulk_load(const std::function<void()>& load);

 protected:
  void run_write(const std::function<void(storage::Transaction&)>& work) override;
  void run_read(const std::function<void(storage::Transaction&)>& work) override;

 private:
  void restore_set_aside_triggers();
  std::unique_ptr<Connection> take_reader();
  void give_back(std::unique_ptr<Connection> connection);

  Options options_;
  std::mutex write_mutex_;  // held while the writer connection is in use
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<GroupCommit> group_commit_;
  std::unique_ptr<SqliteReadJournal> read_journal_;
  std::mutex readers_mutex_;
  std::condition_variable readers_available_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace musubi::backends::sqlite
