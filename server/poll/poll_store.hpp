// What polls need from storage. Reads of a poll are authorised by the caller (the post must be
// visible to the viewer); an anonymous poll's ballots are never read with a user.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "poll/types.hpp"

namespace musubi::poll {

class PollStore {
 public:
  virtual ~PollStore() = default;
  virtual void insert(PostId post_id, const PollSpec& spec) = 0;
  // The poll with its options and tallies, and its named answers or anonymous comments.
  virtual std::optional<Poll> find(PostId post_id) = 0;
  virtual std::vector<UserId> responders(PostId post_id) = 0;
  // A named answer replaces the user's earlier one; an anonymous one is stored without the user
  // (who may then not answer again).
  virtual void answer(PostId post_id, UserId user_id, bool anonymous,
                      const std::map<Id, int>& marks, const std::string& comment,
                      UnixSeconds now) = 0;
  virtual void fix(PostId post_id, Id option_id, UserId by, PostId decision_post_id,
                   UnixSeconds now) = 0;
  virtual void set_reminded(PostId post_id, UnixSeconds now) = 0;
  virtual void set_deadline(PostId post_id, std::optional<UnixSeconds> deadline) = 0;
  // Open polls on `user_id`'s boards, visible to them, that they have not answered.
  virtual std::vector<Waiting> awaiting(UserId user_id, UnixSeconds now, std::int64_t limit) = 0;
  virtual std::int64_t awaiting_count(UserId user_id, UnixSeconds now) = 0;
};

}  // namespace musubi::poll
