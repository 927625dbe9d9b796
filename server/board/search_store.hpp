// What search and the inbox need from storage. Both take the viewer and honour team membership
// and restricted posts inside the query, so that neither results nor counts can leak.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "board/types.hpp"

namespace musubi::board {

enum class SearchOrder { newest, best };

struct SearchQuery {
  UserId viewer_id;
  std::vector<std::string> terms;  // folded (text::search_terms); every one must occur
  std::optional<BoardId> board_id;
  std::optional<UserId> author_id;
  std::optional<TagId> tag_id;
  std::optional<UnixSeconds> from;   // inclusive
  std::optional<UnixSeconds> until;  // exclusive
  bool important_only = false;
  bool with_attachments = false;
  SearchOrder order = SearchOrder::newest;
  std::optional<PostId> before_id;  // newest first: posts older than this one
  std::int64_t offset = 0;          // best first: rank offset
  std::int64_t limit = 20;
};

struct SearchIds {
  std::vector<PostId> post_ids;  // in result order, at most `limit`
  std::int64_t total = 0;        // matches the viewer may see, counted up to `count_cap`
  bool total_capped = false;
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;
  virtual SearchIds search(const SearchQuery& query, std::int64_t count_cap) = 0;
};

enum class InboxReason { request, poll, important, reply, unread };

struct InboxEntry {
  PostId post_id;
  InboxReason reason = InboxReason::unread;
  std::optional<UnixSeconds> reminded_at;  // requests: the latest reminder
};

struct InboxCounts {
  std::int64_t requests = 0;   // waiting for my answer or reading
  std::int64_t overdue = 0;    // of those, past their deadline
  std::int64_t important = 0;  // not acknowledged by me
  std::int64_t replies = 0;    // unread replies to my posts
  std::int64_t unread = 0;     // every other unread post or reply
  std::int64_t polls = 0;      // open polls on my boards I have not answered (poll/)
};

struct InboxPage {
  std::vector<InboxEntry> entries;
  InboxCounts counts;
};

// Important posts older than this leave the inbox even if never acknowledged (they stay pinned
// on their team's board): after a month they are history, not news.
constexpr UnixSeconds kInboxImportantWindow = UnixSeconds{30} * 24 * 3600;

class InboxStore {
 public:
  virtual ~InboxStore() = default;
  // Requests first (overdue and soonest deadline on top), then important posts, then replies to
  // my posts, then other unread posts, newest first; at most `limit` per reason, with the full
  // counts. A post appears once, under its first reason.
  // Up to `limit` entries of each reason, `unread_limit` of the plain unread ones.
  virtual InboxPage page(UserId user_id, std::int64_t limit, std::int64_t unread_limit,
                         UnixSeconds now) = 0;
  virtual InboxCounts counts(UserId user_id, UnixSeconds now) = 0;
  virtual void add_reminder(PostId post_id, UserId addressee_id, UserId by, UnixSeconds now) = 0;
  virtual std::optional<UnixSeconds> last_reminder(PostId post_id) = 0;
  // Forgets important posts that left the window and need the user for nothing else; returns
  // how many entries went. Only keeps the store small: reads filter by the window anyway.
  virtual std::int64_t prune_stale(UnixSeconds now) = 0;
};

}  // namespace musubi::board
