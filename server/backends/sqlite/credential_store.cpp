#include "backends/sqlite/credential_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::auth;

namespace {

constexpr const char* kCredentialSelect =
    "SELECT id, region_id, login_id, password_hash, failed_logins, locked_until, active, "
    "must_change_password, last_login_at, last_login_ip FROM users ";

Credential read_credential(Statement& s) {
  Credential c;
  c.user_id = s.int64(0);
  c.region_id = s.int64(1);
  c.login_id = s.text(2);
  c.password_hash = s.text(3);
  c.failed_logins = s.int64(4);
  c.locked_until = s.int64(5);
  c.active = s.int64(6) != 0;
  c.must_change_password = s.int64(7) != 0;
  c.last_login_at = s.optional_int64(8);
  c.last_login_ip = s.text(9);
  return c;
}

}  // namespace

std::optional<Credential> SqliteCredentialStore::find_by_login(const std::string& login_id) {
  auto s = c_.prepare(std::string(kCredentialSelect) + "WHERE login_id = ?1");
  s.bind_all(login_id);
  if (!s.step()) return std::nullopt;
  return read_credential(s);
}

std::optional<Credential> SqliteCredentialStore::find_by_user(Id user_id) {
  static const std::string sql = std::string(kCredentialSelect) + "WHERE id = ?1";
  auto s = c_.prepare(sql);
  s.bind_all(user_id);
  if (!s.step()) return std::nullopt;
  return read_credential(s);
}

void SqliteCredentialStore::record_failure(Id user_id, std::int64_t failed,
                                           UnixSeconds locked_until) {
  c_.prepare("UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1")
      .bind_all(user_id, failed, locked_until)
      .run();
}

void SqliteCredentialStore::record_success(Id user_id, UnixSeconds at, const std::string& ip) {
  c_.prepare(
        "UPDATE users SET failed_logins = 0, locked_until = 0, last_login_at = ?2, last_login_ip = "
        "?3 "
        "WHERE id = ?1")
      .bind_all(user_id, at, ip)
      .run();
}

void SqliteCredentialStore::set_password(Id user_id, const std::string& hash, bool must_change,
                                         UnixSeconds at) {
  c_.prepare(
        "UPDATE users SET password_hash = ?2, must_change_password = ?3, password_changed_at = ?4, "
        "failed_logins = 0, locked_until = 0, updated_at = ?4 WHERE id = ?1")
      .bind_all(user_id, hash, must_change, at)
      .run();
}

}  // namespace musubi::backends::sqlite
