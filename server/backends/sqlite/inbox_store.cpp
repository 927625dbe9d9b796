// The inbox in SQLite: rows of `inbox_items`, kept current by the triggers of migrations 0012
// and 0031, each with the reasons a post needs the user, and their unread tallies per board
// (0032). A post is counted under its first reason only: request, then important (within the
// inbox's window), then a reply to my post, then unread.

#include <algorithm>
#include <map>

#include "backends/sqlite/inbox_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::board;

namespace {

// The counts of the rows that need attention (requests, and important posts of the window that
// are not requests), from their indexes alone, with how many of them are also unread (those are
// not counted again as replies or plain unread).
struct AttentionCounts {
  std::int64_t requests = 0;
  std::int64_t overdue = 0;
  std::int64_t important = 0;
  std::int64_t unread_to_me = 0;
  std::int64_t unread_other = 0;
};

AttentionCounts attention_counts(Connection& c, UserId user_id, UnixSeconds now) {
  AttentionCounts out;
  auto r = c.prepare(
      "SELECT COUNT(*), COALESCE(SUM(deadline < ?2), 0), COALESCE(SUM(unread AND to_me), 0), "
      "COALESCE(SUM(unread AND NOT to_me), 0) FROM inbox_items INDEXED BY inbox_items_requests "
      "WHERE user_id = ?1 AND request");
  r.bind_all(user_id, now);
  if (r.step()) {
    out.requests = r.int64(0);
    out.overdue = r.int64(1);
    out.unread_to_me = r.int64(2);
    out.unread_other = r.int64(3);
  }
  auto i = c.prepare(
      "SELECT COUNT(*), COALESCE(SUM(unread AND to_me), 0), COALESCE(SUM(unread AND NOT to_me), "
      "0) FROM inbox_items INDEXED BY inbox_items_important WHERE user_id = ?1 AND important AND "
      "created_at >= ?2 AND NOT request");
  i.bind_all(user_id, now - kInboxImportantWindow);
  if (i.step()) {
    out.important = i.int64(0);
    out.unread_to_me += i.int64(1);
    out.unread_other += i.int64(2);
  }
  return out;
}

// Every count: requests and important posts from their indexes; replies and the other unread
// posts from the user's tallies (migration 0032: one row per board) less those counted above.
InboxCounts counts_of(Connection& c, UserId user_id, UnixSeconds now) {
  const auto a = attention_counts(c, user_id, now);
  InboxCounts counts{.requests = a.requests, .overdue = a.overdue, .important = a.important};
  auto s = c.prepare(
      "SELECT COALESCE(SUM(unread), 0), COALESCE(SUM(unread_to_me), 0) FROM inbox_tallies WHERE "
      "user_id = ?1");
  s.bind_all(user_id);
  if (s.step()) {
    counts.replies = s.int64(1) - a.unread_to_me;
    counts.unread = s.int64(0) - s.int64(1) - a.unread_other;
  }
  return counts;
}

// The first `limit` requests: overdue and soonest deadline first, then those without one.
std::vector<Id> first_requests(Connection& c, UserId user_id, std::int64_t limit) {
  std::vector<Id> out;
  auto s = c.prepare(
      "SELECT post_id FROM inbox_items INDEXED BY inbox_items_requests WHERE user_id = ?1 AND "
      "request ORDER BY deadline IS NULL, deadline, post_id LIMIT ?2");
  s.bind_all(user_id, limit);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

// The newest `limit` important posts of the window that are not requests.
std::vector<Id> newest_important(Connection& c, UserId user_id, std::int64_t limit,
                                 UnixSeconds now) {
  std::vector<Id> out;
  auto s = c.prepare(
      "SELECT post_id FROM inbox_items INDEXED BY inbox_items_important WHERE user_id = ?1 AND "
      "important AND created_at >= ?2 AND NOT request ORDER BY created_at DESC, post_id DESC LIMIT "
      "?3");
  s.bind_all(user_id, now - kInboxImportantWindow, limit);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

// The newest unread rows that need nothing else: replies to my threads (`to_me`) or the others.
std::vector<Id> newest_unread(Connection& c, UserId user_id, bool to_me, std::int64_t limit,
                              UnixSeconds now) {
  std::vector<Id> out;
  auto s = c.prepare(
      "SELECT post_id FROM inbox_items INDEXED BY inbox_items_unread WHERE user_id = ?1 AND unread "
      "AND to_me = ?2 AND NOT request AND NOT (important AND created_at >= ?3) ORDER BY post_id "
      "DESC LIMIT ?4");
  s.bind_all(user_id, to_me, now - kInboxImportantWindow, limit);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

}  // namespace

InboxPage SqliteInboxStore::page(UserId user_id, std::int64_t limit, std::int64_t unread_limit,
                                 UnixSeconds now) {
  // Counted from indexes and tallies (each query names its index: the plan must not depend on
  // statistics), and only the first of each section read: the cost does
  // not grow with the number of open requests, important posts or unread ones.
  InboxPage page;
  page.counts = counts_of(c_, user_id, now);
  limit = std::max<std::int64_t>(limit, 0);
  const auto requests = first_requests(c_, user_id, limit);
  std::map<Id, UnixSeconds> reminded;
  if (!requests.empty()) {
    auto rr = c_.prepare(
        "SELECT post_id, MAX(sent_at) FROM post_request_reminders WHERE addressee_id = ?1 AND "
        "post_id IN (SELECT value FROM json_each(?2)) GROUP BY post_id");
    rr.bind_all(user_id, id_array(requests));
    while (rr.step()) reminded[rr.int64(0)] = rr.int64(1);
  }
  for (auto id : requests) {
    InboxEntry e{.post_id = PostId{id}, .reason = InboxReason::request};
    if (auto it = reminded.find(id); it != reminded.end()) e.reminded_at = it->second;
    page.entries.push_back(e);
  }
  for (auto id : newest_important(c_, user_id, limit, now)) {
    page.entries.push_back({.post_id = PostId{id}, .reason = InboxReason::important});
  }
  for (auto id : newest_unread(c_, user_id, true, limit, now)) {
    page.entries.push_back({.post_id = PostId{id}, .reason = InboxReason::reply});
  }
  for (auto id : newest_unread(c_, user_id, false, std::max<std::int64_t>(unread_limit, 0), now)) {
    page.entries.push_back({.post_id = PostId{id}, .reason = InboxReason::unread});
  }
  return page;
}

InboxCounts SqliteInboxStore::counts(UserId user_id, UnixSeconds now) {
  return counts_of(c_, user_id, now);
}

void SqliteInboxStore::add_reminder(PostId post_id, UserId addressee_id, UserId by,
                                    UnixSeconds now) {
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

std::optional<UnixSeconds> SqliteInboxStore::last_reminder(PostId post_id) {
  auto s = c_.prepare("SELECT MAX(sent_at) FROM post_request_reminders WHERE post_id = ?1");
  s.bind_all(post_id);
  s.step();
  return s.optional_int64(0);
}

}  // namespace musubi::backends::sqlite
