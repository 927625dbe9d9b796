// Polls waiting for the user's answer, for the inbox (あなた宛て): the poll domain, which builds on
// posts, answers through this interface, so that the board knows nothing of polls.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "board/types.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::board {

struct AwaitingPoll {
  PostId post_id;
  std::optional<UnixSeconds> deadline;
  std::optional<UnixSeconds> reminded_at;
};

class AwaitingPolls {
 public:
  virtual ~AwaitingPolls() = default;
  // Open polls on the user's boards that they may see and have not answered: soonest deadline
  // first, at most `limit`.
  virtual std::vector<AwaitingPoll> awaiting(storage::Transaction& tx, UserId user_id,
                                             UnixSeconds now, std::int64_t limit) = 0;
  virtual std::int64_t awaiting_count(storage::Transaction& tx, UserId user_id,
                                      UnixSeconds now) = 0;
};

}  // namespace musubi::board
