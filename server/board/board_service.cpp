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

// Audited reads run the query on a reader connection (in parallel with other requests) and then
// log it in the read journal (audit/read_journal.hpp): what is shown has always been logged first,
// and neither the single writer nor the data file is touched by a read.
std::vector<BoardSummary> BoardService::my_teams(const access::Actor& actor) {
  auto teams = storage_.read([&](storage::Transaction& tx) {
    return tx.boards().boards_of(actor.user_id, BoardKind::care);
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "care_team.list",
                      .target_type = "care_team",
                      .detail = fmt::format("{} teams", teams.size())});
  return teams;
}

std::vector<Tag> BoardService::tags(const access::Actor& actor, bool with_retired) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.posts().tags(actor.region_id, with_retired); });
}

namespace {

std::string tag_name(const std::string& name) {
  Validator v;
  auto clean = v.text("name", name, 20, true);
  v.throw_if_any();
  return clean;
}

void require_region_admin(const access::Actor& actor) {
  if (!actor.has(Role::region_admin)) throw Error(ErrorCode::forbidden);
}

void check_unique(storage::Transaction& tx, RegionId region_id, const std::string& name,
                  Id except) {
  for (const auto& t : tx.posts().tags(region_id, true)) {
    if (t.name == name && t.id != except) {
      throw Error(ErrorCode::conflict, "同じ名前の分類がすでにあります",
                  {{"name", "同じ名前の分類がすでにあります"}});
    }
  }
}

}  // namespace

Tag BoardService::add_tag(const access::Actor& actor, const std::string& name) {
  require_region_admin(actor);
  auto clean = tag_name(name);
  return storage_.write([&](storage::Transaction& tx) {
    check_unique(tx, actor.region_id, clean, 0);
    std::int64_t last = 0;
    for (const auto& t : tx.posts().tags(actor.region_id, true)) {
      last = std::max(last, t.sort_order);
    }
    Tag tag{.name = clean, .sort_order = last + 1};
    tag.id = tx.posts().insert_tag(actor.region_id, clean, tag.sort_order);
    record(tx, clock_, actor, "post_tag.create", "post_tag", tag.id, clean);
    return tag;
  });
}

Tag BoardService::update_tag(const access::Actor& actor, TagId tag_id, const std::string& name,
                             std::int64_t sort_order, bool retired) {
  require_region_admin(actor);
  auto clean = tag_name(name);
  return storage_.write([&](storage::Transaction& tx) {
    auto tags = tx.posts().tags(actor.region_id, true);
    auto found =
        std::find_if(tags.begin(), tags.end(), [&](const Tag& t) { return t.id == tag_id; });
    if (found == tags.end()) throw Error(ErrorCode::not_found, "分類が見つかりません");
    check_unique(tx, actor.region_id, clean, tag_id);
    Tag tag{.id = tag_id, .name = clean, .sort_order = sort_order, .retired = retired};
    tx.posts().update_tag(actor.region_id, tag);
    record(tx, clock_, actor, "post_tag.update", "post_tag", tag_id,
           fmt::format("{} → {}{}", found->name, clean, retired ? "（使用停止）" : ""));
    return tag;
  });
}

BoardView BoardService::create_team(const access::Actor& actor, PersonId person_id,
                                    UserId admin_user_id, const std::string& team_role) {
  Validator v;
  check_team_role(v, team_role);
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person || !person::in_scope(actor, *person)) {
      throw Error(ErrorCode::not_found, "支援対象者が見つかりません");
    }
    if (tx.boards().find_by_person(actor.region_id, person_id)) {
      throw Error(ErrorCode::conflict, "この方のケアチームはすでにあります");
    }
    auto admin = tx.users().find(actor.region_id, admin_user_id);
    if (!admin || !admin->active) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"admin_user_id", "利用者が見つかりません"}});
    }
    auto now = clock_.now();
    auto board_id = tx.boards().insert(actor.region_id, person_id, now);
    tx.boards().put_member(board_id, admin_user_id, team_role, true, now);
    // So that the first administrator's open pages receive the new team's events at once.
    publish(tx, clock_,
            {.board_id = board_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = admin_user_id});
    record(tx, clock_, actor, "care_team.create", "care_team", board_id,
           fmt::format("person={} admin={}", person_id, admin_user_id));
    return board_view(tx, actor, *tx.boards().find(actor.region_id, board_id), now);
  });
}

