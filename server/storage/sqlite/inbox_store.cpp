// The inbox in SQLite: rows of `inbox_items`, kept current by the triggers of migration 0012,
// each with the reasons a post needs the user. A post is counted under its first reason only:
// request (0), then important (1), then reply to my post (2), then unread (3).
#include <fmt/format.h>

#include "storage/sqlite/stores.hpp"

namespace musubi::storage::sqlite {

using namespace musubi::board;

namespace {

// ?1 is the user, ?2 now. An important post past the window counts only if it is also unread.
std::string inbox_items() {
  return "WITH items AS (SELECT post_id, reason, deadline, reason = 0 AND deadline < ?2 AS "
         "overdue FROM (SELECT post_id, deadline, CASE WHEN request THEN 0 WHEN important AND "
         "created_at >= ?2 - " +
         std::to_string(kInboxImportantWindow) +
         " THEN 1 WHEN unread THEN CASE WHEN to_me THEN 2 ELSE 3 END END AS reason FROM "
         "inbox_items WHERE user_id = ?1) WHERE reason IS NOT NULL) ";
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
  InboxPage page;
  // Requests: overdue and soonest deadline first, then those without one.
  auto requests = c_.prepare(
      inbox_items() +
      "SELECT post_id, (SELECT MAX(sent_at) FROM post_request_reminders rr WHERE rr.post_id = "
      "items.post_id AND rr.addressee_id = ?1) FROM items WHERE reason = 0 "
      "ORDER BY deadline IS NULL, deadline, post_id LIMIT ?3");
  requests.bind_all(user_id, now, limit);
  while (requests.step()) {
    page.entries.push_back({.post_id = requests.int64(0),
                            .reason = InboxReason::request,
                            .reminded_at = requests.optional_int64(1)});
  }
  // The rest newest first: walking the user's rows backwards stops after `limit` of them (a
  // ranking window over all of them cost more than the whole rest of the request).
  const auto newest_sql = inbox_items() +
                          "SELECT post_id FROM items WHERE reason = ?4 ORDER BY post_id DESC "
                          "LIMIT ?3";
  for (auto reason : {InboxReason::important, InboxReason::reply, InboxReason::unread}) {
    auto newest = c_.prepare(newest_sql);
    newest.bind_all(user_id, now, limit, static_cast<std::int64_t>(reason));
    while (newest.step()) page.entries.push_back({.post_id = newest.int64(0), .reason = reason});
  }
  page.counts = counts(user_id, now);
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

std::int64_t SqliteInboxStore::prune_stale(UnixSeconds now) {
  c_.prepare("DELETE FROM inbox_items WHERE request = 0 AND unread = 0 AND created_at < ?1 - " +
             std::to_string(kInboxImportantWindow))
      .bind_all(now)
      .run();
  return c_.changes();
}

std::optional<UnixSeconds> SqliteInboxStore::last_reminder(Id post_id) {
  auto s = c_.prepare("SELECT MAX(sent_at) FROM post_request_reminders WHERE post_id = ?1");
  s.bind_all(post_id);
  s.step();
  return s.optional_int64(0);
}

}  // namespace musubi::storage::sqlite
