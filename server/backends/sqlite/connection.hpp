// A thin RAII layer over the SQLite C API: one Connection per thread of use, prepared
// statements cached per connection, values always bound (never spliced into SQL text).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace musubi::backends::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool is_unique_violation() const;

 private:
  int code_;
};

// Bytes bound as a BLOB rather than TEXT.
struct BlobValue {
  std::string_view bytes;
};

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, BlobValue value);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  // Binds the arguments to ?1, ?2, … in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  bool step();  // true while a row is available
  void run();   // steps to the end, for statements without rows

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  // A column holding an id of a known kind (core/ids.hpp).
  template <class IdType>
  IdType id(int column) const {
    return IdType{int64(column)};
  }
  template <class IdType>
  std::optional<IdType> optional_id(int column) const {
    if (is_null(column)) return std::nullopt;
    return IdType{int64(column)};
  }

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  Connection(const std::string& path, bool read_only, const std::string& synchronous);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement, reset and unbound when the returned object goes away.
  Statement prepare(std::string_view sql);
  // Runs SQL without results. One statement (BEGIN, COMMIT, a PRAGMA …) is prepared once and
  // cached like any other; several (a migration) are run by sqlite3_exec.
  void exec(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  // Looked up by the SQL text on every use: hashed, not compared along long shared prefixes.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

// Ids bound as one JSON array, read in SQL with json_each(?n): "[1,2,3]".
std::string id_array(const std::int64_t* ids, std::size_t count);
inline std::string id_array(const std::vector<std::int64_t>& ids) {
  return id_array(ids.data(), ids.size());
}
// The same for ids of a known kind (core/ids.hpp), which hold nothing but the number.
template <class IdType>
std::string id_array(const std::vector<IdType>& ids) {
  std::vector<std::int64_t> values(ids.begin(), ids.end());
  return id_array(values);
}

// Throws SqliteError for a non-OK result code.
void check(sqlite3* db, int rc, std::string_view context);

}  // namespace musubi::backends::sqlite
