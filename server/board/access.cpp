#include "board/access.hpp"

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/board_store.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

const char* const kNoBoard = "ケアチームが見つかりません";
const char* const kNoPost = "投稿が見つかりません";

std::pair<Board, Member> require_member(storage::Transaction& tx, const access::Actor& actor,
                                        BoardId board_id) {
  auto team = tx.boards().find(actor.region_id, board_id);
  auto me = team ? tx.boards().member(board_id, actor.user_id) : std::nullopt;
  if (!team || !me) throw Error(ErrorCode::not_found, kNoBoard);
  return {*team, *me};
}

bool may_manage_members(storage::Transaction& tx, const access::Actor& actor, const Board& team) {
  // A conversation is its participants' alone: nobody adds anyone to it (start another one).
  if (team.kind == BoardKind::direct) return false;
  if (actor.has(access::Role::region_admin)) return true;
  auto me = tx.boards().member(team.id, actor.user_id);
  return me && me->is_admin;
}

bool role_fits(const Board& team, const std::string& team_role) {
  if (team.kind != BoardKind::care) return team_role == kGroupMemberRole;
  return team_role != kGroupMemberRole && team_role_label(team_role).has_value();
}

std::pair<Post, Member> require_visible_post(storage::Transaction& tx, const access::Actor& actor,
                                             PostId post_id) {
  auto post = tx.posts().find_visible(post_id, actor.user_id);
  auto team = post ? tx.boards().find(actor.region_id, post->board_id) : std::nullopt;
  auto me = team ? tx.boards().member(team->id, actor.user_id) : std::nullopt;
  if (!post || !me) throw Error(ErrorCode::not_found, kNoPost);
  return {*post, *me};
}

bool member_sees(storage::Transaction& tx, const Post& post, const Member& m) {
  if (post.restricted) {
    return std::find(post.audience.begin(), post.audience.end(), m.user_id) != post.audience.end();
  }
  return !m.request_only || tx.posts().find_visible(post.id, m.user_id).has_value();
}

void publish(storage::Transaction& tx, const Clock& clock, BoardEvent event) {
  event.at = clock.now();
  tx.events().append(event);
}

void record(storage::Transaction& tx, const Clock& clock, const access::Actor& actor,
            const char* action, const char* target_type, Id target_id, std::string detail) {
  audit::record(tx, clock, actor,
                {.action = action,
                 .target_type = target_type,
                 .target_id = std::to_string(target_id),
                 .detail = std::move(detail)});
}

}  // namespace musubi::board
