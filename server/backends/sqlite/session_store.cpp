#include <nlohmann/json.hpp>

#include "backends/sqlite/session_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::auth;

namespace {

constexpr const char* kSessionSelect =
    "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, "
    "device_id, idle_timeout_seconds FROM sessions ";

Session read_session(Statement& s) {
  Session x;
  x.id = s.int64(0);
  x.user_id = s.int64(1);
  x.csrf_token = s.text(2);
  x.created_at = s.int64(3);
  x.last_seen_at = s.int64(4);
  x.expires_at = s.int64(5);
  x.ip = s.text(6);
  x.user_agent = s.text(7);
  x.device_id = s.optional_int64(8);
  x.idle_timeout_seconds = s.int64(9);
  return x;
}

}  // namespace

Id SqliteSessionStore::insert(const std::string& token_hash, const Session& x) {
  c_.prepare(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
        "expires_at, "
        "ip, user_agent, device_id, idle_timeout_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10)")
      .bind_all(token_hash, x.user_id, x.csrf_token, x.created_at, x.last_seen_at, x.expires_at,
                x.ip, x.user_agent, x.device_id, x.idle_timeout_seconds)
      .run();
  return c_.last_insert_rowid();
}

std::optional<Session> SqliteSessionStore::find_open(const std::string& token_hash) {
  static const std::string sql =
      std::string(kSessionSelect) + "WHERE token_hash = ?1 AND ended_at IS NULL";
  auto s = c_.prepare(sql);
  s.bind_all(token_hash);
  if (!s.step()) return std::nullopt;
  return read_session(s);
}

void SqliteSessionStore::touch(Id session_id, UnixSeconds at) {
  c_.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1 AND ended_at IS NULL")
      .bind_all(session_id, at)
      .run();
}

void SqliteSessionStore::end(Id session_id, UnixSeconds at, const std::string& reason) {
  c_.prepare(
        "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND ended_at IS NULL")
      .bind_all(session_id, at, reason)
      .run();
}

std::int64_t SqliteSessionStore::end_all_for_user(Id user_id, UnixSeconds at,
                                                  const std::string& reason,
                                                  std::optional<Id> except_session) {
  c_.prepare(
        "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE user_id = ?1 AND ended_at IS "
        "NULL "
        "AND (?4 IS NULL OR id <> ?4)")
      .bind_all(user_id, at, reason, except_session)
      .run();
  return c_.changes();
}

std::int64_t SqliteSessionStore::end_all_for_device(Id device_id, UnixSeconds at,
                                                    const std::string& reason) {
  c_.prepare(
        "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE device_id = ?1 AND ended_at IS "
        "NULL")
      .bind_all(device_id, at, reason)
      .run();
  return c_.changes();
}

std::int64_t SqliteSessionStore::end_all_without_device(Id region_id, UnixSeconds at,
                                                        const std::string& reason) {
  c_.prepare(
        "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE ended_at IS NULL AND device_id "
        "IS NULL AND user_id IN (SELECT id FROM users WHERE region_id = ?1)")
      .bind_all(region_id, at, reason)
      .run();
  return c_.changes();
}

std::vector<Session> SqliteSessionStore::open_among(const std::vector<Id>& session_ids) {
  auto s = c_.prepare(std::string(kSessionSelect) +
                      "WHERE id IN (SELECT value FROM json_each(?1)) AND ended_at IS NULL");
  s.bind_all(nlohmann::json(session_ids).dump());
  std::vector<Session> out;
  while (s.step()) out.push_back(read_session(s));
  return out;
}

std::vector<Session> SqliteSessionStore::open_for_user(Id user_id) {
  auto s = c_.prepare(std::string(kSessionSelect) +
                      "WHERE user_id = ?1 AND ended_at IS NULL ORDER BY id DESC");
  s.bind_all(user_id);
  std::vector<Session> out;
  while (s.step()) out.push_back(read_session(s));
  return out;
}

}  // namespace musubi::backends::sqlite
