// The SQLite post store (see board/board_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"

namespace musubi::backends::sqlite {

class SqlitePostStore final : public board::PostStore {
 public:
  explicit SqlitePostStore(Connection& c) : c_(c) {}
  std::vector<board::Tag> tags(RegionId region_id, bool with_retired) override;
  TagId insert_tag(RegionId region_id, const std::string& name, std::int64_t sort_order) override;
  void update_tag(RegionId region_id, const board::Tag& tag) override;
  PostId insert(const board::NewPost& post, UnixSeconds now) override;
  std::optional<board::Post> find_visible(PostId post_id, UserId viewer_id) override;
  std::vector<board::Post> find_many_visible(const std::vector<PostId>& ids,
                                             UserId viewer_id) override;
  std::vector<board::Post> timeline(const board::TimelineQuery& query) override;
  bool update(PostId post_id, std::int64_t expected_version, const std::string& body,
              std::optional<TagId> tag_id, UserId editor_id, UnixSeconds now) override;
  std::vector<board::PostVersion> versions(PostId post_id) override;
  void soft_delete(PostId post_id, UserId by_user, const std::string& reason,
                   UnixSeconds now) override;
  bool acknowledge(PostId post_id, UserId user_id, UnixSeconds now) override;
  std::vector<board::Acknowledgement> acknowledgements(PostId post_id) override;
  void mark_read(UserId user_id, const std::vector<PostId>& post_ids, UnixSeconds now) override;
  void mark_thread_read(PostId root_id, UserId user_id, UnixSeconds now) override;
  std::int64_t mark_all_read(BoardId board_id, UserId user_id, UnixSeconds now) override;
  void hand_on(PostId post_id, UserId from, UserId to) override;
  void add_to_audience(PostId post_id, UserId user_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
