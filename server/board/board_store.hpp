// What the board domain needs from storage. Visibility of restricted posts is part of every
// read that takes a `viewer`, so that no query can forget it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "board/types.hpp"

namespace musubi::board {

class BoardStore {
 public:
  virtual ~BoardStore() = default;
  virtual Id insert(Id region_id, Id person_id, UnixSeconds now) = 0;
  // A group or a conversation (board.kind, region_id, name, description, open, hidden).
  virtual Id insert_board(const Board& board, Id created_by, UnixSeconds now) = 0;
  // A group's name, description, open and hidden (by region_id and id).
  virtual void update_group(const Board& group) = 0;
  // Every group of the region as `viewer_id` sees it in the list, theirs first; hidden groups
  // they are not on only `with_hidden`.
  virtual std::vector<GroupSummary> groups(Id region_id, Id viewer_id, bool with_hidden) = 0;
  // The conversation whose members are exactly `users` (the first one is on it), if any.
  virtual std::optional<Id> direct_between(Id region_id, const std::vector<Id>& users) = 0;
  virtual std::optional<Board> find(Id region_id, Id id) = 0;
  virtual std::optional<Board> find_by_person(Id region_id, Id person_id) = 0;
  // The group with this mail key, in any region (mail arrives for the server).
  virtual std::optional<Board> find_by_mail_key(const std::string& mail_key) = 0;
  // The teams with these ids in the region, any order (one query for a page of results).
  virtual std::vector<Board> find_many(Id region_id, const std::vector<Id>& ids) = 0;
  virtual std::vector<Member> members(Id board_id) = 0;
  virtual std::optional<Member> member(Id board_id, Id user_id) = 0;
  // Adds a member, or changes their role; a request-only contact becomes a full member.
  virtual void put_member(Id board_id, Id user_id, const std::string& team_role, bool is_admin,
                          UnixSeconds now) = 0;
  // A facility's contact joining for a request addressed to `via_facility_id` (nothing if
  // already on the board).
  virtual void put_contact(Id board_id, Id user_id, const std::string& team_role,
                           Id via_facility_id, bool request_only, UnixSeconds now) = 0;
  virtual void remove_member(Id board_id, Id user_id) = 0;
  virtual void set_muted(Id board_id, Id user_id, bool muted, std::optional<UnixSeconds> until) = 0;
  // Turns off the mutes whose time is over; returns how many.
  virtual std::int64_t end_mutes(UnixSeconds now) = 0;
  virtual std::int64_t admin_count(Id board_id) = 0;
  // Counts every post of the team up to `post_id` as read by the member (generated data).
  virtual void mark_read_through(Id board_id, Id user_id, Id post_id) = 0;
  // Join requests: at most one open per user and team.
  virtual void insert_join_request(Id board_id, Id user_id, const std::string& team_role,
                                   const std::string& message, UnixSeconds now) = 0;
  virtual std::optional<JoinRequest> open_join_request(Id board_id, Id user_id) = 0;
  virtual std::vector<JoinRequest> open_join_requests(Id board_id) = 0;
  virtual void decide_join_request(Id board_id, Id user_id, bool approved, Id by,
                                   UnixSeconds now) = 0;
  // The boards of this kind `user_id` belongs to, with unread counts that honour restricted
  // posts.
  virtual std::vector<BoardSummary> boards_of(Id user_id, BoardKind kind) = 0;
};

struct NewPost {
  Id board_id = 0;
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

struct AttachmentQuery {
  Id board_id = 0;
  Id viewer_id = 0;
  std::optional<std::string> kind;
  std::optional<Id> uploader_id;
  std::optional<UnixSeconds> from;   // inclusive
  std::optional<UnixSeconds> until;  // exclusive
  std::optional<Id> before_id;       // paging: newer files first
  std::int64_t limit = 50;
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;
  virtual Id insert(const Attachment& a, UnixSeconds now) = 0;
  // The file if `viewer_id` may see it: posted on a post visible to them (not deleted), not yet
  // posted and uploaded by them, or a consent's signed paper. Membership of the team is checked by
  // the caller.
  virtual std::optional<Attachment> find_visible(Id attachment_id, Id viewer_id) = 0;
  // Moves the viewer's pending uploads onto `post_id`; returns how many it moved (fewer than asked
  // means some were not theirs, not pending or of another team).
  virtual std::int64_t attach(const std::vector<Id>& ids, Id board_id, Id uploader_id,
                              Id post_id) = 0;
  virtual void remove_pending(Id attachment_id, Id uploader_id) = 0;
  // Pending uploads older than `before`, with their blobs; returns how many.
  virtual std::int64_t purge_pending(UnixSeconds before) = 0;
  // Posted files of a team visible to the viewer, newest first.
  virtual std::vector<Attachment> list(const AttachmentQuery& query) = 0;
};

struct TimelineQuery {
  Id board_id = 0;
  Id viewer_id = 0;
  std::int64_t limit = 20;
  std::optional<Id> before_id;  // paging: posts older than this one
  // Only important posts by others that the viewer has not acknowledged (shown above the rest).
  bool pinned_only = false;
};

class PostStore {
 public:
  virtual ~PostStore() = default;
  // In display order; retired ones only when asked for (the region's settings page).
  virtual std::vector<Tag> tags(Id region_id, bool with_retired = false) = 0;
  virtual Id insert_tag(Id region_id, const std::string& name, std::int64_t sort_order) = 0;
  virtual void update_tag(Id region_id, const Tag& tag) = 0;
  virtual Id insert(const NewPost& post, UnixSeconds now) = 0;
  // nullopt when the post does not exist or `viewer_id` may not see it.
  virtual std::optional<Post> find_visible(Id post_id, Id viewer_id) = 0;
  // These posts and replies as `viewer_id` may see them, in the order of `ids`; the ones they
  // may not see are left out. Replies are not filled in.
  virtual std::vector<Post> find_many_visible(const std::vector<Id>& ids, Id viewer_id) = 0;
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
  // Marks a post and every reply in its thread as read (whoever answers a thread has read it).
  virtual void mark_thread_read(Id root_id, Id user_id, UnixSeconds now) = 0;
  // Marks every post of the team visible to `user_id` as read; returns how many were unread.
  virtual std::int64_t mark_all_read(Id board_id, Id user_id, UnixSeconds now) = 0;
  // Replaces addressee `from` by `to` (handing a facility's request on to a colleague).
  virtual void hand_on(Id post_id, Id from, Id to) = 0;
  virtual void add_to_audience(Id post_id, Id user_id) = 0;
};

}  // namespace musubi::board
