// Invitations, one-time code secrets and the outgoing mail queue in SQLite.
#include "backends/sqlite/invitation_store.hpp"
#include "backends/sqlite/outbox_store.hpp"
#include "backends/sqlite/second_factor_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::auth;

namespace {

constexpr const char* kInvitationSelect =
    "SELECT i.id, i.region_id, i.user_id, i.sets_password, i.second_factor, i.device_name, "
    "i.created_by, i.created_at, i.expires_at, i.used_at, i.cancelled_at, i.device_id, "
    // A bounce after sending makes a sent mail failed: failed_at decides first.
    "i.mail_id, CASE WHEN m.id IS NULL THEN '' WHEN m.failed_at IS NOT NULL THEN 'failed' WHEN "
    "m.sent_at IS NOT NULL THEN 'sent' ELSE 'queued' END, COALESCE(m.last_error, '') FROM "
    "invitations i LEFT JOIN mail_outbox m ON m.id = i.mail_id ";

Invitation read_invitation(Statement& s) {
  Invitation i;
  i.id = s.int64(0);
  i.region_id = s.int64(1);
  i.user_id = s.int64(2);
  i.sets_password = s.int64(3) != 0;
  i.second_factor = s.text(4) == "totp" ? SecondFactor::totp : SecondFactor::certificate;
  i.device_name = s.text(5);
  i.created_by = s.optional_int64(6);
  i.created_at = s.int64(7);
  i.expires_at = s.int64(8);
  i.used_at = s.optional_int64(9);
  i.cancelled_at = s.optional_int64(10);
  i.device_id = s.optional_int64(11);
  i.mail_id = s.optional_int64(12);
  i.mail_status = s.text(13);
  i.mail_error = s.text(14);
  return i;
}

mail::QueuedMail read_mail(Statement& s) {
  mail::QueuedMail m;
  m.id = s.int64(0);
  m.region_id = s.optional_int64(1);
  m.recipient = s.text(2);
  m.subject = s.text(3);
  m.body = s.optional_text(4).value_or("");
  m.kind = s.text(5);
  m.created_at = s.int64(6);
  m.attempts = s.int64(7);
  m.sent_at = s.optional_int64(8);
  m.failed_at = s.optional_int64(9);
  m.last_error = s.text(10);
  return m;
}

}  // namespace

Id SqliteInvitationStore::insert(const Invitation& i, const std::string& token_hash) {
  c_.prepare(
        "INSERT INTO invitations (region_id, user_id, token_hash, sets_password, second_factor, "
        "device_name, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9)")
      .bind_all(i.region_id, i.user_id, token_hash, i.sets_password,
                i.second_factor == SecondFactor::totp ? "totp" : "certificate", i.device_name,
                i.created_by, i.created_at, i.expires_at)
      .run();
  return c_.last_insert_rowid();
}

void SqliteInvitationStore::set_mail(Id invitation_id, Id mail_id) {
  c_.prepare("UPDATE invitations SET mail_id = ?2 WHERE id = ?1")
      .bind_all(invitation_id, mail_id)
      .run();
}

std::optional<Invitation> SqliteInvitationStore::find_by_token(const std::string& token_hash) {
  auto s = c_.prepare(std::string(kInvitationSelect) + "WHERE i.token_hash = ?1");
  s.bind_all(token_hash);
  if (!s.step()) return std::nullopt;
  return read_invitation(s);
}

std::vector<Invitation> SqliteInvitationStore::of_user(Id user_id) {
  auto s = c_.prepare(std::string(kInvitationSelect) +
                      "WHERE i.user_id = ?1 ORDER BY i.id DESC LIMIT 20");
  s.bind_all(user_id);
  std::vector<Invitation> out;
  while (s.step()) out.push_back(read_invitation(s));
  return out;
}

std::int64_t SqliteInvitationStore::cancel_open(Id user_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE invitations SET cancelled_at = ?2 WHERE user_id = ?1 AND used_at IS NULL AND "
        "cancelled_at IS NULL AND expires_at > ?2")
      .bind_all(user_id, now)
      .run();
  return c_.changes();
}

bool SqliteInvitationStore::use(Id invitation_id, std::optional<Id> device_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE invitations SET used_at = ?3, device_id = ?2 WHERE id = ?1 AND used_at IS NULL "
        "AND cancelled_at IS NULL AND expires_at > ?3")
      .bind_all(invitation_id, device_id, now)
      .run();
  return c_.changes() == 1;
}

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

mail::Id SqliteOutboxStore::enqueue(const mail::QueuedMail& m, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO mail_outbox (region_id, recipient, subject, body, kind, created_at, "
        "next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
      .bind_all(m.region_id, m.recipient, m.subject, m.body, m.kind, now)
      .run();
  return c_.last_insert_rowid();
}

constexpr const char* kMailSelect =
    "SELECT id, region_id, recipient, subject, body, kind, created_at, attempts, sent_at, "
    "failed_at, last_error FROM mail_outbox ";

std::vector<mail::QueuedMail> SqliteOutboxStore::due(UnixSeconds now, std::int64_t limit) {
  auto s = c_.prepare(std::string(kMailSelect) +
                      "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1 "
                      "ORDER BY next_attempt_at, id LIMIT ?2");
  s.bind_all(now, limit);
  std::vector<mail::QueuedMail> out;
  while (s.step()) out.push_back(read_mail(s));
  return out;
}

void SqliteOutboxStore::mark_sent(mail::Id id, UnixSeconds now) {
  c_.prepare(
        "UPDATE mail_outbox SET sent_at = ?2, body = NULL, attempts = attempts + 1, last_error = "
        "'' WHERE id = ?1")
      .bind_all(id, now)
      .run();
}

void SqliteOutboxStore::mark_failed_attempt(mail::Id id, const std::string& error, UnixSeconds now,
                                            std::optional<UnixSeconds> next_attempt_at) {
  if (next_attempt_at) {
    c_.prepare(
          "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 "
          "WHERE id = ?1")
        .bind_all(id, error, *next_attempt_at)
        .run();
  } else {
    c_.prepare(
          "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?2, failed_at = ?3, body "
          "= NULL WHERE id = ?1")
        .bind_all(id, error, now)
        .run();
  }
}

bool SqliteOutboxStore::mark_bounced(mail::Id id, const std::string& reason, UnixSeconds now) {
  c_.prepare("UPDATE mail_outbox SET failed_at = ?3, last_error = ?2, body = NULL WHERE id = ?1")
      .bind_all(id, reason, now)
      .run();
  return c_.changes() > 0;
}

std::vector<mail::QueuedMail> SqliteOutboxStore::recent(mail::Id region_id, std::int64_t limit) {
  auto s = c_.prepare(std::string(kMailSelect) + "WHERE region_id = ?1 ORDER BY id DESC LIMIT ?2");
  s.bind_all(region_id, limit);
  std::vector<mail::QueuedMail> out;
  while (s.step()) {
    out.push_back(read_mail(s));
    out.back().body.clear();
  }
  return out;
}

}  // namespace musubi::backends::sqlite
