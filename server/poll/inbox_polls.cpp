#include "poll/inbox_polls.hpp"

#include "poll/poll_store.hpp"
#include "storage/storage.hpp"

namespace musubi::poll {

std::vector<board::AwaitingPoll> InboxPolls::awaiting(storage::Transaction& tx, UserId user_id,
                                                      UnixSeconds now, std::int64_t limit) {
  std::vector<board::AwaitingPoll> out;
  for (const auto& w : tx.polls().awaiting(user_id, now, limit)) {
    out.push_back({.post_id = w.post_id, .deadline = w.deadline, .reminded_at = w.reminded_at});
  }
  return out;
}

std::int64_t InboxPolls::awaiting_count(storage::Transaction& tx, UserId user_id, UnixSeconds now) {
  return tx.polls().awaiting_count(user_id, now);
}

}  // namespace musubi::poll
