#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "backends/sqlite/notify_store.hpp"
#include "backends/sqlite/post_visibility.hpp"

namespace musubi::backends::sqlite {

using notify::Id;
using notify::Kind;
using notify::Notification;

namespace {

// Rows for a new post, most pressing reason first: INSERT OR IGNORE keeps the first reason a user
// got for the post. `?1` post, `?2` now. A member who muted the board is told only of what is
// theirs: a request addressed to them and a reply to their post. Members are told only of what
// they may read (the board's 特別便 predicate, `visible`).
const std::vector<std::string>& post_rules() {
  static const std::vector<std::string> rules = {
      // Addressed to me (urgent when also marked important).
      "INSERT OR IGNORE INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
      "urgent, created_at) SELECT ad.user_id, 'post:' || p.id, 'request', p.board_id, p.id, "
      "p.author_id, p.important, ?2 FROM post_addressees ad JOIN posts p ON p.id = ad.post_id "
      "WHERE ad.post_id = ?1 AND ad.user_id != p.author_id",
      // A conversation: everyone else on it.
      "INSERT OR IGNORE INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
      "urgent, created_at) SELECT m.user_id, 'post:' || p.id, 'message', p.board_id, p.id, "
      "p.author_id, 0, ?2 FROM posts p JOIN boards t ON t.id = p.board_id AND t.kind = "
      "'direct' JOIN board_members m ON m.board_id = p.board_id WHERE p.id = ?1 AND m.user_id "
      "!= p.author_id AND m.muted = 0 AND " +
          visible("m.user_id"),
      // An important post, or a poll: the members who can see it.
      "INSERT OR IGNORE INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
      "urgent, created_at) SELECT m.user_id, 'post:' || p.id, CASE WHEN p.important THEN "
      "'important' ELSE 'poll' END, p.board_id, p.id, p.author_id, 0, ?2 FROM posts p JOIN "
      "board_members m ON m.board_id = p.board_id WHERE p.id = ?1 AND p.parent_id IS NULL AND "
      "(p.important OR EXISTS (SELECT 1 FROM polls pl WHERE pl.post_id = p.id)) AND m.user_id != "
      "p.author_id AND m.muted = 0 AND " +
          visible("m.user_id"),
      // A reply: the author of the post replied to (always in its audience), if still a member.
      "INSERT OR IGNORE INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
      "urgent, created_at) SELECT r.author_id, 'post:' || p.id, 'reply', p.board_id, p.id, "
      "p.author_id, 0, ?2 FROM posts p JOIN posts r ON r.id = p.parent_id JOIN board_members "
      "m ON m.board_id = p.board_id AND m.user_id = r.author_id WHERE p.id = ?1 AND r.author_id != "
      "p.author_id",
  };
  return rules;
}

Notification read_notification(Statement& s);

}  // namespace

std::int64_t SqliteNotifyStore::event_cursor() {
  auto s = c_.prepare("SELECT event_cursor FROM notifier_state WHERE id = 1");
  return s.step() ? s.int64(0) : 0;
}

void SqliteNotifyStore::set_event_cursor(std::int64_t seq) {
  c_.prepare("UPDATE notifier_state SET event_cursor = ?1 WHERE id = 1").bind_all(seq).run();
}

std::int64_t SqliteNotifyStore::add_for_post(PostId post_id, UnixSeconds now) {
  std::int64_t added = 0;
  for (const auto& rule : post_rules()) {
    c_.prepare(rule).bind_all(post_id, now).run();
    added += c_.changes();
  }
  return added;
}

void SqliteNotifyStore::add_reminder(PostId post_id, const std::vector<UserId>& users,
                                     UnixSeconds now) {
  for (auto user : users) {
    c_.prepare(
          "INSERT INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
          "created_at) SELECT ?2, 'post:' || p.id, 'reminder', p.board_id, p.id, p.author_id, ?3 "
          "FROM posts p WHERE p.id = ?1 ON CONFLICT (user_id, subject) DO UPDATE SET kind = "
          "'reminder', created_at = excluded.created_at, read_at = NULL, mailed_at = NULL")
        .bind_all(post_id, user, now)
        .run();
  }
}

Id SqliteNotifyStore::add_for_notices(Id after_id, UnixSeconds now) {
  c_.prepare(
        "INSERT OR IGNORE INTO notifications (user_id, subject, kind, notice_id, actor_id, urgent, "
        "created_at) SELECT r.user_id, 'notice:' || n.id, 'notice', n.id, n.publisher_id, "
        "n.important, ?2 FROM notices n JOIN notice_recipients r ON r.notice_id = n.id WHERE "
        "n.id > ?1 AND r.user_id != n.publisher_id")
      .bind_all(after_id, now)
      .run();
  auto s = c_.prepare("SELECT COALESCE(MAX(id), ?1) FROM notices");
  s.bind_all(after_id);
  s.step();
  return s.int64(0);
}

std::int64_t SqliteNotifyStore::add_notice_reminder(Id notice_id, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO notifications (user_id, subject, kind, notice_id, actor_id, urgent, "
        "created_at) SELECT r.user_id, 'notice:' || n.id, 'reminder', n.id, n.publisher_id, "
        "n.important, ?2 FROM notices n JOIN notice_recipients r ON r.notice_id = n.id JOIN users "
        "u ON u.id = r.user_id WHERE n.id = ?1 AND r.user_id != n.publisher_id AND u.active = 1 "
        "AND CASE WHEN n.ack_requested THEN r.acknowledged_at IS NULL ELSE r.read_at IS NULL END "
        "ON CONFLICT (user_id, subject) DO UPDATE SET kind = 'reminder', created_at = "
        "excluded.created_at, read_at = NULL, mailed_at = NULL")
      .bind_all(notice_id, now)
      .run();
  return c_.changes();
}

std::int64_t SqliteNotifyStore::add_deadline_reminders(UnixSeconds now) {
  constexpr UnixSeconds kDay = 86400;
  auto s = c_.prepare(
      "SELECT pl.post_id FROM polls pl JOIN posts p ON p.id = pl.post_id WHERE pl.deadline IS NOT "
      "NULL AND pl.auto_reminded_at IS NULL AND pl.fixed_at IS NULL AND pl.deadline > ?1 AND "
      "pl.deadline <= ?1 + ?2 AND p.created_at <= pl.deadline - ?2 AND p.deleted_at IS NULL");
  s.bind_all(now, kDay);
  std::vector<Id> due;
  while (s.step()) due.push_back(s.int64(0));
  for (auto post_id : due) {
    c_.prepare(
          "INSERT INTO notifications (user_id, subject, kind, board_id, post_id, actor_id, "
          "created_at) SELECT m.user_id, 'post:' || p.id, 'reminder', p.board_id, p.id, "
          "p.author_id, ?2 FROM posts p JOIN board_members m ON m.board_id = p.board_id WHERE "
          "p.id = ?1 AND m.user_id != p.author_id AND NOT EXISTS (SELECT 1 FROM poll_responders r "
          "WHERE r.post_id = p.id AND r.user_id = m.user_id) AND " +
          visible("m.user_id") +
          " ON CONFLICT (user_id, subject) DO UPDATE SET kind = 'reminder', created_at = "
          "excluded.created_at, read_at = NULL, mailed_at = NULL")
        .bind_all(post_id, now)
        .run();
    // Shown as 催促 on the poll in the inbox, as a reminder by its author would be.
    c_.prepare("UPDATE polls SET auto_reminded_at = ?2, reminded_at = ?2 WHERE post_id = ?1")
        .bind_all(post_id, now)
        .run();
  }
  return static_cast<std::int64_t>(due.size());
}

Id SqliteNotifyStore::notice_cursor() {
  auto s = c_.prepare("SELECT notice_cursor FROM notifier_state WHERE id = 1");
  return s.step() ? s.int64(0) : 0;
}

void SqliteNotifyStore::set_notice_cursor(Id notice_id) {
  c_.prepare("UPDATE notifier_state SET notice_cursor = ?1 WHERE id = 1").bind_all(notice_id).run();
}

namespace {

// Posts the user can no longer see (left the board, 特別便, deleted) drop out of the list.
std::string list_sql(const char* extra) {
  return std::string(
             "SELECT n.id, n.kind, n.post_id, p.parent_id, n.notice_id, COALESCE(no.title, ''), "
             "COALESCE(a.name, ''), n.urgent, n.created_at, n.read_at, t.id, t.region_id, t.kind, "
             "COALESCE(t.person_id, 0), COALESCE(pe.name, ''), COALESCE(pe.name_kana, ''), "
             "COALESCE(t.name, '') "
             "FROM notifications n LEFT JOIN users a ON a.id = n.actor_id "
             "LEFT JOIN notices no ON no.id = n.notice_id "
             "LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN boards t ON t.id = n.board_id "
             "LEFT JOIN persons pe ON pe.id = t.person_id "
             "WHERE n.user_id = ?1 AND (n.post_id IS NULL OR (p.deleted_at IS NULL AND EXISTS "
             "(SELECT 1 FROM board_members m WHERE m.board_id = p.board_id AND m.user_id = ?1) "
             "AND ") +
         visible("?1") + ")) " + extra;
}

Notification read_notification(Statement& s) {
  Notification n{.id = s.int64(0),
                 .kind = notify::kind_from_code(s.text(1)).value_or(Kind::reply),
                 .post_id = s.optional_int64(2),
                 .parent_id = s.optional_int64(3),
                 .notice_id = s.optional_int64(4),
                 .title = s.text(5),
                 .actor_name = s.text(6),
                 .urgent = s.int64(7) != 0,
                 .created_at = s.int64(8),
                 .read_at = s.optional_int64(9)};
  if (!s.is_null(10)) {
    n.board = board::Board{
        .id = s.id<BoardId>(10),
        .region_id = s.id<RegionId>(11),
        .kind = board::board_kind_from_code(s.text(12)).value_or(board::BoardKind::care),
        .person_id = s.id<PersonId>(13),
        .person_name = s.text(14),
        .person_name_kana = s.text(15),
        .name = s.text(16)};
  }
  return n;
}

}  // namespace

std::vector<Notification> SqliteNotifyStore::list(Id user_id, std::optional<Id> before_id,
                                                  std::int64_t limit) {
  auto s = c_.prepare(list_sql("AND (?2 IS NULL OR n.id < ?2) ORDER BY n.id DESC LIMIT ?3"));
  s.bind_all(user_id, before_id, limit);
  std::vector<Notification> out;
  while (s.step()) out.push_back(read_notification(s));
  return out;
}

std::int64_t SqliteNotifyStore::unread_count(Id user_id) {
  auto s = c_.prepare("SELECT COUNT(*) FROM (" +
                      list_sql("AND n.read_at IS NULL ORDER BY n.id DESC LIMIT 100") + ")");
  s.bind_all(user_id);
  s.step();
  return s.int64(0);
}

void SqliteNotifyStore::mark_read(Id user_id, std::optional<Id> notification_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE notifications SET read_at = ?3 WHERE user_id = ?1 AND read_at IS NULL AND (?2 IS "
        "NULL OR id = ?2)")
      .bind_all(user_id, notification_id, now)
      .run();
}

notify::Settings SqliteNotifyStore::settings(Id user_id) {
  auto s = c_.prepare(
      "SELECT immediate, digest, digest_hour, quiet_start, quiet_end FROM notification_settings "
      "WHERE user_id = ?1");
  s.bind_all(user_id);
  if (!s.step()) return {};
  return {.immediate = s.int64(0) != 0,
          .digest = s.int64(1) != 0,
          .digest_hour = static_cast<int>(s.int64(2)),
          .quiet_start = static_cast<int>(s.int64(3)),
          .quiet_end = static_cast<int>(s.int64(4))};
}

void SqliteNotifyStore::put_settings(Id user_id, const notify::Settings& v) {
  c_.prepare(
        "INSERT INTO notification_settings (user_id, immediate, digest, digest_hour, quiet_start, "
        "quiet_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (user_id) DO UPDATE SET immediate "
        "= excluded.immediate, digest = excluded.digest, digest_hour = excluded.digest_hour, "
        "quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end")
      .bind_all(user_id, v.immediate, v.digest, v.digest_hour, v.quiet_start, v.quiet_end)
      .run();
}

namespace {

constexpr const char* kDueColumns =
    "u.id, u.region_id, u.email, r.name, COALESCE(s.immediate, 1), COALESCE(s.digest, 1), "
    "COALESCE(s.digest_hour, 7), COALESCE(s.quiet_start, 21), COALESCE(s.quiet_end, 7)";

notify::MailDue read_due(Statement& s) {
  return {.user_id = s.int64(0),
          .region_id = s.int64(1),
          .email = s.text(2),
          .region_name = s.text(3),
          .settings = {.immediate = s.int64(4) != 0,
                       .digest = s.int64(5) != 0,
                       .digest_hour = static_cast<int>(s.int64(6)),
                       .quiet_start = static_cast<int>(s.int64(7)),
                       .quiet_end = static_cast<int>(s.int64(8))}};
}

}  // namespace

std::vector<notify::MailDue> SqliteNotifyStore::due_immediate(UnixSeconds since) {
  auto s = c_.prepare(
      std::string("SELECT ") + kDueColumns +
      ", n.id, n.kind, n.urgent FROM notifications n JOIN users u ON u.id = n.user_id JOIN "
      "regions r ON r.id = u.region_id LEFT JOIN notification_settings s ON s.user_id = u.id "
      "WHERE n.mailed_at IS NULL AND n.kind IN ('request', 'message', 'important', 'reminder', "
      "'notice') AND n.created_at >= ?1 AND u.active = 1 AND u.email != '' ORDER BY u.id");
  s.bind_all(since);
  std::vector<notify::MailDue> out;
  while (s.step()) {
    auto kind = notify::kind_from_code(s.text(10)).value_or(Kind::reply);
    bool urgent = s.int64(11) != 0;
    // A notice is mailed at once only when its publisher marked it important.
    if (kind == Kind::notice && !urgent) continue;
    if (out.empty() || out.back().user_id != s.int64(0)) out.push_back(read_due(s));
    auto& due = out.back();
    due.counts[kind] += 1;
    due.notification_ids.push_back(s.int64(9));
    due.urgent = due.urgent || urgent;
  }
  return out;
}

std::vector<notify::MailDue> SqliteNotifyStore::due_digests(UnixSeconds now, bool force) {
  // Due when no digest went since the user's latest digest time: today's in Japan time (midnight
  // JST plus their digest hour) once it has passed, else yesterday's — so one held back by the
  // quiet hours, or missed while the server was down, still goes after midnight.
  auto s = c_.prepare(
      std::string("SELECT ") + kDueColumns +
      ", c.kind, c.n FROM users u JOIN regions r ON r.id = u.region_id LEFT JOIN "
      "notification_settings s ON s.user_id = u.id JOIN (SELECT user_id, kind, COUNT(*) AS n FROM "
      "notifications WHERE mailed_at IS NULL GROUP BY user_id, kind) c ON c.user_id = u.id "
      "CROSS JOIN (SELECT ((?1 + 32400) / 86400) * 86400 - 32400 AS midnight) d "
      "WHERE u.active = 1 AND u.email != '' AND COALESCE(s.digest, 1) = 1 AND (?2 OR "
      "COALESCE(s.last_digest_at, 0) < d.midnight + COALESCE(s.digest_hour, 7) * 3600 - CASE "
      "WHEN ?1 >= d.midnight + COALESCE(s.digest_hour, 7) * 3600 THEN 0 ELSE 86400 END) "
      "ORDER BY u.id");
  s.bind_all(now, force);
  std::vector<notify::MailDue> out;
  while (s.step()) {
    if (out.empty() || out.back().user_id != s.int64(0)) out.push_back(read_due(s));
    out.back().counts[notify::kind_from_code(s.text(9)).value_or(Kind::reply)] += s.int64(10);
  }
  return out;
}

void SqliteNotifyStore::mark_mailed(const std::vector<Id>& ids, UnixSeconds now) {
  c_.prepare(
        "UPDATE notifications SET mailed_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))")
      .bind_all(nlohmann::json(ids).dump(), now)
      .run();
}

void SqliteNotifyStore::digest_sent(const std::vector<Id>& user_ids, UnixSeconds now) {
  auto users = nlohmann::json(user_ids).dump();
  c_.prepare(
        "UPDATE notifications SET mailed_at = ?2 WHERE mailed_at IS NULL AND user_id IN (SELECT "
        "value FROM json_each(?1))")
      .bind_all(users, now)
      .run();
  c_.prepare(
        "INSERT INTO notification_settings (user_id, last_digest_at) SELECT value, ?2 FROM "
        "json_each(?1) WHERE true ON CONFLICT (user_id) DO UPDATE SET last_digest_at = "
        "excluded.last_digest_at")
      .bind_all(users, now)
      .run();
}

}  // namespace musubi::backends::sqlite
