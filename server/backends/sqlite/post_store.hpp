// The SQLite post store (see board/board_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"

namespace musubi::backends::sqlite {

class SqlitePostStore final : public board::PostStore {
 public:
  explicit SqlitePostStore(Connection& c) : c_(c) {}
  std::vector<board::Tag> tags(board::Id region_id, bool with_retired) override;
  board::Id insert_tag(board::Id region_id, const std::string& name,
                       std::int64_t sort_order) override;
  void update_tag(board::Id region_id, const board::Tag& tag) override;
  board::Id insert(const board::NewPost& post, UnixSeconds now) override;
  std::optional<board::Post> find_visible(board::Id post_id, board::Id viewer_id) override;
  std::vector<board::Post> find_many_visible(const std::vector<board::Id>& ids,
                                             board::Id viewer_id) override;
  std::vector<board::Post> timeline(const board::TimelineQuery& query) override;
  bool update(board::Id post_id, std::int64_t expected_version, const std::string& body,
              std::optional<board::Id> tag_id, board::Id editor_id, UnixSeconds now) override;
  std::vector<board::PostVersion> versions(board::Id post_id) override;
  void soft_delete(board::Id post_id, board::Id by_user, const std::string& reason,
                   UnixSeconds now) override;
  bool acknowledge(board::Id post_id, board::Id user_id, UnixSeconds now) override;
  std::vector<board::Acknowledgement> acknowledgements(board::Id post_id) override;
  void mark_read(board::Id user_id, const std::vector<board::Id>& post_ids,
                 UnixSeconds now) override;
  void mark_thread_read(board::Id root_id, board::Id user_id, UnixSeconds now) override;
  std::int64_t mark_all_read(board::Id board_id, board::Id user_id, UnixSeconds now) override;
  void hand_on(board::Id post_id, board::Id from, board::Id to) override;
  void add_to_audience(board::Id post_id, board::Id user_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