std::optional<TeamLink> BoardService::team_of_person(const access::Actor& actor,
                                                     PersonId person_id) {
  return storage_.read([&](storage::Transaction& tx) -> std::optional<TeamLink> {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person || !person::in_scope(actor, *person)) return std::nullopt;
    auto team = tx.boards().find_by_person(actor.region_id, person_id);
    if (!team) return std::nullopt;
    // Whoever may see the person may know that a team exists (to ask to join), never its content.
    return TeamLink{
        .id = team->id,
        .member = tx.boards().member(team->id, actor.user_id).has_value(),
        .join_requested = tx.boards().open_join_request(team->id, actor.user_id).has_value()};
  });
}

std::vector<std::pair<person::Person, TeamLink>> BoardService::find_teams(
    const access::Actor& actor, const std::string& name_kana, const std::string& birth_date) {
  Validator v;
  auto kana = v.kana("name_kana", name_kana, 50, true);
  auto date = v.date("birth_date", birth_date, true);
  v.throw_if_any();
  if (!actor.has(Role::professional)) throw Error(ErrorCode::forbidden);
  auto who = std::to_string(actor.user_id);
  if (lookup_misses_.exhausted(who, clock_.now())) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record(
          tx, clock_, actor,
          {.action = "care_team.lookup",
           .target_type = "care_team",
           .outcome = "denied",
           .detail = fmt::format("more than {} misses in an hour", kLookupMissesPerHour)});
    });
    throw Error(ErrorCode::too_many_requests,
                "見つからない照会が続いたため、照会を一時的に止めています。1時間ほどおいてから、"
                "読みと生年月日を確かめてもう一度お試しください");
  }
  auto found = storage_.write([&](storage::Transaction& tx) {
    std::vector<std::pair<person::Person, TeamLink>> out;
    for (auto& p : tx.persons().find_exact(actor.region_id, kana, date)) {
      auto team = tx.boards().find_by_person(actor.region_id, PersonId{p.id});
      if (!team) continue;
      TeamLink link{
          .id = team->id,
          .member = tx.boards().member(team->id, actor.user_id).has_value(),
          .join_requested = tx.boards().open_join_request(team->id, actor.user_id).has_value()};
      out.emplace_back(std::move(p), link);
    }
    audit::record(tx, clock_, actor,
                  {.action = "care_team.lookup",
                   .target_type = "care_team",
                   .detail = fmt::format("{} found", out.size())});
    return out;
  });
  if (found.empty()) lookup_misses_.count(who, clock_.now());
  return found;
}

BoardView BoardService::view(const access::Actor& actor, BoardId board_id) {
  auto view = storage_.read([&](storage::Transaction& tx) -> std::optional<BoardView> {
    auto team = tx.boards().find(actor.region_id, board_id);
    bool member = team && tx.boards().member(board_id, actor.user_id);
    // A region administrator sees who is on a team or group, never who talks to whom.
    bool overseer = team && team->kind != BoardKind::direct && actor.has(Role::region_admin);
    if (!team || (!member && !overseer)) return std::nullopt;
    return board_view(tx, actor, *team, clock_.now());
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "care_team.read",
                      .target_type = "care_team",
                      .target_id = std::to_string(board_id),
                      .outcome = view ? "success" : "denied"});
  if (!view) throw Error(ErrorCode::not_found, kNoBoard);
  return std::move(*view);
}

}  // namespace musubi::board
