// The inbox in SQLite: rows of `inbox_items`, kept current by the triggers of migration 0012,
// each with the reasons a post needs the user. A post is counted under its first reason only:
// request (0), then important (1), then reply to my post (2), then unread (3).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

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

InboxPage SqliteInboxStore::page(Id user_id, std::int64_t limit, std::int64_t unread_limit,
                                 UnixSeconds now) {
  // One pass over the user's rows (hundreds to a few thousand) gives the counts and every
  // section; five queries over the same rows cost five times the reading.
  struct Row {
    Id post_id = 0;
    std::optional<UnixSeconds> deadline;
  };
  std::array<std::vector<Row>, 4> sections;
  InboxPage page;
  std::int64_t overdue = 0;
  auto s = c_.prepare(inbox_items() + "SELECT post_id, reason, deadline, overdue FROM items");
  s.bind_all(user_id, now);
  while (s.step()) {
    const auto reason = static_cast<std::size_t>(std::clamp<std::int64_t>(s.int64(1), 0, 3));
    sections[reason].push_back({s.int64(0), s.optional_int64(2)});
    overdue += s.int64(3);
  }
  add_count(page.counts, 0, static_cast<std::int64_t>(sections[0].size()), overdue);
  for (std::int64_t r = 1; r < 4; ++r) {
    add_count(page.counts, r,
              static_cast<std::int64_t>(sections[static_cast<std::size_t>(r)].size()), 0);
  }
  auto first = [](std::vector<Row>& rows, std::int64_t n, auto before) {
    const auto keep = std::min(rows.size(), static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(keep), rows.end(),
                      before);
    rows.resize(keep);
  };
  // Requests: overdue and soonest deadline first, then those without one; the rest newest first.
  first(sections[0], limit, [](const Row& a, const Row& b) {
    if (a.deadline.has_value() != b.deadline.has_value()) return a.deadline.has_value();
    if (a.deadline != b.deadline) return *a.deadline < *b.deadline;
    return a.post_id < b.post_id;
  });
  const auto newest = [](const Row& a, const Row& b) { return a.post_id > b.post_id; };
  first(sections[1], limit, newest);
  first(sections[2], limit, newest);
  first(sections[3], unread_limit, newest);

  std::vector<Id> requests;
  for (const auto& r : sections[0]) requests.push_back(r.post_id);
  std::map<Id, UnixSeconds> reminded;
  if (!requests.empty()) {
    auto rr = c_.prepare(
        "SELECT post_id, MAX(sent_at) FROM post_request_reminders WHERE addressee_id = ?1 AND "
        "post_id IN (SELECT value FROM json_each(?2)) GROUP BY post_id");
    rr.bind_all(user_id, nlohmann::json(requests).dump());
    while (rr.step()) reminded[rr.int64(0)] = rr.int64(1);
  }
  const InboxReason reasons[] = {InboxReason::request, InboxReason::important, InboxReason::reply,
                                 InboxReason::unread};
  for (std::size_t r = 0; r < sections.size(); ++r) {
    for (const auto& row : sections[r]) {
      InboxEntry e{.post_id = row.post_id, .reason = reasons[r]};
      if (auto it = reminded.find(row.post_id); it != reminded.end()) e.reminded_at = it->second;
      page.entries.push_back(e);
    }
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
