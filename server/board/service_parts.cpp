#include "board/service_parts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "board/service_parts.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "person/consent_policy.hpp"
#include "person/person_service.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

void check_team_role(Validator& v, const std::string& role) {
  if (role == kGroupMemberRole || !team_role_label(role)) {
    v.add("team_role", "チームでの役割を選んでください");
  }
}

AcknowledgementView acknowledgement_view(storage::Transaction& tx, const Post& post) {
  AcknowledgementView view;
  view.acknowledged = tx.posts().acknowledgements(post.id);
  for (auto& m : tx.boards().members(post.board_id)) {
    if (m.user_id == post.author_id) continue;
    if (!member_sees(tx, post, m)) continue;
    bool acked = std::any_of(view.acknowledged.begin(), view.acknowledged.end(),
                             [&](const Acknowledgement& a) { return a.user_id == m.user_id; });
    if (!acked) view.not_yet.push_back(std::move(m));
  }
  return view;
}

BoardEvent post_event(const Post& post, const char* kind, const access::Actor& actor) {
  return {.board_id = post.board_id,
          .kind = kind,
          .post_id = post.id,
          .parent_id = post.parent_id,
          .actor_id = actor.user_id,
          .audience = post.restricted ? post.audience : std::vector<UserId>{}};
}

BoardView board_view(storage::Transaction& tx, const access::Actor& actor, const Board& team,
                     UnixSeconds now) {
  BoardView view;
  view.board = team;
  if (team.kind == BoardKind::care) {
    view.person = *tx.persons().find(actor.region_id, team.person_id);
  }
  view.members = tx.boards().members(team.id);
  for (const auto& m : view.members) {
    if (m.user_id == actor.user_id) view.me = m;
  }
  // The record is for the care team; a contact who came for a request only does not see it.
  if (team.kind == BoardKind::care && view.me && !view.me->request_only) {
    view.record = person::record_badges(tx, team.person_id, now);
  }
  return view;
}

}  // namespace musubi::board
