// Use cases of care teams and their board. Only members see anything of a team's board; a region
// administrator sees who is on a team, not what is written. Every read and write is audited.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "board/board_store.hpp"
#include "core/clock.hpp"
#include "core/rate_window.hpp"
#include "person/record_badges.hpp"
#include "person/types.hpp"
#include "storage/storage.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::board {

struct BoardView {
  Board board;
  person::Person person;
  std::vector<Member> members;
  std::optional<Member> me;  // nullopt for a region administrator who is not a member
  // Consent warning and もしものとき, above the board: the record's, so for the team's members only
  // (a region administrator who is not one sees the board, not the record).
  std::optional<person::RecordBadges> record;
};

struct PostInput {
  std::string body;
  std::optional<TagId> tag_id;
  bool important = false;
  std::vector<UserId> restricted_to;  // empty: every member sees it
  std::optional<PostId> parent_id;    // set for a reply
  // A request (宛先・返信依頼): addressed to members and/or facilities (their designated contact).
  std::optional<RequestKind> request_kind;
  std::optional<UnixSeconds> deadline;
  std::vector<UserId> addressees;
  std::vector<FacilityId> addressed_facilities;
  std::vector<AttachmentId> attachment_ids;  // my pending uploads on this team
};

// A report from outside a person's care team (the fire department's transport report, an alarm
// centre's call): an important post by someone who is not a member, also asked as a read request
// of the facilities' designated contacts (the city office), who join the team as contacts do.
struct OutsidePost {
  std::string body;
  std::vector<FacilityId> contacts_of;  // a facility without an active contact is left out
};

// A person's team as someone who may see the person finds it.
struct TeamLink {
  BoardId id;
  bool member = false;
  bool join_requested = false;  // my request waits for an administrator
};

struct TimelinePage {
  std::vector<Post> pinned;
  std::vector<Post> posts;
};

struct AcknowledgementView {
  std::vector<Acknowledgement> acknowledged;
  std::vector<Member> not_yet;  // members who can see the post and have not acknowledged it
};

class BoardService {
 public:
  static constexpr std::int64_t kLookupMissesPerHour = 20;

  BoardService(storage::Storage& storage, const Clock& clock, EventListener* listener = nullptr)
      : storage_(storage), clock_(clock), listener_(listener) {}

  std::vector<BoardSummary> my_teams(const access::Actor& actor);
  std::vector<Tag> tags(const access::Actor& actor, bool with_retired = false);
  // Region administrators edit the region's categories.
  Tag add_tag(const access::Actor& actor, const std::string& name);
  Tag update_tag(const access::Actor& actor, TagId tag_id, const std::string& name,
                 std::int64_t sort_order, bool retired);

  // Region administrators, or facility administrators of the person's facility, open a team and
  // name its first administrator.
  BoardView create_team(const access::Actor& actor, PersonId person_id, UserId admin_user_id,
                        const std::string& team_role);
  std::optional<TeamLink> team_of_person(const access::Actor& actor, PersonId person_id);
  // Teams of persons with exactly this reading and birth date (a professional who is not yet on
  // the team finds it this way, never by browsing). Audited.
  std::vector<std::pair<person::Person, TeamLink>> find_teams(const access::Actor& actor,
                                                              const std::string& name_kana,
                                                              const std::string& birth_date);
  // A professional who may see the person asks to join; a team administrator decides.
  // The person's reading and birth date must be given again: a team id alone (guessed) is not
  // enough to learn that the team exists.
  void request_to_join(const access::Actor& actor, BoardId board_id, const std::string& name_kana,
                       const std::string& birth_date, const std::string& team_role,
                       const std::string& message);
  std::vector<JoinRequest> join_requests(const access::Actor& actor, BoardId board_id);
  std::vector<Member> decide_join(const access::Actor& actor, BoardId board_id, UserId user_id,
                                  bool approve);
  BoardView view(const access::Actor& actor, BoardId board_id);
  std::vector<Member> put_member(const access::Actor& actor, BoardId board_id, UserId user_id,
                                 const std::string& team_role, bool is_admin);
  std::vector<Member> remove_member(const access::Actor& actor, BoardId board_id, UserId user_id);
  // A member mutes or unmutes the board for themselves (notifications, not the inbox): until
  // they turn it back on, or for `minutes` (up to kMaxMuteMinutes). Returns their membership.
  Member set_muted(const access::Actor& actor, BoardId board_id, bool muted,
                   std::optional<std::int64_t> minutes = std::nullopt);

  // A page of the timeline, newest first; what it shows is then marked read. The first page also
  // has the important posts I have not acknowledged yet, which stay on top until I do.
  TimelinePage timeline(const access::Actor& actor, BoardId board_id,
                        std::optional<PostId> before_id, std::int64_t limit);
  Post create_post(const access::Actor& actor, BoardId board_id, const PostInput& input);
  Post edit_post(const access::Actor& actor, PostId post_id, std::int64_t version,
                 const std::string& body, std::optional<TagId> tag_id);
  std::vector<PostVersion> post_versions(const access::Actor& actor, PostId post_id);
  void delete_post(const access::Actor& actor, PostId post_id, const std::string& reason);
  AcknowledgementView acknowledge(const access::Actor& actor, PostId post_id);
  AcknowledgementView acknowledgements(const access::Actor& actor, PostId post_id);
  std::int64_t mark_all_read(const access::Actor& actor, BoardId board_id);
  // A facility's contact hands a request on to a colleague of the same facility, who joins the
  // team (and the audience of a restricted post) to answer it.
  Post hand_on(const access::Actor& actor, PostId post_id, UserId colleague_id);

  // Writes an OutsidePost inside the caller's transaction (the report it belongs to is written
  // with it); nullopt when the person has no team. Call events_committed() after the commit.
  std::optional<PostId> post_from_outside(storage::Transaction& tx, const access::Actor& actor,
                                          PersonId person_id, const OutsidePost& post);
  // Wakes live updates and notifications after a write made through the caller's transaction.
  void events_committed() {
    if (listener_) listener_->events_committed();
  }

  static constexpr std::int64_t kMaxMuteMinutes = std::int64_t{30} * 24 * 60;

 private:
  // A write that appends board events; live updates are woken once it has committed.
  template <class F>
  auto write_and_publish(F&& work);

  storage::Storage& storage_;
  const Clock& clock_;
  EventListener* listener_;
  // Looking a person up by reading and birth date is for finding a team one works with, not for
  // guessing birth dates: misses per user and hour are limited.
  RateWindow lookup_misses_{kLookupMissesPerHour, 3600};
};

template <class F>
auto BoardService::write_and_publish(F&& work) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, storage::Transaction&>>) {
    storage_.write(work);
    if (listener_) listener_->events_committed();
  } else {
    auto result = storage_.write(work);
    if (listener_) listener_->events_committed();
    return result;
  }
}

}  // namespace musubi::board
