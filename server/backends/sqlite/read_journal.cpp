#include "backends/sqlite/read_journal.hpp"

#include "backends/sqlite/connection.hpp"
#include "backends/sqlite/group_commit.hpp"

namespace musubi::backends::sqlite {

SqliteReadJournal::SqliteReadJournal(const std::string& path, const std::string& synchronous) {
  writer_ = std::make_unique<Connection>(path, false, synchronous);
  // AUTOINCREMENT: a seq is never handed out twice, even after the newest entries are forgotten.
  writer_->exec(
      "CREATE TABLE IF NOT EXISTS reads (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT "
      "NULL, region_id INTEGER, actor_user_id INTEGER, actor_login TEXT NOT NULL, action TEXT NOT "
      "NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL, outcome TEXT NOT NULL, detail "
      "TEXT NOT NULL, ip TEXT NOT NULL, request_id TEXT NOT NULL)");
  group_commit_ = std::make_unique<GroupCommit>(*writer_, writer_mutex_);
  reader_ = std::make_unique<Connection>(path, true, synchronous);
  committer_ = std::thread([this] { commit_queued(); });
}

SqliteReadJournal::~SqliteReadJournal() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queued_.notify_one();
  committer_.join();  // after committing what was queued: every `done` is called
}

void SqliteReadJournal::insert(const audit::Entry& e) {
  writer_
      ->prepare(
          "INSERT INTO reads (at, region_id, actor_user_id, actor_login, action, target_type, "
          "target_id, outcome, detail, ip, request_id) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .bind_all(e.at, e.region_id, e.actor_user_id, e.actor_login, e.action, e.target_type,
                e.target_id, e.outcome, e.detail, e.ip, e.request_id)
      .run();
}

void SqliteReadJournal::append(const audit::Entry& e) {
  group_commit_->run([&] { insert(e); });
}

void SqliteReadJournal::append_then(const audit::Entry& entry,
                                    std::function<void(std::exception_ptr)> done) {
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back({entry, std::move(done)});
  }
  queued_.notify_one();
}

void SqliteReadJournal::commit_queued() {
  std::vector<Queued> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      batch.swap(queue_);
    }
    std::exception_ptr error;
    try {
      group_commit_->run([&] {
        for (const auto& q : batch) insert(q.entry);
      });
    } catch (...) {
      error = std::current_exception();
    }
    for (auto& q : batch) q.done(error);
    batch.clear();
  }
}

std::vector<audit::JournalEntry> SqliteReadJournal::after(std::int64_t seq, std::int64_t limit) {
  std::lock_guard lock(reader_mutex_);
  auto s = reader_->prepare(
      "SELECT seq, at, region_id, actor_user_id, actor_login, action, target_type, target_id, "
      "outcome, detail, ip, request_id FROM reads WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  s.bind_all(seq, limit);
  std::vector<audit::JournalEntry> out;
  while (s.step()) {
    audit::JournalEntry j;
    j.seq = s.int64(0);
    j.entry.at = s.int64(1);
    j.entry.region_id = s.optional_int64(2);
    j.entry.actor_user_id = s.optional_int64(3);
    j.entry.actor_login = s.text(4);
    j.entry.action = s.text(5);
    j.entry.target_type = s.text(6);
    j.entry.target_id = s.text(7);
    j.entry.outcome = s.text(8);
    j.entry.detail = s.text(9);
    j.entry.ip = s.text(10);
    j.entry.request_id = s.text(11);
    out.push_back(std::move(j));
  }
  return out;
}

void SqliteReadJournal::forget_through(std::int64_t seq) {
  group_commit_->run(
      [&] { writer_->prepare("DELETE FROM reads WHERE seq <= ?1").bind_all(seq).run(); });
}

void SqliteReadJournal::continue_after(std::int64_t seq) {
  group_commit_->run([&] {
    writer_->prepare("UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'reads' AND seq < ?1")
        .bind_all(seq)
        .run();
    writer_
        ->prepare(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'reads', ?1 WHERE NOT EXISTS "
            "(SELECT 1 FROM sqlite_sequence WHERE name = 'reads')")
        .bind_all(seq)
        .run();
  });
}

}  // namespace musubi::backends::sqlite
