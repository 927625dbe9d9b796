// Versioned schema migrations, embedded from migrations/*.sql at build time and applied at start,
// each inside its own transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace musubi::backends::sqlite {

class Connection;

struct Migration {
  std::int64_t version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& embedded_migrations();

// Applies every migration newer than the database's version; returns how many ran.
int apply_migrations(Connection& connection);

// Highest applied version (0 for an empty database).
std::int64_t schema_version(Connection& connection);

}  // namespace musubi::backends::sqlite
