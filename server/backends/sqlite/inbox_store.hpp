// The SQLite inbox store (see board/board_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/search_store.hpp"

namespace musubi::backends::sqlite {

class SqliteInboxStore final : public board::InboxStore {
 public:
  explicit SqliteInboxStore(Connection& c) : c_(c) {}
  board::InboxPage page(UserId user_id, std::int64_t limit, std::int64_t unread_limit,
                        UnixSeconds now) override;
  board::InboxCounts counts(UserId user_id, UnixSeconds now) override;
  void add_reminder(PostId post_id, UserId addressee_id, UserId by, UnixSeconds now) override;
  std::optional<UnixSeconds> last_reminder(PostId post_id) override;
  std::int64_t prune_stale(UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
