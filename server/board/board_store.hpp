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
  virtual BoardId insert(RegionId region_id, PersonId person_id, UnixSeconds now) = 0;
  // A group or a conversation (board.kind, region_id, name, description, open, hidden).
  virtual BoardId insert_board(const Board& board, UserId created_by, UnixSeconds now) = 0;
  // A group's name, description, open and hidden (by region_id and id).
  virtual void update_group(const Board& group) = 0;
  // Every group of the region as `viewer_id` sees it in the list, theirs first; hidden groups
  // they are not on only `with_hidden`.
  virtual std::vector<GroupSummary> groups(RegionId region_id, UserId viewer_id,
                                           bool with_hidden) = 0;
  // The conversation whose members are exactly `users` (the first one is on it), if any.
  virtual std::optional<BoardId> direct_between(RegionId region_id,
                                                const std::vector<UserId>& users) = 0;
  virtual std::optional<Board> find(RegionId region_id, BoardId id) = 0;
  virtual std::optional<Board> find_by_person(RegionId region_id, PersonId person_id) = 0;
  // The group with this mail key, in any region (mail arrives for the server).
  virtual std::optional<Board> find_by_mail_key(const std::string& mail_key) = 0;
  // The teams with these ids in the region, any order (one query for a page of results).
  virtual std::vector<Board> find_many(RegionId region_id, const std::vector<BoardId>& ids) = 0;
  virtual std::vector<Member> members(BoardId board_id) = 0;
  virtual std::optional<Member> member(BoardId board_id, UserId user_id) = 0;
  // Adds a member, or changes their role; a request-only contact becomes a full member.
  virtual void put_member(BoardId board_id, UserId user_id, const std::string& team_role,
                          bool is_admin, UnixSeconds now) = 0;
  // A facility's contact joining for a request addressed to `via_facility_id` (nothing if
  // already on the board).
  virtual void put_contact(BoardId board_id, UserId user_id, const std::string& team_role,
                           FacilityId via_facility_id, bool request_only, UnixSeconds now) = 0;
  virtual void remove_member(BoardId board_id, UserId user_id) = 0;
  virtual void set_muted(BoardId board_id, UserId user_id, bool muted,
                         std::optional<UnixSeconds> until) = 0;
  // Turns off the mutes whose time is over; returns how many.
  virtual std::int64_t end_mutes(UnixSeconds now) = 0;
  virtual std::int64_t admin_count(BoardId board_id) = 0;
  // Counts every post of the team up to `post_id` as read by the member (generated data).
  virtual void mark_read_through(BoardId board_id, UserId user_id, PostId post_id) = 0;
  // Join requests: at most one open per user and team.
  virtual void insert_join_request(BoardId board_id, UserId user_id, const std::string& team_role,
                                   const std::string& message, UnixSeconds now) = 0;
  virtual std::optional<JoinRequest> open_join_request(BoardId board_id, UserId user_id) = 0;
  virtual std::vector<JoinRequest> open_join_requests(BoardId board_id) = 0;
  virtual void decide_join_request(BoardId board_id, UserId user_id, bool approved, UserId by,
                                   UnixSeconds now) = 0;
  // The boards of this kind `user_id` belongs to, with unread counts that honour restricted
  // posts.
  virtual std::vector<BoardSummary> boards_of(UserId user_id, BoardKind kind) = 0;
};

struct NewPost {
  BoardId board_id;
  std::optional<PostId> parent_id;
  UserId author_id;
  std::string body;
  std::optional<TagId> tag_id;
  bool important = false;
  std::vector<UserId> audience;  // non-empty: restricted to these users
  struct Addressing {
    RequestKind kind = RequestKind::read;
    std::optional<UnixSeconds> deadline;
    std::vector<std::pair<UserId, std::optional<FacilityId>>> addressees;  // user, via facility
  };
  std::optional<Addressing> request;
};

