// The SQLite board store (see board/board_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"

namespace musubi::backends::sqlite {

class SqliteBoardStore final : public board::BoardStore {
 public:
  explicit SqliteBoardStore(Connection& c) : c_(c) {}
  board::Id insert(board::Id region_id, board::Id person_id, UnixSeconds now) override;
  board::Id insert_board(const board::Board& board, board::Id created_by, UnixSeconds now) override;
  void update_group(const board::Board& group) override;
  std::vector<board::GroupSummary> groups(board::Id region_id, board::Id viewer_id,
                                          bool with_hidden) override;
  std::optional<board::Id> direct_between(board::Id region_id,
                                          const std::vector<board::Id>& users) override;
  std::optional<board::Board> find(board::Id region_id, board::Id id) override;
  std::optional<board::Board> find_by_person(board::Id region_id, board::Id person_id) override;
  std::optional<board::Board> find_by_mail_key(const std::string& mail_key) override;
  std::vector<board::Board> find_many(board::Id region_id,
                                      const std::vector<board::Id>& ids) override;
  std::vector<board::Member> members(board::Id board_id) override;
  std::optional<board::Member> member(board::Id board_id, board::Id user_id) override;
  void put_member(board::Id board_id, board::Id user_id, const std::string& team_role,
                  bool is_admin, UnixSeconds now) override;
  void put_contact(board::Id board_id, board::Id user_id, const std::string& team_role,
                   board::Id via_facility_id, bool request_only, UnixSeconds now) override;
  void remove_member(board::Id board_id, board::Id user_id) override;
  void set_muted(board::Id board_id, board::Id user_id, bool muted,
                 std::optional<UnixSeconds> until) override;
  std::int64_t end_mutes(UnixSeconds now) override;
  std::int64_t admin_count(board::Id board_id) override;
  std::vector<board::BoardSummary> boards_of(board::Id user_id, board::BoardKind kind) override;
  void mark_read_through(board::Id board_id, board::Id user_id, board::Id post_id) override;
  void insert_join_request(board::Id board_id, board::Id user_id, const std::string& team_role,
                           const std::string& message, UnixSeconds now) override;
  std::optional<board::JoinRequest> open_join_request(board::Id board_id,
                                                      board::Id user_id) override;
  std::vector<board::JoinRequest> open_join_requests(board::Id board_id) override;
  void decide_join_request(board::Id board_id, board::Id user_id, bool approved, board::Id by,
                           UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
