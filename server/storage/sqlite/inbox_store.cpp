// The inbox in SQLite: one set of named subqueries, so that the entries and the counts can never
// disagree about why a post needs the user. A post is counted under its first reason only:
// request, then important, then reply to my post, then unread.
#include <fmt/format.h>

#include "storage/sqlite/post_visibility.hpp"
#include "storage/sqlite/stores.hpp"

namespace musubi::storage::sqlite {

using namespace musubi::board;

namespace {

// ?1 is the user. A post counts as read below the member's watermark or with a read mark.
std::string reasons() {
  const std::string read =
      "(p.id <= m.read_through_id OR EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id "
      "AND r.user_id = ?1))";
  return "WITH mine AS (SELECT team_id, read_through_id FROM care_team_members WHERE user_id = "
         "?1), "
         "pending AS (SELECT p.id AS post_id, r.deadline AS deadline FROM post_addressees ad "
         "JOIN post_requests r ON r.post_id = ad.post_id JOIN posts p ON p.id = ad.post_id "
         "JOIN mine m ON m.team_id = p.team_id "
         "WHERE ad.user_id = ?1 AND p.deleted_at IS NULL AND " +
         visible("?1") +
         " AND CASE r.kind WHEN 'answer' THEN NOT EXISTS (SELECT 1 FROM posts x WHERE x.root_id "
         "= p.id AND x.parent_id IS NOT NULL AND x.author_id = ?1 AND x.deleted_at IS NULL) "
         "ELSE NOT " +
         read +
         " END), "
         "important AS (SELECT p.id AS post_id FROM mine m JOIN posts p ON p.team_id = m.team_id "
         "WHERE p.important = 1 AND p.parent_id IS NULL AND p.deleted_at IS NULL AND p.author_id "
         "!= ?1 AND NOT EXISTS (SELECT 1 FROM post_acknowledgements k WHERE k.post_id = p.id AND "
         "k.user_id = ?1) AND " +
         visible("?1") +
         " AND p.id NOT IN (SELECT post_id FROM pending)), "
         "unread AS (SELECT p.id AS post_id, (p.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM "
         "posts o WHERE o.id = p.root_id AND o.author_id = ?1)) AS to_me FROM mine m JOIN posts p "
         "ON p.team_id = m.team_id AND p.id > m.read_through_id WHERE p.author_id != ?1 AND "
         "p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id "
         "AND r.user_id = ?1) AND " +
         visible("?1") +
         " AND p.id NOT IN (SELECT post_id FROM pending) AND p.id NOT IN (SELECT post_id FROM "
         "important)) ";
}

}  // namespace

std::vector<InboxEntry> SqliteInboxStore::entries(Id user_id, std::int64_t limit) {
  auto s = c_.prepare(
      reasons() +
      "SELECT * FROM (SELECT post_id, 0, (SELECT MAX(sent_at) FROM post_request_reminders rr "
      "WHERE rr.post_id = pending.post_id AND rr.addressee_id = ?1) FROM pending "
      "ORDER BY deadline IS NULL, deadline, post_id LIMIT ?2) "
      "UNION ALL SELECT * FROM (SELECT post_id, 1, NULL FROM important ORDER BY post_id DESC "
      "LIMIT ?2) "
      "UNION ALL SELECT * FROM (SELECT post_id, 2, NULL FROM unread WHERE to_me ORDER BY post_id "
      "DESC LIMIT ?2) "
      "UNION ALL SELECT * FROM (SELECT post_id, 3, NULL FROM unread WHERE NOT to_me ORDER BY "
      "post_id DESC LIMIT ?2)");
  s.bind_all(user_id, limit);
  std::vector<InboxEntry> out;
  while (s.step()) {
    out.push_back({.post_id = s.int64(0),
                   .reason = static_cast<InboxReason>(s.int64(1)),
                   .reminded_at = s.optional_int64(2)});
  }
  return out;
}

InboxCounts SqliteInboxStore::counts(Id user_id, UnixSeconds now) {
  auto s = c_.prepare(reasons() +
                      "SELECT (SELECT COUNT(*) FROM pending), (SELECT COUNT(*) FROM pending "
                      "WHERE deadline < ?2), (SELECT COUNT(*) FROM important), "
                      "(SELECT COUNT(*) FROM unread WHERE to_me), "
                      "(SELECT COUNT(*) FROM unread WHERE NOT to_me)");
  s.bind_all(user_id, now);
  s.step();
  return {.requests = s.int64(0),
          .overdue = s.int64(1),
          .important = s.int64(2),
          .replies = s.int64(3),
          .unread = s.int64(4)};
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
