// Care teams around a person and their board (連絡帳): posts, replies, edits, restricted posts,
// acknowledgements and read state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace musubi::board {

using Id = std::int64_t;

struct TeamRoleInfo {
  std::string_view code;
  std::string_view label;
};
// The roles people hold on a care team (主治医, 訪問看護 …).
const std::vector<TeamRoleInfo>& team_roles();
// On groups and conversations everyone is simply a member (not offered for care teams).
extern const char* const kGroupMemberRole;
std::optional<std::string_view> team_role_label(std::string_view code);

// What a board is about: a person (care team), a group of professionals (プロジェクト: a
// committee, a training circle, the support centres), or a direct conversation.
enum class BoardKind { care, group, direct };
std::string_view board_kind_code(BoardKind kind);
std::optional<BoardKind> board_kind_from_code(std::string_view code);

// A board and who is on it. Care teams are about a person; groups and conversations have a name.
struct Board {
  BoardId id;
  RegionId region_id;
  BoardKind kind = BoardKind::care;
  PersonId person_id;  // care teams only
  std::string person_name;
  std::string person_name_kana;
  std::string name;         // groups and conversations
  std::string description;  // groups
  bool open = false;        // groups: any professional of the region may join without approval
  bool hidden = false;      // groups: listed only to members (and region administrators)
  UnixSeconds created_at = 0;
  std::string mail_key;  // groups: their address is group-<mail_key>@<mail.inbound_domain>
};

struct Member {
  UserId user_id;
  std::string name;
  std::string name_kana;
  std::string facility_name;
  std::string profession_name;
  std::string team_role;
  bool is_admin = false;
  UnixSeconds joined_at = 0;
  bool muted = false;  // their own choice: no notifications of the board's broadcasts
  std::optional<UnixSeconds> muted_until;  // a mute for a while ends then
  // A facility's contact who joined because a request was addressed to the facility.
  std::optional<FacilityId> via_facility_id;
  std::string via_facility_name;
  // Such a contact, where the region says so: sees only the requests addressed to them (and
  // their threads), not the rest of the board nor the person's record.
  bool request_only = false;
};

// Someone asking to join a team, waiting for a team administrator.
struct JoinRequest {
  BoardId board_id;
  UserId user_id;
  std::string name;
  std::string facility_name;
  std::string profession_name;
  std::string team_role;
  std::string message;
  UnixSeconds created_at = 0;
};

// A team as one member sees it in their list (for a conversation, team.name names the others).
struct BoardSummary {
  Board board;
  std::string my_role;
  bool i_am_admin = false;
  std::int64_t unread = 0;  // posts and replies visible to me that I have not read
  std::optional<UnixSeconds> last_post_at;
  bool muted = false;  // by me
};

// A group as any professional of the region sees it in the list of groups: what it is and how
// many are on it, never what is written unless they are a member.
struct GroupSummary {
  Board group;
  std::int64_t member_count = 0;
  bool member = false;
  bool i_am_admin = false;
  bool join_requested = false;
  std::int64_t unread = 0;                  // members only
  std::optional<UnixSeconds> last_post_at;  // members only
  bool muted = false;                       // by me
};

struct Tag {
  TagId id;
  std::string name;
  std::int64_t sort_order = 0;
  bool retired = false;  // kept on old posts, not offered for new ones
};

enum class RequestKind { read, answer };
enum class AddresseeState { unread, read, acknowledged, answered };
std::string_view request_kind_code(RequestKind kind);
std::optional<RequestKind> request_kind_from_code(std::string_view code);
std::string_view addressee_state_code(AddresseeState state);

struct Addressee {
  UserId user_id;
  std::string name;
  std::string facility_name;
  std::optional<FacilityId> via_facility_id;
  std::string via_facility_name;
  AddresseeState state = AddresseeState::unread;
};

struct Request {
  RequestKind kind = RequestKind::read;
  std::optional<UnixSeconds> deadline;
  std::vector<Addressee> addressees;

  // Done for one addressee: read (or more) for a read request, answered for an answer request.
  bool done(const Addressee& a) const;
  bool overdue(UnixSeconds now) const;
};

// A file on a post (or, before it is posted, only its uploader's).
struct Attachment {
  AttachmentId id;
  BoardId board_id;
  std::optional<PostId> post_id;
  UserId uploader_id;
  std::string uploader_name;
  std::string file_name;
  std::string media_type;  // what it is served as (sniffed, never the browser's claim)
  std::string kind;        // image, pdf, other
  std::int64_t size = 0;
  Id blob_id = 0;
  std::optional<Id> thumbnail_blob_id;
  std::optional<int> width;
  std::optional<int> height;
  UnixSeconds created_at = 0;
  std::optional<Id> consent_id;  // the signed paper of a consent (part of the record)
};

struct Post {
  PostId id;
  BoardId board_id;
  std::optional<PostId> parent_id;  // set on a reply
  UserId author_id;
  std::string author_name;
  std::string author_facility;
  std::string body;  // empty once deleted
  std::optional<TagId> tag_id;
  std::string tag_name;
  bool important = false;
  bool restricted = false;
  std::vector<UserId> audience;  // restricted posts only: who may see it (author included)
  std::int64_t version = 1;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> edited_at;
  std::optional<UnixSeconds> deleted_at;
  std::string delete_reason;
  std::int64_t acknowledgements = 0;
  bool acknowledged_by_me = false;
  bool read_by_me = false;
  bool has_poll = false;      // a poll or a scheduling (poll/), read on its own
  std::vector<Post> replies;  // filled on timeline reads
  std::optional<Request> request;
  std::vector<Attachment> attachments;
};

struct PostVersion {
  std::int64_t version = 0;
  std::string body;
  std::string tag_name;
  UnixSeconds written_at = 0;
  std::string written_by;
};

struct Acknowledgement {
  UserId user_id;
  std::string name;
  UnixSeconds at = 0;
};

}  // namespace musubi::board
