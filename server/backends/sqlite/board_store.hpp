// The SQLite board store (see board/board_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"

namespace musubi::backends::sqlite {

class SqliteBoardStore final : public board::BoardStore {
 public:
  explicit SqliteBoardStore(Connection& c) : c_(c) {}
  BoardId insert(RegionId region_id, PersonId person_id, UnixSeconds now) override;
  BoardId insert_board(const board::Board& board, UserId created_by, UnixSeconds now) override;
  void update_group(const board::Board& group) override;
  std::vector<board::GroupSummary> groups(RegionId region_id, UserId viewer_id,
                                          bool with_hidden) override;
  std::optional<BoardId> direct_between(RegionId region_id,
                                        const std::vector<UserId>& users) override;
  std::optional<board::Board> find(RegionId region_id, BoardId id) override;
  std::optional<board::Board> find_by_person(RegionId region_id, PersonId person_id) override;
  std::optional<board::Board> find_by_mail_key(const std::string& mail_key) override;
  std::vector<board::Board> find_many(RegionId region_id, const std::vector<BoardId>& ids) override;
  std::vector<board::Member> members(BoardId board_id) override;
  std::optional<board::Member> member(BoardId board_id, UserId user_id) override;
  void put_member(BoardId board_id, UserId user_id, const std::string& team_role, bool is_admin,
                  UnixSeconds now) override;
  void put_contact(BoardId board_id, UserId user_id, const std::string& team_role,
                   FacilityId via_facility_id, bool request_only, UnixSeconds now) override;
  void remove_member(BoardId board_id, UserId user_id) override;
  void set_muted(BoardId board_id, UserId user_id, bool muted,
                 std::optional<UnixSeconds> until) override;
  std::int64_t end_mutes(UnixSeconds now) override;
  std::int64_t admin_count(BoardId board_id) override;
  std::vector<board::BoardSummary> boards_of(UserId user_id, board::BoardKind kind) override;
  void mark_read_through(BoardId board_id, UserId user_id, PostId post_id) override;
  void insert_join_request(BoardId board_id, UserId user_id, const std::string& team_role,
                           const std::string& message, UnixSeconds now) override;
  std::optional<board::JoinRequest> open_join_request(BoardId board_id, UserId user_id) override;
  std::vector<board::JoinRequest> open_join_requests(BoardId board_id) override;
  void decide_join_request(BoardId board_id, UserId user_id, bool approved, UserId by,
                           UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
