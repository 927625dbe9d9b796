// The inbox in SQLite: one set of named subqueries, so that the entries and the counts can never
// disagree about why a post needs the user. A post is counted under its first reason only:
// request (0), then important (1), then reply to my post (2), then unread (3).
#include <fmt/format.h>

#include "storage/sqlite/post_visibility.hpp"
#include "storage/sqlite/stores.hpp"

namespace musubi::storage::sqlite {

using namespace musubi::board;

namespace {

// ?1 is the user, ?2 now. A post counts as read below the member's watermark or with a read mark.
std::string inbox_items() {
  const std::string read =
      "(p.id <= m.read_through_id OR EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id "
      "AND r.user_id = ?1))";
  return "WITH mine AS MATERIALIZED (SELECT team_id, read_through_id FROM care_team_members "
         "WHERE user_id = ?1), "
         "pending AS MATERIALIZED (SELECT p.id AS post_id, r.deadline AS deadline FROM "
         "post_addressees ad JOIN post_requests r ON r.post_id = ad.post_id JOIN posts p ON p.id "
         "= ad.post_id JOIN mine m ON m.team_id = p.team_id "
         "WHERE ad.user_id = ?1 AND p.deleted_at IS NULL AND " +
         visible("?1") +
         " AND CASE r.kind WHEN 'answer' THEN NOT EXISTS (SELECT 1 FROM posts x WHERE x.root_id "
         "= p.id AND x.parent_id IS NOT NULL AND +x.author_id = ?1 AND x.deleted_at IS NULL) "
         "ELSE NOT " +
         read +
         " END), "
         "important AS MATERIALIZED (SELECT p.id AS post_id FROM mine m JOIN posts p INDEXED BY "
         "posts_important_recent ON p.team_id = m.team_id AND p.created_at >= ?2 - " +
         std::to_string(kInboxImportantWindow) +
         " WHERE p.important = 1 AND p.parent_id IS NULL AND p.deleted_at IS NULL AND "
         "p.author_id != ?1 AND NOT EXISTS (SELECT 1 FROM post_acknowledgements k WHERE "
         "k.post_id = p.id AND k.user_id = ?1) AND " +
         visible("?1") +
         " AND p.id NOT IN (SELECT post_id FROM pending)), "
         "unread AS MATERIALIZED (SELECT p.id AS post_id, (p.parent_id IS NOT NULL AND EXISTS "
         "(SELECT 1 FROM posts o WHERE o.id = p.root_id AND o.author_id = ?1)) AS to_me FROM mine "
         "m JOIN posts p ON p.team_id = m.team_id AND p.id > m.read_through_id WHERE p.author_id "
         "!= ?1 AND p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM post_reads r WHERE "
         "r.post_id = p.id AND r.user_id = ?1) AND " +
         visible("?1") +
         " AND p.id NOT IN (SELECT post_id FROM pending) AND p.id NOT IN (SELECT post_id FROM "
         "important)), "
         "items AS (SELECT post_id, 0 AS reason, deadline, deadline < ?2 AS overdue FROM pending "
         "UNION ALL SELECT post_id, 1, NULL, 0 FROM important "
         "UNION ALL SELECT post_id, CASE WHEN to_me THEN 2 ELSE 3 END, NULL, 0 FROM unread) ";
}

InboxCounts read_counts(Statement& s) {
  InboxCounts c;
  while (s.step()) {
    const auto n = s.int64(1);
    switch (s.int64(0)) {
      case 0:
        c.requests = n;
        c.overdue = s.int64(2);
        break;
      case 1:
        c.important = n;
        break;
      case 2:
        c.replies = n;
        break;
      default:
        c.unread = n;
    }
  }
  return c;
}

constexpr const char* kCountsByReason =
    "SELECT reason, COUNT(*), COALESCE(SUM(overdue), 0) FROM items GROUP BY reason";

}  // namespace

InboxPage SqliteInboxStore::page(Id user_id, std::int64_t limit, UnixSeconds now) {
  InboxPage page;
  // Requests: overdue and soonest deadline first, then those without one; the rest newest first.
  auto s = c_.prepare(
      inbox_items() +
      ", ranked AS (SELECT post_id, reason, ROW_NUMBER() OVER (PARTITION BY reason ORDER BY "
      "CASE WHEN reason = 0 THEN deadline IS NULL END, CASE WHEN reason = 0 THEN deadline END, "
      "CASE WHEN reason = 0 THEN post_id ELSE -post_id END) AS n FROM items) "
      "SELECT post_id, reason, (SELECT MAX(sent_at) FROM post_request_reminders rr WHERE "
      "rr.post_id = ranked.post_id AND rr.addressee_id = ?1 AND ranked.reason = 0) FROM ranked "
      "WHERE n <= ?3 ORDER BY reason, n");
  s.bind_all(user_id, now, limit);
  while (s.step()) {
    page.entries.push_back({.post_id = s.int64(0),
                            .reason = static_cast<InboxReason>(s.int64(1)),
                            .reminded_at = s.optional_int64(2)});
  }
  auto c = c_.prepare(inbox_items() + kCountsByReason);
  c.bind_all(user_id, now);
  page.counts = read_counts(c);
  return page;
}

InboxCounts SqliteInboxStore::counts(Id user_id, UnixSeconds now) {
  auto s = c_.prepare(inbox_items() + kCountsByReason);
  s.bind_all(user_id, now);
  return read_counts(s);
}

void SqliteInboxStore::add_reminder(Id post_id, Id addressee_id, Id by, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO post_request_reminders (post_id, addressee_id, sent_by, sent_at) VALUES "
        "(?1, ?2, ?3, ?4)")
      .bind_all(post_id, addressee_id, by, now)
      .run();
}

std::optional<UnixSeconds> SqliteInboxStore::last_reminder(Id post_id) {
  auto s = c_.prepare("SELECT MAX(sent_at) FROM post_request_reminders WHERE post_id = ?1");
  s.bind_all(post_id);
  s.step();
  return s.optional_int64(0);
}

}  // namespace musubi::storage::sqlite
