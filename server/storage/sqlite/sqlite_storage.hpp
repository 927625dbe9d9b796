// SQLite backend: one writer connection behind a mutex (SQLite allows one writer at a time, so
// queueing here avoids busy retries) and a pool of reader connections that run in parallel
// with it thanks to WAL.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/storage.hpp"

namespace musubi::storage::sqlite {

class Connection;

struct Options {
  std::string path;
  int readers = 4;
  std::string synchronous = "full";
};

class SqliteStorage : public Storage {
 public:
  explicit SqliteStorage(Options options);
  ~SqliteStorage() override;

  std::string backend_name() const override { return "sqlite"; }
  bool healthy() override;

  // Online backup of the live database into `destination` (consistent while serving).
  void backup_to(const std::string& destination);
  std::int64_t schema_version();
  // PRAGMA integrity_check; empty when the database is sound.
  std::string integrity_problems();
  // Checkpoints the WAL into the main file (clean shutdown).
  void checkpoint();

 protected:
  void run_write(const std::function<void(Transaction&)>& work) override;
  void run_read(const std::function<void(Transaction&)>& work) override;

 private:
  std::unique_ptr<Connection> take_reader();
  void give_back(std::unique_ptr<Connection> connection);

  Options options_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable readers_available_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace musubi::storage::sqlite
