// What the board domain needs from storage. Visibility of restricted posts is part of every
// read that takes a `viewer`, so that no query can forget it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "board/types.hpp"

namespace musubi::board {

class CareTeamStore {
 public:
  virtual ~CareTeamStore() = default;
  virtual Id insert(Id region_id, Id person_id, UnixSeconds now) = 0;
  virtual std::optional<CareTeam> find(Id region_id, Id id) = 0;
  virtual std::optional<CareTeam> find_by_person(Id region_id, Id person_id) = 0;
  virtual std::vector<Member> members(Id team_id) = 0;
  virtual std::optional<Member> member(Id team_id, Id user_id) = 0;
  virtual void put_member(Id team_id, Id user_id, const std::string& team_role, bool is_admin,
                          UnixSeconds now) = 0;
  virtual void remove_member(Id team_id, Id user_id) = 0;
  virtual std::int64_t admin_count(Id team_id) = 0;
  // The teams `user_id` belongs to, with unread counts that honour restricted posts.
  virtual std::vector<TeamSummary> teams_of(Id user_id) = 0;
};

struct NewPost {
  Id team_id = 0;
  std::optional<Id> parent_id;
  Id author_id = 0;
  std::string body;
  std::optional<Id> tag_id;
  bool important = false;
  std::vector<Id> audience;  // non-empty: restricted to these users
  struct Addressing {
    RequestKind kind = RequestKind::read;
    std::optional<UnixSeconds> deadline;
    std::vector<std::pair<Id, std::optional<Id>>> addressees;  // user, via facility
  };
  std::optional<Addressing> request;
};

struct TimelineQuery {
  Id team_id = 0;
  Id viewer_id = 0;
  std::int64_t limit = 20;
  std::optional<Id> before_id;  // paging: posts older than this one
};

class PostStore {
 public:
  virtual ~PostStore() = default;
  virtual std::vector<Tag> tags(Id region_id) = 0;
  virtual Id insert(const NewPost& post, UnixSeconds now) = 0;
  // nullopt when the post does not exist or `viewer_id` may not see it.
  virtual std::optional<Post> find_visible(Id post_id, Id viewer_id) = 0;
  // Root posts newest first, each with its visible replies oldest first.
  virtual std::vector<Post> timeline(const TimelineQuery& query) = 0;
  // Returns false if the stored version is not `expected_version`.
  virtual bool update(Id post_id, std::int64_t expected_version, const std::string& body,
                      std::optional<Id> tag_id, Id editor_id, UnixSeconds now) = 0;
  virtual std::vector<PostVersion> versions(Id post_id) = 0;
  virtual void soft_delete(Id post_id, Id by_user, const std::string& reason, UnixSeconds now) = 0;
  // False if `user_id` had already acknowledged it.
  virtual bool acknowledge(Id post_id, Id user_id, UnixSeconds now) = 0;
  virtual std::vector<Acknowledgement> acknowledgements(Id post_id) = 0;
  virtual void mark_read(Id user_id, const std::vector<Id>& post_ids, UnixSeconds now) = 0;
  // Marks every post of the team visible to `user_id` as read; returns how many were unread.
  virtual std::int64_t mark_all_read(Id team_id, Id user_id, UnixSeconds now) = 0;
  // Replaces addressee `from` by `to` (handing a facility's request on to a colleague).
  virtual void hand_on(Id post_id, Id from, Id to) = 0;
  virtual void add_to_audience(Id post_id, Id user_id) = 0;
};

}  // namespace musubi::board
