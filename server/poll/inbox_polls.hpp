// The polls of the inbox (board/awaiting_polls.hpp), answered from the poll store.
#pragma once

#include "board/awaiting_polls.hpp"

namespace musubi::poll {

class InboxPolls final : public board::AwaitingPolls {
 public:
  std::vector<board::AwaitingPoll> awaiting(storage::Transaction& tx, UserId user_id,
                                            UnixSeconds now, std::int64_t limit) override;
  std::int64_t awaiting_count(storage::Transaction& tx, UserId user_id, UnixSeconds now) override;
};

}  // namespace musubi::poll
