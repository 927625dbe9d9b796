// Who is on a board: join requests and their decisions, members added, changed and removed, and
// each member's mute.
#include "board/board_service.hpp"

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

using access::Role;

void BoardService::request_to_join(const access::Actor& actor, BoardId board_id,
                                   const std::string& name_kana, const std::string& birth_date,
                                   const std::string& team_role, const std::string& message) {
  Validator v;
  check_team_role(v, team_role);
  auto text = v.text("message", message, 500, false, true);
  v.throw_if_any();
  storage_.write([&](storage::Transaction& tx) {
    auto team = tx.boards().find(actor.region_id, board_id);
    auto person = team && team->kind == BoardKind::care
                      ? tx.persons().find(actor.region_id, team->person_id)
                      : std::nullopt;
    // Any professional of the region may ask (they found the team by reading and birth date);
    // only an administrator's approval lets them see anything.
    bool identified = person &&
                      text::search_key(person->fields.name_kana) == text::search_key(name_kana) &&
                      person->fields.birth_date == birth_date;
    if (!identified || !actor.has(Role::professional)) throw Error(ErrorCode::not_found, kNoBoard);
    if (tx.boards().member(board_id, actor.user_id)) {
      throw Error(ErrorCode::conflict, "すでにこのチームのメンバーです");
    }
    if (tx.boards().open_join_request(board_id, actor.user_id)) {
      throw Error(ErrorCode::conflict,
                  "参加の申請はすでに送られています。管理者の承認をお待ちください");
    }
    tx.boards().insert_join_request(board_id, actor.user_id, team_role, text, clock_.now());
    record(tx, clock_, actor, "care_team.join_request", "care_team", board_id, team_role);
  });
}

std::vector<JoinRequest> BoardService::join_requests(const access::Actor& actor, BoardId board_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto team = tx.boards().find(actor.region_id, board_id);
    if (!team || !may_manage_members(tx, actor, *team)) throw Error(ErrorCode::not_found, kNoBoard);
    return tx.boards().open_join_requests(board_id);
  });
}

std::vector<Member> BoardService::decide_join(const access::Actor& actor, BoardId board_id,
                                              UserId user_id, bool approve) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.boards().find(actor.region_id, board_id);
    if (!team || !may_manage_members(tx, actor, *team)) throw Error(ErrorCode::not_found, kNoBoard);
    auto request = tx.boards().open_join_request(board_id, user_id);
    if (!request) throw Error(ErrorCode::not_found, "参加の申請が見つかりません");
    tx.boards().decide_join_request(board_id, user_id, approve, actor.user_id, clock_.now());
    if (approve && !tx.boards().member(board_id, user_id)) {
      tx.boards().put_member(board_id, user_id, request->team_role, false, clock_.now());
    }
    if (approve) {
      publish(tx, clock_,
              {.board_id = board_id,
               .kind = "member.changed",
               .actor_id = actor.user_id,
               .subject_user_id = user_id});
    }
    record(tx, clock_, actor, approve ? "care_team.join_approve" : "care_team.join_decline",
           "care_team", board_id, fmt::format("user {}", user_id));
    return tx.boards().members(board_id);
  });
}

std::vector<Member> BoardService::put_member(const access::Actor& actor, BoardId board_id,
                                             UserId user_id, const std::string& team_role,
                                             bool is_admin) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.boards().find(actor.region_id, board_id);
    if (!team || !may_manage_members(tx, actor, *team)) {
      throw Error(ErrorCode::not_found, kNoBoard);
    }
    if (!role_fits(*team, team_role)) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"team_role", "チームでの役割を選んでください"}});
    }
    auto user = tx.users().find(actor.region_id, user_id);
    if (!user || !user->active) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"user_id", "利用者が見つかりません"}});
    }
    auto existing = tx.boards().member(board_id, user_id);
    if (existing && existing->is_admin && !is_admin && tx.boards().admin_count(board_id) == 1) {
      throw Error(ErrorCode::conflict, "チーム管理者が1人もいなくなるため、変更できません");
    }
    tx.boards().put_member(board_id, user_id, team_role, is_admin, clock_.now());
    publish(tx, clock_,
            {.board_id = board_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = user_id});
    record(tx, clock_, actor, existing ? "care_team.member_update" : "care_team.member_add",
           "care_team", board_id,
           fmt::format("user={} role={} admin={}", user_id, team_role, is_admin));
    return tx.boards().members(board_id);
  });
}

std::vector<Member> BoardService::remove_member(const access::Actor& actor, BoardId board_id,
                                                UserId user_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.boards().find(actor.region_id, board_id);
    bool leaving = user_id == actor.user_id;
    if (!team || (!leaving && !may_manage_members(tx, actor, *team))) {
      throw Error(ErrorCode::not_found, kNoBoard);
    }
    auto existing = tx.boards().member(board_id, user_id);
    if (!existing) throw Error(ErrorCode::not_found, "このチームのメンバーではありません");
    if (existing->is_admin && tx.boards().admin_count(board_id) == 1) {
      throw Error(ErrorCode::conflict,
                  "最後のチーム管理者は外せません。先に別の人を管理者にしてください");
    }
    tx.boards().remove_member(board_id, user_id);
    publish(tx, clock_,
            {.board_id = board_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = user_id});
    record(tx, clock_, actor, "care_team.member_remove", "care_team", board_id,
           fmt::format("user={}", user_id));
    return tx.boards().members(board_id);
  });
}

Member BoardService::set_muted(const access::Actor& actor, BoardId board_id, bool muted,
                               std::optional<std::int64_t> minutes) {
  if (minutes && (*minutes < 1 || *minutes > kMaxMuteMinutes)) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"minutes", fmt::format("1分から{}日までで指定してください",
                                         kMaxMuteMinutes / (std::int64_t{24} * 60))}});
  }
  return storage_.write([&](storage::Transaction& tx) {
    require_member(tx, actor, board_id);
    std::optional<UnixSeconds> until;
    if (muted && minutes) until = clock_.now() + *minutes * 60;
    tx.boards().set_muted(board_id, actor.user_id, muted, until);
    record(tx, clock_, actor, muted ? "care_team.mute" : "care_team.unmute", "care_team", board_id,
           until ? "until " + format_iso8601(*until) : "");
    return *tx.boards().member(board_id, actor.user_id);
  });
}

}  // namespace musubi::board
