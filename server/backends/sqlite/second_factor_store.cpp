// One-time code (TOTP) secrets and recovery codes in SQLite.
#include "backends/sqlite/second_factor_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::auth;

std::optional<TotpSecret> SqliteSecondFactorStore::totp(Id user_id) {
  auto s = c_.prepare(
      "SELECT user_id, secret, created_at, confirmed_at, last_step FROM totp_secrets WHERE "
      "user_id = ?1");
  s.bind_all(user_id);
  if (!s.step()) return std::nullopt;
  return TotpSecret{s.int64(0), s.blob(1), s.int64(2), s.optional_int64(3), s.int64(4)};
}

void SqliteSecondFactorStore::put_totp(Id user_id, const std::string& secret, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO totp_secrets (user_id, secret, created_at) VALUES (?1, ?2, ?3) ON "
        "CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = "
        "excluded.created_at, confirmed_at = NULL, last_step = 0")
      .bind_all(user_id, BlobValue{secret}, now)
      .run();
}

void SqliteSecondFactorStore::confirm_totp(Id user_id, std::int64_t step, UnixSeconds now) {
  c_.prepare("UPDATE totp_secrets SET confirmed_at = ?3, last_step = ?2 WHERE user_id = ?1")
      .bind_all(user_id, step, now)
      .run();
}

bool SqliteSecondFactorStore::advance_step(Id user_id, std::int64_t step) {
  c_.prepare("UPDATE totp_secrets SET last_step = ?2 WHERE user_id = ?1 AND last_step < ?2")
      .bind_all(user_id, step)
      .run();
  return c_.changes() == 1;
}

void SqliteSecondFactorStore::remove(Id user_id) {
  c_.prepare("DELETE FROM totp_secrets WHERE user_id = ?1").bind_all(user_id).run();
  c_.prepare("DELETE FROM recovery_codes WHERE user_id = ?1").bind_all(user_id).run();
}

void SqliteSecondFactorStore::replace_recovery_codes(Id user_id,
                                                     const std::vector<std::string>& hashes) {
  c_.prepare("DELETE FROM recovery_codes WHERE user_id = ?1").bind_all(user_id).run();
  for (const auto& hash : hashes) {
    c_.prepare("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)")
        .bind_all(user_id, hash)
        .run();
  }
}

bool SqliteSecondFactorStore::use_recovery_code(Id user_id, const std::string& hash,
                                                UnixSeconds now) {
  c_.prepare(
        "UPDATE recovery_codes SET used_at = ?3 WHERE id = (SELECT id FROM recovery_codes WHERE "
        "user_id = ?1 AND code_hash = ?2 AND used_at IS NULL LIMIT 1)")
      .bind_all(user_id, hash, now)
      .run();
  return c_.changes() == 1;
}

std::int64_t SqliteSecondFactorStore::recovery_codes_left(Id user_id) {
  auto s = c_.prepare("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL");
  s.bind_all(user_id);
  s.step();
  return s.int64(0);
}

}  // namespace musubi::backends::sqlite
