// 「あなた宛て」: what needs the user across all their teams, in the order they should handle it —
// requests waiting for them (overdue and soonest deadline first), important posts they have not
// acknowledged, replies to their posts, then everything else unread. Handled items leave it.
#pragma once

#include <optional>
#include <vector>

#include "access/actor.hpp"
#include "board/awaiting_polls.hpp"
#include "board/board_events.hpp"
#include "board/search_store.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::board {

struct InboxItem {
  Post post;
  Board board;
  InboxReason reason = InboxReason::unread;
  std::optional<UnixSeconds> reminded_at;
  std::optional<Post> root;  // for a reply: the post it answers
};

struct Inbox {
  std::vector<InboxItem> items;
  InboxCounts counts;
};

std::string_view inbox_reason_code(InboxReason reason);

class InboxService {
 public:
  // `polls`: the open polls waiting for an answer (poll/), listed after the requests; none
  // without it.
  InboxService(storage::Storage& storage, const Clock& clock, EventListener* listener = nullptr,
               AwaitingPolls* polls = nullptr)
      : storage_(storage), clock_(clock), listener_(listener), polls_(polls) {}

  // The first kPerReason of each section and kUnreadShown of the plain unread ones — what a
  // phone shows first — or, when `more`, kMorePerReason of each.
  Inbox inbox(const access::Actor& actor, bool more = false);
  // For the badges in the header and the tab title: counts only, nothing of any post.
  InboxCounts counts(const access::Actor& actor);
  // The request's author or a team administrator reminds the addressees who are not done yet;
  // returns how many were reminded.
  std::int64_t remind(const access::Actor& actor, PostId post_id);

  static constexpr std::int64_t kPerReason = 10;
  static constexpr std::int64_t kUnreadShown = 5;
  static constexpr std::int64_t kMorePerReason = 50;

 private:
  storage::Storage& storage_;
  const Clock& clock_;
  EventListener* listener_;
  AwaitingPolls* polls_;
};

}  // namespace musubi::board
