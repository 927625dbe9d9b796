#include "backends/sqlite/sqlite_storage.hpp"

#include <sqlite3.h>

#include "backends/sqlite/attachment_store.hpp"
#include "backends/sqlite/audit_store.hpp"
#include "backends/sqlite/blob_store.hpp"
#include "backends/sqlite/board_store.hpp"
#include "backends/sqlite/connection.hpp"
#include "backends/sqlite/credential_store.hpp"
#include "backends/sqlite/device_store.hpp"
#include "backends/sqlite/disaster_store.hpp"
#include "backends/sqlite/ems_store.hpp"
#include "backends/sqlite/event_store.hpp"
#include "backends/sqlite/facility_store.hpp"
#include "backends/sqlite/group_commit.hpp"
#include "backends/sqlite/inbox_store.hpp"
#include "backends/sqlite/invitation_store.hpp"
#include "backends/sqlite/migrations.hpp"
#include "backends/sqlite/notice_store.hpp"
#include "backends/sqlite/notify_store.hpp"
#include "backends/sqlite/outbox_store.hpp"
#include "backends/sqlite/person_store.hpp"
#include "backends/sqlite/poll_store.hpp"
#include "backends/sqlite/post_store.hpp"
#include "backends/sqlite/read_journal.hpp"
#include "backends/sqlite/record_store.hpp"
#include "backends/sqlite/region_store.hpp"
#include "backends/sqlite/search_store.hpp"
#include "backends/sqlite/second_factor_store.hpp"
#include "backends/sqlite/session_store.hpp"
#include "backends/sqlite/user_store.hpp"

namespace musubi::backends::sqlite {

namespace {

// One unit of work on one connection; the stores are views of that connection.
class SqliteTransaction final : public storage::Transaction {
 public:
  explicit SqliteTransaction(Connection& c)
      : regions_(c),
        facilities_(c),
        users_(c),
        credentials_(c),
        sessions_(c),
        devices_(c),
        invitations_(c),
        second_factor_(c),
        outbox_(c),
        persons_(c),
        records_(c),
        audit_(c),
        boards_(c),
        posts_(c),
        attachments_(c),
        search_(c),
        inbox_(c),
        events_(c),
        blobs_(c),
        notices_(c),
        polls_(c),
        notifications_(c),
        ems_(c),
        disaster_(c) {}
  region::RegionStore& regions() override { return regions_; }
  region::FacilityStore& facilities() override { return facilities_; }
  region::UserStore& users() override { return users_; }
  auth::CredentialStore& credentials() override { return credentials_; }
  auth::SessionStore& sessions() override { return sessions_; }
  auth::DeviceStore& devices() override { return devices_; }
  auth::InvitationStore& invitations() override { return invitations_; }
  auth::SecondFactorStore& second_factor() override { return second_factor_; }
  mail::OutboxStore& outbox() override { return outbox_; }
  person::PersonStore& persons() override { return persons_; }
  person::RecordStore& records() override { return records_; }
  audit::AuditStore& audit() override { return audit_; }
  board::BoardStore& boards() override { return boards_; }
  board::PostStore& posts() override { return posts_; }
  board::AttachmentStore& attachments() override { return attachments_; }
  board::SearchStore& search() override { return search_; }
  board::InboxStore& inbox() override { return inbox_; }
  board::EventStore& events() override { return events_; }
  files::BlobStore& blobs() override { return blobs_; }
  notice::NoticeStore& notices() override { return notices_; }
  poll::PollStore& polls() override { return polls_; }
  notify::NotifyStore& notifications() override { return notifications_; }
  ems::EmsStore& ems() override { return ems_; }
  disaster::DisasterStore& disaster() override { return disaster_; }

 private:
  SqliteRegionStore regions_;
  SqliteFacilityStore facilities_;
  SqliteUserStore users_;
  SqliteCredentialStore credentials_;
  SqliteSessionStore sessions_;
  SqliteDeviceStore devices_;
  SqliteInvitationStore invitations_;
  SqliteSecondFactorStore second_factor_;
  SqliteOutboxStore outbox_;
  SqlitePersonStore persons_;
  SqliteRecordStore records_;
  SqliteAuditStore audit_;
  SqliteBoardStore boards_;
  SqlitePostStore posts_;
  SqliteAttachmentStore attachments_;
  SqliteSearchStore search_;
  SqliteInboxStore inbox_;
  SqliteEventStore events_;
  SqliteBlobStore blobs_;
  SqliteNoticeStore notices_;
  SqlitePollStore polls_;
  SqliteNotifyStore notifications_;
  SqliteEmsStore ems_;
  SqliteDisasterStore disaster_;
};

void run_in_transaction(Connection& c, const char* begin,
                        const std::function<void(storage::Transaction&)>& work) {
  c.exec(begin);
  try {
    SqliteTransaction tx(c);
    work(tx);
    c.exec("COMMIT");
  } catch (...) {
    if (!sqlite3_get_autocommit(c.handle())) c.exec("ROLLBACK");
    throw;
  }
}

}  // namespace

SqliteStorage::SqliteStorage(Options options) : options_(std::move(options)) {
  writer_ = std::make_unique<Connection>(options_.path, false, options_.synchronous);
  group_commit_ = std::make_unique<GroupCommit>(*writer_, write_mutex_);
  apply_migrations(*writer_);
  restore_set_aside_triggers();
  for (int i = 0; i < std::max(1, options_.readers); ++i) {
    readers_.push_back(std::make_unique<Connection>(options_.path, true, options_.synchronous));
  }
  if (!options_.read_journal_path.empty()) {
    read_journal_ =
        std::make_unique<SqliteReadJournal>(options_.read_journal_path, options_.synchronous);
    std::int64_t sealed = 0;
    run_read([&](storage::Transaction& tx) { sealed = tx.audit().journal_sealed_through(); });
    read_journal_->continue_after(sealed);
  }
}

audit::ReadJournal* SqliteStorage::read_journal() {
  return read_journal_.get();
}

SqliteStorage::~SqliteStorage() = default;

void SqliteStorage::run_write(const std::function<void(storage::Transaction&)>& work) {
  group_commit_->run([&] {
    SqliteTransaction tx(*writer_);
    work(tx);
  });
}

void SqliteStorage::run_read(const std::function<void(storage::Transaction&)>& work) {
  auto connection = take_reader();
  try {
    run_in_transaction(*connection, "BEGIN", work);
  } catch (...) {
    give_back(std::move(connection));
    throw;
  }
  give_back(std::move(connection));
}

std::unique_ptr<Connection> SqliteStorage::take_reader() {
  std::unique_lock lock(readers_mutex_);
  readers_available_.wait(lock, [&] { return !readers_.empty(); });
  auto connection = std::move(readers_.back());
  readers_.pop_back();
  return connection;
}

void SqliteStorage::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(readers_mutex_);
    readers_.push_back(std::move(connection));
  }
  readers_available_.notify_one();
}

