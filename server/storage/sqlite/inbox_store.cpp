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
         // CROSS JOIN fixes the order: from the few requests addressed to me, never from every
         // post of my teams.
         "pending AS MATERIALIZED (SELECT p.id AS post_id, r.deadline AS deadline FROM "
         "post_addressees ad CROSS JOIN post_requests r ON r.post_id = ad.post_id CROSS JOIN "
         "posts p ON p.id = ad.post_id CROSS JOIN mine m ON m.team_id = p.team_id "
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

void add_count(InboxCounts& c, std::int64_t reason, std::int64_t n, std::int64_t overdue) {
  switch (reason) {
    case 0:
      c.requests = n;
      c.overdue = overdue;
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

constexpr const char* kCountsByReason =
    "SELECT reason, COUNT(*), COALESCE(SUM(overdue), 0) FROM items GROUP BY reason";

}  // namespace

InboxPage SqliteInboxStore::page(Id user_id, std::int64_t limit, UnixSeconds now) {
  // Entries and counts in one statement, so that the reasons are worked out once. Requests:
  // overdue and soonest deadline first, then those without one; the rest newest first.
  auto s = c_.prepare(
      inbox_items() +
      ", ranked AS (SELECT post_id, reason, ROW_NUMBER() OVER (PARTITION BY reason ORDER BY "
      "CASE WHEN reason = 0 THEN deadline IS NULL END, CASE WHEN reason = 0 THEN deadline END, "
      "CASE WHEN reason = 0 THEN post_id ELSE -post_id END) AS n FROM items) "
      "SELECT 0, post_id, reason, n, (SELECT MAX(sent_at) FROM post_request_reminders rr WHERE "
      "rr.post_id = ranked.post_id AND rr.addressee_id = ?1 AND ranked.reason = 0) FROM ranked "
      "WHERE n <= ?3 "
      "UNION ALL SELECT 1, COUNT(*), reason, COALESCE(SUM(overdue), 0), NULL FROM items GROUP BY "
      "reason ORDER BY 1, 3, 4");
  s.bind_all(user_id, now, limit);
  InboxPage page;
  while (s.step()) {
    if (s.int64(0) == 0) {
      page.entries.push_back({.post_id = s.int64(1),
                              .reason = static_cast<InboxReason>(s.int64(2)),
                              .reminded_at = s.optional_int64(4)});
      continue;
    }
    add_count(page.counts, s.int64(2), s.int64(1), s.int64(3));
  }
  return page;
}

InboxCounts SqliteInboxStore::counts(Id user_id, UnixSeconds now) {
  auto s = c_.prepare(inbox_items() + kCountsByReason);
  s.bind_all(user_id, now);
  InboxCounts c;
  while (s.step()) add_count(c, s.int64(0), s.int64(1), s.int64(2));
  return c;
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
