// The outgoing mail queue in SQLite.
#include "backends/sqlite/outbox_store.hpp"

namespace musubi::backends::sqlite {

namespace {

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
