#include "board/group_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "board/board_store.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

const char* const kNoGroup = "プロジェクトが見つかりません";

GroupInput checked(const GroupInput& in) {
  Validator v;
  GroupInput out{.name = v.text("name", in.name, GroupService::kMaxName, true),
                 .description = v.text("description", in.description, GroupService::kMaxDescription,
                                       false, true),
                 .open = in.open,
                 .hidden = in.hidden};
  if (in.open && in.hidden) v.add("hidden", "非公開のプロジェクトは自由参加にできません");
  v.throw_if_any();
  return out;
}

const char* visibility(const GroupInput& in) {
  if (in.hidden) return "非公開";
  return in.open ? "公開" : "承認制";
}

Board require_group(storage::Transaction& tx, const access::Actor& actor, BoardId group_id) {
  auto group = tx.boards().find(actor.region_id, group_id);
  if (!group || group->kind != BoardKind::group) throw Error(ErrorCode::not_found, kNoGroup);
  return *group;
}

BoardView group_view(storage::Transaction& tx, const access::Actor& actor, const Board& group) {
  BoardView view{.board = group, .members = tx.boards().members(group.id)};
  for (const auto& m : view.members) {
    if (m.user_id == actor.user_id) view.me = m;
  }
  return view;
}

}  // namespace

// Tells the live hub that `user` is now on the board, so that its events reach them at once.
void GroupService::joined(storage::Transaction& tx, BoardId board_id, UserId user, UserId by) {
  publish(
      tx, clock_,
      {.board_id = board_id, .kind = "member.changed", .actor_id = by, .subject_user_id = user});
}

std::vector<GroupSummary> GroupService::groups(const access::Actor& actor) {
  auto list = storage_.read([&](storage::Transaction& tx) {
    return tx.boards().groups(actor.region_id, actor.user_id,
                              actor.has(access::Role::region_admin));
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "group.list",
                      .target_type = "group",
                      .detail = fmt::format("{} groups", list.size())});
  return list;
}

BoardView GroupService::create_group(const access::Actor& actor, const GroupInput& input) {
  auto in = checked(input);
  auto view = storage_.write([&](storage::Transaction& tx) {
    auto now = clock_.now();
    Board group{.region_id = actor.region_id,
                .kind = BoardKind::group,
                .name = in.name,
                .description = in.description,
                .open = in.open,
                .hidden = in.hidden,
                .mail_key = crypto::random_hex(8)};
    group.id = tx.boards().insert_board(group, actor.user_id, now);
    tx.boards().put_member(group.id, actor.user_id, kGroupMemberRole, true, now);
    joined(tx, group.id, actor.user_id, actor.user_id);
    record(tx, clock_, actor, "group.create", "group", group.id,
           fmt::format("{}（{}）", in.name, visibility(in)));
    return group_view(tx, actor, *tx.boards().find(actor.region_id, group.id));
  });
  if (listener_) listener_->events_committed();
  return view;
}

BoardView GroupService::update_group(const access::Actor& actor, BoardId group_id,
                                     const GroupInput& input) {
  auto in = checked(input);
  return storage_.write([&](storage::Transaction& tx) {
    auto group = require_group(tx, actor, group_id);
    if (!may_manage_members(tx, actor, group)) throw Error(ErrorCode::not_found, kNoGroup);
    auto changed = group;
    changed.name = in.name;
    changed.description = in.description;
    changed.open = in.open;
    changed.hidden = in.hidden;
    tx.boards().update_group(changed);
    record(tx, clock_, actor, "group.update", "group", group_id,
           fmt::format("{} → {}（{}）", group.name, in.name, visibility(in)));
    return group_view(tx, actor, *tx.boards().find(actor.region_id, group_id));
  });
}

JoinOutcome GroupService::join_group(const access::Actor& actor, BoardId group_id,
                                     const std::string& message) {
  Validator v;
  auto text = v.text("message", message, 500, false, true);
  v.throw_if_any();
  auto outcome = storage_.write([&](storage::Transaction& tx) {
    auto group = require_group(tx, actor, group_id);
    if (tx.boards().member(group_id, actor.user_id)) {
      throw Error(ErrorCode::conflict, "すでにこのプロジェクトのメンバーです");
    }
    if (group.hidden) {
      // Others are not to learn that it exists; region administrators see it in the list.
      if (!actor.has(access::Role::region_admin)) throw Error(ErrorCode::not_found, kNoGroup);
      throw Error(ErrorCode::conflict,
                  "非公開のプロジェクトには、メンバーの招待でのみ参加できます");
    }
    if (group.open) {
      auto now = clock_.now();
      tx.boards().put_member(group_id, actor.user_id, kGroupMemberRole, false, now);
      joined(tx, group_id, actor.user_id, actor.user_id);
      record(tx, clock_, actor, "group.join", "group", group_id);
      return JoinOutcome::joined;
    }
    if (tx.boards().open_join_request(group_id, actor.user_id)) {
      throw Error(ErrorCode::conflict,
                  "参加の申請はすでに送られています。管理者の承認をお待ちください");
    }
    tx.boards().insert_join_request(group_id, actor.user_id, kGroupMemberRole, text, clock_.now());
    record(tx, clock_, actor, "group.join_request", "group", group_id);
    return JoinOutcome::requested;
  });
  if (outcome == JoinOutcome::joined && listener_) listener_->events_committed();
  return outcome;
}

std::vector<BoardSummary> GroupService::conversations(const access::Actor& actor) {
  auto list = storage_.read([&](storage::Transaction& tx) {
    return tx.boards().boards_of(actor.user_id, BoardKind::direct);
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "conversation.list",
                      .target_type = "conversation",
                      .detail = fmt::format("{} conversations", list.size())});
  return list;
}

GroupService::Conversation GroupService::start_conversation(const access::Actor& actor,
                                                            const std::vector<UserId>& others) {
  std::vector<UserId> users{actor.user_id};
  for (auto id : others) {
    if (std::find(users.begin(), users.end(), id) == users.end()) users.push_back(id);
  }
  if (users.size() < 2) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"user_ids", "相手を選んでください"}});
  }
  if (users.size() > kMaxConversationSize) {
    throw Error(
        ErrorCode::invalid_input, "入力内容を確認してください",
        {{"user_ids", fmt::format("メッセージの相手は{}人までです", kMaxConversationSize - 1)}});
  }
  auto [id, created] = storage_.write([&](storage::Transaction& tx) -> std::pair<BoardId, bool> {
    std::vector<std::string> names;
    for (auto id : users) {
      auto user = tx.users().find(actor.region_id, id);
      if (!user || !user->active) {
        throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                    {{"user_ids", "相手が見つかりません"}});
      }
      names.push_back(user->name);
    }
    if (auto existing = tx.boards().direct_between(actor.region_id, users)) {
      return {*existing, false};
    }
    auto now = clock_.now();
    Board conversation{.region_id = actor.region_id,
                       .kind = BoardKind::direct,
                       .name = fmt::format("{}", fmt::join(names, "、"))};
    conversation.id = tx.boards().insert_board(conversation, actor.user_id, now);
    for (auto user : users) {
      tx.boards().put_member(conversation.id, user, kGroupMemberRole, false, now);
      joined(tx, conversation.id, user, actor.user_id);
    }
    record(tx, clock_, actor, "conversation.create", "conversation", conversation.id,
           fmt::format("{} participants", users.size()));
    return {conversation.id, true};
  });
  if (created && listener_) listener_->events_committed();
  return {.id = id, .created = created};
}

}  // namespace musubi::board
