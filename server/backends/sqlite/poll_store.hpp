// The SQLite poll store (see poll/poll_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "poll/poll_store.hpp"

namespace musubi::backends::sqlite {

class SqlitePollStore final : public poll::PollStore {
 public:
  explicit SqlitePollStore(Connection& c) : c_(c) {}
  void insert(PostId post_id, const poll::PollSpec& spec) override;
  std::optional<poll::Poll> find(PostId post_id) override;
  std::vector<UserId> responders(PostId post_id) override;
  void answer(PostId post_id, UserId user_id, bool anonymous, const std::map<poll::Id, int>& marks,
              const std::string& comment, UnixSeconds now) override;
  void fix(PostId post_id, poll::Id option_id, UserId by, PostId decision_post_id,
           UnixSeconds now) override;
  void set_reminded(PostId post_id, UnixSeconds now) override;
  void set_deadline(PostId post_id, std::optional<UnixSeconds> deadline) override;
  std::vector<poll::Waiting> awaiting(UserId user_id, UnixSeconds now, std::int64_t limit) override;
  std::int64_t awaiting_count(UserId user_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
