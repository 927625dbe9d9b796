// A board's posts: the timeline, writing, editing and deleting posts and replies, requests and
// their hand-on, acknowledgements and read state.
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

TimelinePage BoardService::timeline(const access::Actor& actor, BoardId board_id,
                                    std::optional<PostId> before_id, std::int64_t limit) {
  auto page = storage_.read([&](storage::Transaction& tx) {
    require_member(tx, actor, board_id);
    TimelinePage page;
    page.posts = tx.posts().timeline({.board_id = board_id,
                                      .viewer_id = actor.user_id,
                                      .limit = std::clamp<std::int64_t>(limit, 1, 100),
                                      .before_id = before_id});
    if (!before_id) {
      page.pinned = tx.posts().timeline(
          {.board_id = board_id, .viewer_id = actor.user_id, .limit = 20, .pinned_only = true});
    }
    return page;
  });
  std::size_t shown = 0;
  std::vector<PostId> unread;
  for (const auto* list : {&page.pinned, &page.posts}) {
    for (const auto& p : *list) {
      ++shown;
      if (!p.read_by_me) unread.push_back(p.id);
      for (const auto& r : p.replies) {
        ++shown;
        if (!r.read_by_me) unread.push_back(r.id);
      }
    }
  }
  const audit::Event read_event{.action = "post.list",
                                .target_type = "care_team",
                                .target_id = std::to_string(board_id),
                                .detail = fmt::format("{} posts", shown)};
  if (unread.empty()) {
    // Nothing new to mark: a plain read, which leaves the data file (and its readers' caches) be.
    audit::record_read(storage_, clock_, actor, read_event);
  } else {
    storage_.write([&](storage::Transaction& tx) {
      tx.posts().mark_read(actor.user_id, unread, clock_.now());
      audit::record(tx, clock_, actor, read_event);
    });
  }
  return page;
}

