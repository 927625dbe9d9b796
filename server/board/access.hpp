// Who may touch what on a care team's board, shared by the board's services. Outsiders always get
// "not found", so that they cannot tell whether a team or post exists.
#pragma once

#include <string>
#include <utility>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "board/types.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::board {

extern const char* const kNoBoard;
extern const char* const kNoPost;

// The team and my membership, if `actor` is on it.
std::pair<Board, Member> require_member(storage::Transaction& tx, const access::Actor& actor,
                                        BoardId board_id);
// Region administrators and the team's administrators (nobody, for a conversation).
bool may_manage_members(storage::Transaction& tx, const access::Actor& actor, const Board& team);
// Care teams use the care roles (主治医 …); on groups and conversations everyone is a member.
bool role_fits(const Board& team, const std::string& team_role);
// A post `actor` may see, on a team `actor` is on.
std::pair<Post, Member> require_visible_post(storage::Transaction& tx, const access::Actor& actor,
                                             PostId post_id);

// Whether member `m` of the post's board may see it (the stores' visibility rule, for a post
// already read: 特別便 by its audience; a request-only contact by the store itself).
bool member_sees(storage::Transaction& tx, const Post& post, const Member& m);

// Appends a board event (stamped now) in the transaction of the change it describes.
void publish(storage::Transaction& tx, const Clock& clock, BoardEvent event);

void record(storage::Transaction& tx, const Clock& clock, const access::Actor& actor,
            const char* action, const char* target_type, Id target_id, std::string detail = {});

}  // namespace musubi::board