struct AttachmentQuery {
  BoardId board_id;
  UserId viewer_id;
  std::optional<std::string> kind;
  std::optional<UserId> uploader_id;
  std::optional<UnixSeconds> from;        // inclusive
  std::optional<UnixSeconds> until;       // exclusive
  std::optional<AttachmentId> before_id;  // paging: newer files first
  std::int64_t limit = 50;
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;
  virtual AttachmentId insert(const Attachment& a, UnixSeconds now) = 0;
  // The file if `viewer_id` may see it: posted on a post visible to them (not deleted), not yet
  // posted and uploaded by them, or a consent's signed paper. Membership of the team is checked by
  // the caller.
  virtual std::optional<Attachment> find_visible(AttachmentId attachment_id, UserId viewer_id) = 0;
  // Moves the viewer's pending uploads onto `post_id`; returns how many it moved (fewer than asked
  // means some were not theirs, not pending or of another team).
  virtual std::int64_t attach(const std::vector<AttachmentId>& ids, BoardId board_id,
                              UserId uploader_id, PostId post_id) = 0;
  virtual void remove_pending(AttachmentId attachment_id, UserId uploader_id) = 0;
  // Pending uploads older than `before`, with their blobs; returns how many.
  virtual std::int64_t purge_pending(UnixSeconds before) = 0;
  // Posted files of a team visible to the viewer, newest first.
  virtual std::vector<Attachment> list(const AttachmentQuery& query) = 0;
};

struct TimelineQuery {
  BoardId board_id;
  UserId viewer_id;
  std::int64_t limit = 20;
  std::optional<PostId> before_id;  // paging: posts older than this one
  // Only important posts by others that the viewer has not acknowledged (shown above the rest).
  bool pinned_only = false;
};

class PostStore {
 public:
  virtual ~PostStore() = default;
  // In display order; retired ones only when asked for (the region's settings page).
  virtual std::vector<Tag> tags(RegionId region_id, bool with_retired = false) = 0;
  virtual TagId insert_tag(RegionId region_id, const std::string& name,
                           std::int64_t sort_order) = 0;
  virtual void update_tag(RegionId region_id, const Tag& tag) = 0;
  virtual PostId insert(const NewPost& post, UnixSeconds now) = 0;
  // nullopt when the post does not exist or `viewer_id` may not see it.
  virtual std::optional<Post> find_visible(PostId post_id, UserId viewer_id) = 0;
  // These posts and replies as `viewer_id` may see them, in the order of `ids`; the ones they
  // may not see are left out. Replies are not filled in.
  virtual std::vector<Post> find_many_visible(const std::vector<PostId>& ids, UserId viewer_id) = 0;
  // Root posts newest first, each with its visible replies oldest first.
  virtual std::vector<Post> timeline(const TimelineQuery& query) = 0;
  // Returns false if the stored version is not `expected_version`.
  virtual bool update(PostId post_id, std::int64_t expected_version, const std::string& body,
                      std::optional<TagId> tag_id, UserId editor_id, UnixSeconds now) = 0;
  virtual std::vector<PostVersion> versions(PostId post_id) = 0;
  virtual void soft_delete(PostId post_id, UserId by_user, const std::string& reason,
                           UnixSeconds now) = 0;
  // False if `user_id` had already acknowledged it.
  virtual bool acknowledge(PostId post_id, UserId user_id, UnixSeconds now) = 0;
  virtual std::vector<Acknowledgement> acknowledgements(PostId post_id) = 0;
  virtual void mark_read(UserId user_id, const std::vector<PostId>& post_ids, UnixSeconds now) = 0;
  // Marks a post and every reply in its thread as read (whoever answers a thread has read it).
  virtual void mark_thread_read(PostId root_id, UserId user_id, UnixSeconds now) = 0;
  // Marks every post of the team visible to `user_id` as read; returns how many were unread.
  virtual std::int64_t mark_all_read(BoardId board_id, UserId user_id, UnixSeconds now) = 0;
  // Replaces addressee `from` by `to` (handing a facility's request on to a colleague).
  virtual void hand_on(PostId post_id, UserId from, UserId to) = 0;
  virtual void add_to_audience(PostId post_id, UserId user_id) = 0;
};

}  // namespace musubi::board