namespace {

// A reply joins its post's thread and has its readers; a new post may be 特別便 to chosen members
// (always with its author). A reply narrowing its readers is refused, never silently dropped.
void place(storage::Transaction& tx, const access::Actor& actor, BoardId board_id,
           const PostInput& in, NewPost& post, Validator& checks) {
  if (in.parent_id) {
    auto parent = tx.posts().find_visible(*in.parent_id, actor.user_id);
    if (!parent || parent->board_id != board_id || parent->deleted_at) {
      throw Error(ErrorCode::not_found, kNoPost);
    }
    // One level of replies: a reply to a reply joins the thread of its post.
    post.parent_id = parent->parent_id.value_or(parent->id);
    if (parent->parent_id) parent = tx.posts().find_visible(*parent->parent_id, actor.user_id);
    post.audience = parent->audience;
    post.important = false;
    if (!in.restricted_to.empty()) {
      checks.add("restricted_to",
                 "返信を読める人は元の投稿と同じです。限られた人だけに送るには、新しい投稿の特別"
                 "便にしてください");
    }
    return;
  }
  if (in.restricted_to.empty()) return;
  for (auto user_id : in.restricted_to) {
    if (!tx.boards().member(board_id, user_id)) {
      checks.add("restricted_to", "チームのメンバー以外は選べません");
    }
  }
  post.audience = in.restricted_to;
  if (std::find(post.audience.begin(), post.audience.end(), actor.user_id) == post.audience.end()) {
    post.audience.push_back(actor.user_id);
  }
}

// The facility's designated contact, when there is one and they may still sign in.
std::optional<UserId> active_contact(storage::Transaction& tx, RegionId region_id,
                                     FacilityId facility_id) {
  auto facility = tx.facilities().find(region_id, facility_id);
  auto contact = facility && facility->contact_user_id
                     ? tx.users().find(region_id, *facility->contact_user_id)
                     : std::nullopt;
  if (!contact || !contact->active) return std::nullopt;
  return UserId{contact->id};
}

// Whom a request asks: members, and facilities through their designated contact (not in a
// conversation, which keeps its participants).
NewPost::Addressing address(storage::Transaction& tx, const access::Actor& actor,
                            const Board& board, const PostInput& in, const NewPost& post,
                            UnixSeconds now, Validator& checks) {
  if (post.parent_id) checks.add("request", "返信には宛先を付けられません");
  if (in.addressees.empty() && in.addressed_facilities.empty()) {
    checks.add("addressees", "宛先を1人以上選んでください");
  }
  if (in.deadline && *in.deadline <= now) {
    checks.add("deadline", "期限は今より後の日時にしてください");
  }
  NewPost::Addressing addressing{.kind = *in.request_kind, .deadline = in.deadline};
  for (auto user_id : in.addressees) {
    if (user_id == actor.user_id) continue;
    if (!tx.boards().member(board.id, user_id)) {
      checks.add("addressees", "宛先はチームのメンバーから選んでください");
    }
    addressing.addressees.emplace_back(user_id, std::nullopt);
  }
  if (board.kind == BoardKind::direct) {
    if (!in.addressed_facilities.empty()) {
      checks.add("addressed_facilities", "メッセージでは施設を宛先にできません");
    }
    return addressing;
  }
  for (auto facility_id : in.addressed_facilities) {
    auto contact = active_contact(tx, actor.region_id, facility_id);
    if (!contact) {
      checks.add("addressed_facilities", "この施設には窓口の担当者が登録されていません");
      continue;
    }
    addressing.addressees.emplace_back(*contact, facility_id);
  }
  return addressing;
}

// A facility's contact joins the board to be able to read and answer — the board and record, or
// the request only, as the region decides — and a restricted request reaches its addressees.
void bring_in_addressees(storage::Transaction& tx, const Clock& clock, const access::Actor& actor,
                         const Board& board, const NewPost::Addressing& addressing, NewPost& post) {
  const auto now = clock.now();
  const auto region = tx.regions().find(actor.region_id);
  const bool request_only = region && region->contact_access == region::ContactAccess::request;
  for (const auto& [user_id, via] : addressing.addressees) {
    if (via && !tx.boards().member(board.id, user_id)) {
      tx.boards().put_contact(board.id, user_id,
                              board.kind == BoardKind::care ? "hospital_liaison" : kGroupMemberRole,
                              *via, request_only, now);
      publish(tx, clock,
              {.board_id = board.id,
               .kind = "member.changed",
               .actor_id = actor.user_id,
               .subject_user_id = user_id});
      record(tx, clock, actor, "care_team.member_add", "care_team", board.id,
             fmt::format("user={} as contact of facility {}{}", user_id, *via,
                         request_only ? " (request only)" : ""));
    }
    if (!post.audience.empty() &&
        std::find(post.audience.begin(), post.audience.end(), user_id) == post.audience.end()) {
      post.audience.push_back(user_id);
    }
  }
}

// The author's pending uploads on this board become the post's files; all of them or none.
void attach_files(storage::Transaction& tx, std::vector<AttachmentId> files, BoardId board_id,
                  UserId author_id, PostId post_id) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  if (!files.empty() && tx.attachments().attach(files, board_id, author_id, post_id) !=
                            static_cast<std::int64_t>(files.size())) {
    throw Error(ErrorCode::invalid_input,
                "添付ファイルが見つかりません。もう一度添付してから送信してください");
  }
}

}  // namespace

