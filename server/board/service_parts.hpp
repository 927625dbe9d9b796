// What the files of BoardService share (board_service.cpp: boards, tags and finding a person's
// team; board_members.cpp: members, join requests, mutes; board_posts.cpp: the timeline and
// posts): limits, and how a board, a post's event and its acknowledgements are put together.
#pragma once

#include <cstddef>
#include <string>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "board/board_service.hpp"
#include "board/types.hpp"
#include "core/validation.hpp"

namespace musubi::board {

constexpr std::size_t kMaxPostLength = 10000;
constexpr std::size_t kMaxAttachmentsPerPost = 20;

void check_team_role(Validator& v, const std::string& role);
AcknowledgementView acknowledgement_view(storage::Transaction& tx, const Post& post);
// An event about `post`, for those who may see it.
BoardEvent post_event(const Post& post, const char* kind, const access::Actor& actor);
BoardView board_view(storage::Transaction& tx, const access::Actor& actor, const Board& team,
                     UnixSeconds now);

}  // namespace musubi::board
