// The inbox in SQLite: rows of `inbox_items`, kept current by the triggers of migrations 0012
// and 0031, each with the reasons a post needs the user, and their unread tallies per board
// (0032). A post is counted under its first reason only: request, then important (within the
// inbox's window), then a reply to my post, then unread.

#include <algorithm>
#include <map>

#include "storage/sqlite/stores.hpp"

namespace musubi::storage::sqlite {

using namespace musubi::board;

namespace {

// One row of the inbox that needs attention (a request, or an important post of the window).
struct AttentionRow {
  Id post_id = 0;
  std::optional<UnixSeconds> deadline;
  bool request = false;
  bool unread = false;
  bool to_me = false;
};

// Requests and important posts of the window, each under its first reason: few rows whatever
// the data's size (partial indexes inbox_items_requests and inbox_items_important).
std::vector<AttentionRow> attention(Connection& c, Id user_id, UnixSeconds now) {
  auto s = c.prepare(
      "SELECT post_id, deadline, 1, unread, to_me FROM inbox_items WHERE user_id = ?1 AND request "
      "UNION ALL "
      "SELECT post_id, deadline, 0, unread, to_me FROM inbox_items WHERE user_id = ?1 AND "
      "important AND created_at >= ?2 AND NOT request");
  s.bind_all(user_id, now - kInboxImportantWindow);
  std::vector<AttentionRow> out;
  while (s.step()) {
    out.push_back({.post_id = s.int64(0),
                   .deadline = s.optional_int64(1),
                   .request = s.int64(2) != 0,
                   .unread = s.int64(3) != 0,
                   .to_me = s.int64(4) != 0});
  }
  return out;
}

// Every count: requests and important posts from their rows; replies and the other unread posts
// from the user's tallies (migration 0032: one row per board) less those counted above.
InboxCounts counts_of(Connection& c, Id user_id, const std::vector<AttentionRow>& rows,
                      UnixSeconds now) {
  InboxCounts counts;
  std::int64_t unread_to_me = 0;
  std::int64_t unread_other = 0;
  for (const auto& r : rows) {
    if (r.request) {
      ++counts.requests;
      if (r.deadline && *r.deadline < now) ++counts.overdue;
    } else {
      ++counts.important;
    }
    if (r.unread) ++(r.to_me ? unread_to_me : unread_other);
  }
  auto s = c.prepare(
      "SELECT COALESCE(SUM(unread), 0), COALESCE(SUM(unread_to_me), 0) FROM inbox_tallies WHERE "
      "user_id = ?1");
  s.bind_all(user_id);
  if (s.step()) {
    counts.replies = s.int64(1) - unread_to_me;
    counts.unread = s.int64(0) - s.int64(1) - unread_other;
  }
  return counts;
}

// The newest unread rows that need nothing else: replies to my threads (`to_me`) or the others.
std::vector<Id> newest_unread(Connection& c, Id user_id, bool to_me, std::int64_t limit,
                              UnixSeconds now) {
  std::vector<Id> out;
  if (limit <= 0) return out;
  auto s = c.prepare(
      "SELECT post_id FROM inbox_items WHERE user_id = ?1 AND unread AND to_me = ?2 AND NOT "
      "request AND NOT (important AND created_at >= ?3) ORDER BY post_id DESC LIMIT ?4");
  s.bind_all(user_id, to_me, now - kInboxImportantWindow, limit);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

}  // namespace

InboxPage SqliteInboxStore::page(Id user_id, std::int64_t limit, std::int64_t unread_limit,
                                 UnixSeconds now) {
  // The rows that need attention are read whole (few); of the plain unread ones only the newest
  // — the cost does not grow with a backlog of unread posts.
  auto rows = attention(c_, user_id, now);
  InboxPage page;
  page.counts = counts_of(c_, user_id, rows, now);
  std::vector<AttentionRow> requests;
  std::vector<AttentionRow> important;
  for (auto& r : rows) (r.request ? requests : important).push_back(r);
  auto first = [](std::vector<AttentionRow>& list, std::int64_t n, auto before) {
    const auto keep = std::min(list.size(), static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(),
                      before);
    list.resize(keep);
  };
  // Requests: overdue and soonest deadline first, then those without one; important newest first.
  first(requests, limit, [](const AttentionRow& a, const AttentionRow& b) {
    if (a.deadline.has_value() != b.deadline.has_value()) return a.deadline.has_value();
    if (a.deadline != b.deadline) return *a.deadline < *b.deadline;
    return a.post_id < b.post_id;
  });
  first(important, limit,
        [](const AttentionRow& a, const AttentionRow& b) { return a.post_id > b.post_id; });

  std::vector<Id> asked;
  for (const auto& r : requests) asked.push_back(r.post_id);
  std::map<Id, UnixSeconds> reminded;
  if (!asked.empty()) {
    auto rr = c_.prepare(
        "SELECT post_id, MAX(sent_at) FROM post_request_reminders WHERE addressee_id = ?1 AND "
        "post_id IN (SELECT value FROM json_each(?2)) GROUP BY post_id");
    rr.bind_all(user_id, id_array(asked));
    while (rr.step()) reminded[rr.int64(0)] = rr.int64(1);
  }
  for (const auto& r : requests) {
    InboxEntry e{.post_id = r.post_id, .reason = InboxReason::request};
    if (auto it = reminded.find(r.post_id); it != reminded.end()) e.reminded_at = it->second;
    page.entries.push_back(e);
  }
  for (const auto& r : important) {
    page.entries.push_back({.post_id = r.post_id, .reason = InboxReason::important});
  }
  for (auto id : newest_unread(c_, user_id, true, limit, now)) {
    page.entries.push_back({.post_id = id, .reason = InboxReason::reply});
  }
  for (auto id : newest_unread(c_, user_id, false, unread_limit, now)) {
    page.entries.push_back({.post_id = id, .reason = InboxReason::unread});
  }
  return page;
}

InboxCounts SqliteInboxStore::counts(Id user_id, UnixSeconds now) {
  return counts_of(c_, user_id, attention(c_, user_id, now), now);
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