Post BoardService::create_post(const access::Actor& actor, BoardId board_id, const PostInput& in) {
  Validator v;
  // A photo alone is a post; otherwise there must be text.
  auto body = v.text("body", in.body, kMaxPostLength, in.attachment_ids.empty(), true);
  if (in.attachment_ids.size() > kMaxAttachmentsPerPost) {
    v.add("attachment_ids",
          fmt::format("添付できるファイルは{}個までです", kMaxAttachmentsPerPost));
  }
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto [board, me] = require_member(tx, actor, board_id);
    if (me.request_only && !in.parent_id) {
      throw Error(ErrorCode::forbidden,
                  "この掲示板では、あなた宛ての依頼に返信することだけができます");
    }
    if (board.kind == BoardKind::care) {
      person::require_consent(tx, actor, board.person_id, "post", clock_.now());
    }
    NewPost post{
        .board_id = board_id, .author_id = actor.user_id, .body = body, .important = in.important};
    Validator checks;
    if (in.tag_id) {
      auto tags = tx.posts().tags(actor.region_id);
      if (std::none_of(tags.begin(), tags.end(),
                       [&](const Tag& t) { return t.id == *in.tag_id; })) {
        checks.add("tag_id", "分類が見つかりません");
      }
      post.tag_id = in.tag_id;
    }
    place(tx, actor, board_id, in, post, checks);
    if (in.request_kind) {
      auto addressing = address(tx, actor, board, in, post, clock_.now(), checks);
      checks.throw_if_any();
      bring_in_addressees(tx, clock_, actor, board, addressing, post);
      post.request = std::move(addressing);
    }
    checks.throw_if_any();
    auto id = tx.posts().insert(post, clock_.now());
    if (post.parent_id) tx.posts().mark_thread_read(*post.parent_id, actor.user_id, clock_.now());
    attach_files(tx, in.attachment_ids, board_id, actor.user_id, id);
    publish(tx, clock_,
            {.board_id = board_id,
             .kind = "post.created",
             .post_id = id,
             .parent_id = post.parent_id,
             .actor_id = actor.user_id,
             .audience = post.audience});
    record(
        tx, clock_, actor, post.parent_id ? "post.reply" : "post.create", "post", id,
        post.audience.empty() ? "" : fmt::format("restricted to {} members", post.audience.size()));
    return *tx.posts().find_visible(id, actor.user_id);
  });
}

std::optional<PostId> BoardService::post_from_outside(storage::Transaction& tx,
                                                      const access::Actor& actor,
                                                      PersonId person_id, const OutsidePost& in) {
  auto board = tx.boards().find_by_person(actor.region_id, person_id);
  if (!board) return std::nullopt;
  NewPost post{
      .board_id = board->id, .author_id = actor.user_id, .body = in.body, .important = true};
  NewPost::Addressing addressing{.kind = RequestKind::read};
  for (auto facility_id : in.contacts_of) {
    if (auto contact = active_contact(tx, actor.region_id, facility_id)) {
      addressing.addressees.emplace_back(*contact, facility_id);
    }
  }
  if (!addressing.addressees.empty()) {
    bring_in_addressees(tx, clock_, actor, *board, addressing, post);
    post.request = std::move(addressing);
  }
  auto id = tx.posts().insert(post, clock_.now());
  publish(
      tx, clock_,
      {.board_id = board->id, .kind = "post.created", .post_id = id, .actor_id = actor.user_id});
  record(tx, clock_, actor, "post.create", "post", id, "from outside the team");
  return id;
}

Post BoardService::edit_post(const access::Actor& actor, PostId post_id, std::int64_t version,
                             const std::string& text, std::optional<TagId> tag_id) {
  Validator v;
  auto body = v.text("body", text, kMaxPostLength, true, true);
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    if (post.author_id != actor.user_id) {
      throw Error(ErrorCode::forbidden, "自分の投稿だけを編集できます");
    }
    if (post.deleted_at) throw Error(ErrorCode::conflict, "削除された投稿は編集できません");
    // A new category must be one the region offers; a retired one may stay on its old posts.
    if (tag_id && tag_id != post.tag_id) {
      auto tags = tx.posts().tags(actor.region_id);
      if (std::none_of(tags.begin(), tags.end(), [&](const Tag& t) { return t.id == *tag_id; })) {
        throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                    {{"tag_id", "分類が見つかりません"}});
      }
    }
    if (!tx.posts().update(post_id, version, body, tag_id ? tag_id : post.tag_id, actor.user_id,
                           clock_.now())) {
      throw Error(ErrorCode::conflict,
                  "この投稿は他の画面で先に更新されました。読み込み直してからやり直してください");
    }
    publish(tx, clock_, post_event(post, "post.edited", actor));
    record(tx, clock_, actor, "post.edit", "post", post_id, fmt::format("version {}", version + 1));
    return *tx.posts().find_visible(post_id, actor.user_id);
  });
}

