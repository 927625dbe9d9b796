#include "backends/sqlite/connection.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

namespace {

// musubi_fold(text): the search form of board text (core/search_text), so that triggers keep the
// search index in step with every write, whichever code path made it.
void fold_function(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!p) {
    sqlite3_result_null(context);
    return;
  }
  auto folded = text::fold_for_search(
      std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text64(context, folded.data(), folded.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// musubi_search_key(text): the key persons, users and facilities are found by (core/text), so
// that a migration can re-key stored rows when the folding rules change.
void search_key_function(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!p) {
    sqlite3_result_null(context);
    return;
  }
  auto key =
      text::search_key(std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text64(context, key.data(), key.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

std::string_view text_arg(sqlite3_value* v) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

// musubi_name_keys(name_kana, name): a JSON array of the prefixes a person is found by
// (core/text name_search_keys), for the triggers that keep person_name_keys current.
void name_keys_function(sqlite3_context* context, int, sqlite3_value** argv) {
  auto keys = nlohmann::json(text::name_search_keys(text_arg(argv[0]), text_arg(argv[1]))).dump();
  sqlite3_result_text64(context, keys.data(), keys.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// musubi_phone_key(phone): the reversed digits a phone number is found by (core/text), kept in
// persons.phone_key by triggers.
void phone_key_function(sqlite3_context* context, int, sqlite3_value** argv) {
  auto key = text::phone_key(text_arg(argv[0]));
  sqlite3_result_text64(context, key.data(), key.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

bool SqliteError::is_unique_violation() const {
  return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

namespace {

// A full disk is the operator's to fix, not a bug: the caller hears 507 with a message that says
// nothing was saved (the transaction rolled back), and the log says where.
[[noreturn]] void throw_failure(sqlite3* db, int extended, const std::string& what) {
  const bool full = (extended & 0xff) == SQLITE_FULL ||
                    ((extended & 0xff) == SQLITE_IOERR && db && sqlite3_system_errno(db) == ENOSPC);
  if (full) {
    spdlog::error("storage full: {}", what);
    throw Error(ErrorCode::storage_full);
  }
  throw SqliteError(extended, what);
}

}  // namespace

void check(sqlite3* db, int rc, std::string_view context) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  throw_failure(
      db, extended,
      fmt::format("sqlite: {}: {}", context, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

Statement::Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_double(stmt_, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  check(
      sqlite3_db_handle(stmt_),
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      "bind");
  return *this;
}

Statement& Statement::bind(int index, BlobValue value) {
  check(sqlite3_db_handle(stmt_),
        sqlite3_bind_blob64(stmt_, index, value.bytes.data(), value.bytes.size(), SQLITE_TRANSIENT),
        "bind");
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  check(sqlite3_db_handle(stmt_), rc, sqlite3_sql(stmt_));
  return false;
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

Connection::Connection(const std::string& path, bool read_only, const std::string& synchronous) {
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, fmt::format("sqlite: cannot open {}: {}", path, message));
  }
  // A constructor that throws runs no destructor: close the handle here if setting it up fails
  // (a file that is not a database fails at the first statement).
  try {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    check(db_,
          sqlite3_create_function_v2(db_, "musubi_fold", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                     fold_function, nullptr, nullptr, nullptr),
          "register musubi_fold");
    check(db_,
          sqlite3_create_function_v2(db_, "musubi_search_key", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                     search_key_function, nullptr, nullptr, nullptr),
          "register musubi_search_key");
    check(db_,
          sqlite3_create_function_v2(db_, "musubi_name_keys", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                     name_keys_function, nullptr, nullptr, nullptr),
          "register musubi_name_keys");
    check(db_,
          sqlite3_create_function_v2(db_, "musubi_phone_key", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                     phone_key_function, nullptr, nullptr, nullptr),
          "register musubi_phone_key");
    if (!read_only) exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA foreign_keys=ON");
    exec(synchronous == "normal" ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    exec("PRAGMA temp_store=MEMORY");
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  if (db_) sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    check(db_,
          sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt, nullptr),
          sql);
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Statement(it->second);
}

void Connection::exec(std::string_view sql) {
  if (sql.find(';') == std::string_view::npos) {
    auto s = prepare(sql);
    while (s.step()) {
    }
    return;
  }
  std::string copy(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw_failure(db_, sqlite3_extended_errcode(db_), fmt::format("sqlite: {}", message));
  }
}

std::int64_t Connection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t Connection::changes() const {
  return sqlite3_changes64(db_);
}

std::string id_array(const std::int64_t* ids, std::size_t count) {
  std::string out = "[";
  char digits[24];
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ',';
    auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), ids[i]);
    out.append(digits, end);
  }
  out += ']';
  return out;
}

}  // namespace musubi::backends::sqlite
