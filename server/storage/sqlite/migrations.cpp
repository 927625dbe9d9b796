#include "storage/sqlite/migrations.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "storage/sqlite/connection.hpp"

namespace musubi::storage::sqlite {

std::int64_t schema_version(Connection& connection) {
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at INTEGER NOT NULL)");
  auto stmt = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  stmt.step();
  return stmt.int64(0);
}

int apply_migrations(Connection& connection) {
  int applied = 0;
  auto current = schema_version(connection);
  auto newest = embedded_migrations().empty() ? 0 : embedded_migrations().back().version;
  if (current > newest) {
    throw std::runtime_error(fmt::format(
        "database schema version {} is newer than this musubi ({}); use a newer release", current,
        newest));
  }
  for (const auto& migration : embedded_migrations()) {
    if (migration.version <= current) continue;
    connection.exec("BEGIN IMMEDIATE");
    try {
      connection.exec(migration.sql);
      connection
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)")
          .bind_all(migration.version, migration.name, Clock().now())
          .run();
      connection.exec("COMMIT");
    } catch (...) {
      connection.exec("ROLLBACK");
      throw;
    }
    ++applied;
  }
  return applied;
}

}  // namespace musubi::storage::sqlite
