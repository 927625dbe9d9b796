// Invitations in SQLite, with the state of the mail that carries each.
#include "backends/sqlite/invitation_store.hpp"

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

}  // namespace musubi::backends::sqlite