std::vector<PostVersion> BoardService::post_versions(const access::Actor& actor, PostId post_id) {
  auto versions = storage_.read([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    if (post.deleted_at) throw Error(ErrorCode::not_found, kNoPost);
    return tx.posts().versions(post_id);
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "post.history", .target_type = "post", .target_id = std::to_string(post_id)});
  return versions;
}

void BoardService::delete_post(const access::Actor& actor, PostId post_id,
                               const std::string& reason_text) {
  Validator v;
  auto reason = v.text("reason", reason_text, 200, true);
  v.throw_if_any();
  write_and_publish([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    if (post.author_id != actor.user_id && !me.is_admin) {
      throw Error(ErrorCode::forbidden, "自分の投稿か、チーム管理者だけが削除できます");
    }
    if (post.deleted_at) return;
    tx.posts().soft_delete(post_id, actor.user_id, reason, clock_.now());
    publish(tx, clock_, post_event(post, "post.deleted", actor));
    record(tx, clock_, actor, "post.delete", "post", post_id, reason);
  });
}

AcknowledgementView BoardService::acknowledge(const access::Actor& actor, PostId post_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    if (post.deleted_at) throw Error(ErrorCode::not_found, kNoPost);
    if (tx.posts().acknowledge(post_id, actor.user_id, clock_.now())) {
      tx.posts().mark_read(actor.user_id, {post_id}, clock_.now());
      publish(tx, clock_, post_event(post, "post.acknowledged", actor));
      record(tx, clock_, actor, "post.acknowledge", "post", post_id);
    }
    return acknowledgement_view(tx, post);
  });
}

AcknowledgementView BoardService::acknowledgements(const access::Actor& actor, PostId post_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    return acknowledgement_view(tx, post);
  });
}

std::int64_t BoardService::mark_all_read(const access::Actor& actor, BoardId board_id) {
  return storage_.write([&](storage::Transaction& tx) {
    require_member(tx, actor, board_id);
    auto marked = tx.posts().mark_all_read(board_id, actor.user_id, clock_.now());
    record(tx, clock_, actor, "post.read_all", "care_team", board_id,
           fmt::format("{} posts", marked));
    return marked;
  });
}

Post BoardService::hand_on(const access::Actor& actor, PostId post_id, UserId colleague_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    const Addressee* mine = nullptr;
    if (post.request) {
      for (const auto& a : post.request->addressees) {
        if (a.user_id == actor.user_id) mine = &a;
      }
    }
    if (!mine || !mine->via_facility_id) {
      throw Error(ErrorCode::forbidden, "施設あての依頼を受け取った窓口の方だけが引き継げます");
    }
    auto colleague = tx.users().find(actor.region_id, colleague_id);
    if (!colleague || !colleague->active || colleague->facility_id != mine->via_facility_id ||
        colleague_id == actor.user_id) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"user_id", "同じ施設の方を選んでください"}});
    }
    auto now = clock_.now();
    if (!tx.boards().member(post.board_id, colleague_id)) {
      // The colleague joins as the contact did: through the facility, with the same reach.
      tx.boards().put_contact(post.board_id, colleague_id, me.team_role, *mine->via_facility_id,
                              me.request_only, now);
      publish(tx, clock_,
              {.board_id = post.board_id,
               .kind = "member.changed",
               .actor_id = actor.user_id,
               .subject_user_id = colleague_id});
    }
    if (post.restricted) tx.posts().add_to_audience(post_id, colleague_id);
    tx.posts().hand_on(post_id, actor.user_id, colleague_id);
    auto event = post_event(post, "request.changed", actor);
    if (post.restricted) event.audience.push_back(colleague_id);
    publish(tx, clock_, event);
    record(tx, clock_, actor, "post.hand_on", "post", post_id,
           fmt::format("to user {}", colleague_id));
    return *tx.posts().find_visible(post_id, actor.user_id);
  });
}

}  // namespace musubi::board
