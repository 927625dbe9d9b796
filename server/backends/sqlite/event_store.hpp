// The SQLite event store (see board/board_events.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/board_events.hpp"

namespace musubi::backends::sqlite {

class SqliteEventStore final : public board::EventStore {
 public:
  explicit SqliteEventStore(Connection& c) : c_(c) {}
  void append(const board::BoardEvent& event) override;
  std::vector<board::BoardEvent> after(std::int64_t after, std::optional<std::int64_t> until,
                                       const std::vector<BoardId>* board_ids,
                                       std::int64_t limit) override;
  std::int64_t head() override;
  std::int64_t oldest() override;
  void prune_before(UnixSeconds at) override;
  std::vector<BoardId> board_ids_of(UserId user_id) override;
  std::vector<BoardId> request_only_board_ids_of(UserId user_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