bool SqliteStorage::healthy() {
  try {
    auto connection = take_reader();
    bool ok = false;
    try {
      auto s = connection->prepare("SELECT 1");
      ok = s.step() && s.int64(0) == 1;
    } catch (...) {
    }
    give_back(std::move(connection));
    return ok;
  } catch (...) {
    return false;
  }
}

void SqliteStorage::backup_to(const std::string& destination) {
  sqlite3* target = nullptr;
  int rc = sqlite3_open_v2(destination.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(target);
    throw SqliteError(rc, "sqlite: cannot create backup file " + destination);
  }
  auto connection = take_reader();
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", connection->handle(), "main");
  if (!backup) {
    std::string message = sqlite3_errmsg(target);
    give_back(std::move(connection));
    sqlite3_close(target);
    throw SqliteError(SQLITE_ERROR, "sqlite: backup failed: " + message);
  }
  // All pages in one step: the copy is one consistent snapshot even while others write.
  rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  give_back(std::move(connection));
  int close_rc = sqlite3_close(target);
  if (rc != SQLITE_DONE) {
    throw SqliteError(rc, std::string("sqlite: backup failed: ") + sqlite3_errstr(rc));
  }
  if (close_rc != SQLITE_OK) throw SqliteError(close_rc, "sqlite: backup file could not be closed");
}

std::int64_t SqliteStorage::schema_version() {
  std::lock_guard lock(write_mutex_);
  return sqlite::schema_version(*writer_);
}

std::string SqliteStorage::integrity_problems() {
  std::lock_guard lock(write_mutex_);
  auto s = writer_->prepare("PRAGMA integrity_check");
  std::string problems;
  while (s.step()) {
    auto line = s.text(0);
    if (line != "ok") problems += line + "\n";
  }
  return problems;
}

void SqliteStorage::checkpoint() {
  std::lock_guard lock(write_mutex_);
  writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void SqliteStorage::bulk_load(const std::function<void()>& load) {
  {
    std::lock_guard lock(write_mutex_);
    run_in_transaction(*writer_, "BEGIN IMMEDIATE", [&](storage::Transaction&) {
      writer_->exec(
          "INSERT INTO bulk_load_triggers (name, sql) SELECT name, sql FROM sqlite_master WHERE "
          "type = 'trigger' AND name LIKE 'inbox!_%' ESCAPE '!'");
      std::vector<std::string> names;
      {
        auto s = writer_->prepare("SELECT name FROM bulk_load_triggers");
        while (s.step()) names.push_back(s.text(0));
      }
      for (const auto& name : names) writer_->exec("DROP TRIGGER " + name);
    });
  }
  try {
    load();
  } catch (...) {
    restore_set_aside_triggers();
    throw;
  }
  restore_set_aside_triggers();
}

void SqliteStorage::restore_set_aside_triggers() {
  std::lock_guard lock(write_mutex_);
  run_in_transaction(*writer_, "BEGIN IMMEDIATE", [&](storage::Transaction&) {
    std::vector<std::string> definitions;
    {
      auto s = writer_->prepare("SELECT sql FROM bulk_load_triggers ORDER BY name");
      while (s.step()) definitions.push_back(s.text(0));
    }
    if (definitions.empty()) return;
    // The inbox and its tallies made anew from the rules in one pass each, then the triggers
    // that keep them current from here on.
    writer_->exec("DELETE FROM inbox_items");
    writer_->exec("INSERT INTO inbox_items SELECT * FROM inbox_rebuild");
    writer_->exec("DELETE FROM inbox_tallies");
    writer_->exec(
        "INSERT INTO inbox_tallies (user_id, board_id, unread, unread_to_me) SELECT user_id, "
        "board_id, SUM(unread != 0), SUM(unread != 0 AND to_me != 0) FROM inbox_items GROUP BY "
        "user_id, board_id");
    for (const auto& sql : definitions) writer_->exec(sql);
    writer_->exec("DELETE FROM bulk_load_triggers");
  });
}

}  // namespace musubi::backends::sqlite
