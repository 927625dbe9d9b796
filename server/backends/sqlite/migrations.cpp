#include "backends/sqlite/migrations.hpp"

#include <fmt/format.h>

#include "backends/sqlite/connection.hpp"
#include "core/clock.hpp"

namespace musubi::backends::sqlite {

namespace {
constexpr std::string_view kForeignKeysOff = "-- foreign_keys: off";
}

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
    // A migration that rebuilds a referenced table (SQLite's documented 12-step way) runs with
    // foreign keys off, which only takes effect outside a transaction, and checks them at the end.
    const bool rebuilds = std::string_view(migration.sql).starts_with(kForeignKeysOff);
    if (rebuilds) connection.exec("PRAGMA foreign_keys=OFF");
    connection.exec("BEGIN IMMEDIATE");
    try {
      connection.exec(migration.sql);
      if (rebuilds && connection.prepare("PRAGMA foreign_key_check").step()) {
        throw std::runtime_error(
            fmt::format("migration {} leaves a broken foreign key", migration.version));
      }
      connection
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)")
          .bind_all(migration.version, migration.name, Clock().now())
          .run();
      connection.exec("COMMIT");
    } catch (...) {
      connection.exec("ROLLBACK");
      if (rebuilds) connection.exec("PRAGMA foreign_keys=ON");
      throw;
    }
    if (rebuilds) connection.exec("PRAGMA foreign_keys=ON");
    ++applied;
  }
  return applied;
}

}  // namespace musubi::backends::sqlite
