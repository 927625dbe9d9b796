#include "board/board_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "person/consent_policy.hpp"
#include "person/person_service.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

using access::Role;
constexpr std::size_t kMaxPostLength = 10000;
constexpr std::size_t kMaxAttachmentsPerPost = 20;

void check_team_role(Validator& v, const std::string& role) {
  if (role == kGroupMemberRole || !team_role_label(role)) {
    v.add("team_role", "チームでの役割を選んでください");
  }
}

AcknowledgementView acknowledgement_view(storage::Transaction& tx, const Post& post) {
  AcknowledgementView view;
  view.acknowledged = tx.posts().acknowledgements(post.id);
  for (auto& m : tx.care_teams().members(post.team_id)) {
    if (m.user_id == post.author_id) continue;
    if (!member_sees(tx, post, m)) continue;
    bool acked = std::any_of(view.acknowledged.begin(), view.acknowledged.end(),
                             [&](const Acknowledgement& a) { return a.user_id == m.user_id; });
    if (!acked) view.not_yet.push_back(std::move(m));
  }
  return view;
}

// An event about `post`, for those who may see it.
BoardEvent post_event(const Post& post, const char* kind, const access::Actor& actor) {
  return {.team_id = post.team_id,
          .kind = kind,
          .post_id = post.id,
          .parent_id = post.parent_id,
          .actor_id = actor.user_id,
          .audience = post.restricted ? post.audience : std::vector<Id>{}};
}

TeamView team_view(storage::Transaction& tx, const access::Actor& actor, const CareTeam& team,
                   UnixSeconds now) {
  TeamView view;
  view.team = team;
  if (team.kind == BoardKind::care) {
    view.person = *tx.persons().find(actor.region_id, team.person_id);
  }
  view.members = tx.care_teams().members(team.id);
  for (const auto& m : view.members) {
    if (m.user_id == actor.user_id) view.me = m;
  }
  // The record is for the care team; a contact who came for a request only does not see it.
  if (team.kind == BoardKind::care && view.me && !view.me->request_only) {
    view.record = person::record_badges(tx, team.person_id, now);
  }
  return view;
}

}  // namespace

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

// Audited reads run the query on a reader connection (in parallel with other requests) and then
// log it in the read journal (audit/read_journal.hpp): what is shown has always been logged first,
// and neither the single writer nor the data file is touched by a read.
std::vector<TeamSummary> BoardService::my_teams(const access::Actor& actor) {
  auto teams = storage_.read([&](storage::Transaction& tx) {
    return tx.care_teams().teams_of(actor.user_id, BoardKind::care);
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

void check_unique(storage::Transaction& tx, Id region_id, const std::string& name, Id except) {
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

Tag BoardService::update_tag(const access::Actor& actor, Id tag_id, const std::string& name,
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

TeamView BoardService::create_team(const access::Actor& actor, Id person_id, Id admin_user_id,
                                   const std::string& team_role) {
  Validator v;
  check_team_role(v, team_role);
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person || !person::in_scope(actor, *person)) {
      throw Error(ErrorCode::not_found, "支援対象者が見つかりません");
    }
    if (tx.care_teams().find_by_person(actor.region_id, person_id)) {
      throw Error(ErrorCode::conflict, "この方のケアチームはすでにあります");
    }
    auto admin = tx.users().find(actor.region_id, admin_user_id);
    if (!admin || !admin->active) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"admin_user_id", "利用者が見つかりません"}});
    }
    auto now = clock_.now();
    auto team_id = tx.care_teams().insert(actor.region_id, person_id, now);
    tx.care_teams().put_member(team_id, admin_user_id, team_role, true, now);
    // So that the first administrator's open pages receive the new team's events at once.
    publish(tx, clock_,
            {.team_id = team_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = admin_user_id});
    record(tx, clock_, actor, "care_team.create", "care_team", team_id,
           fmt::format("person={} admin={}", person_id, admin_user_id));
    return team_view(tx, actor, *tx.care_teams().find(actor.region_id, team_id), now);
  });
}

std::optional<TeamLink> BoardService::team_of_person(const access::Actor& actor, Id person_id) {
  return storage_.read([&](storage::Transaction& tx) -> std::optional<TeamLink> {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person || !person::in_scope(actor, *person)) return std::nullopt;
    auto team = tx.care_teams().find_by_person(actor.region_id, person_id);
    if (!team) return std::nullopt;
    // Whoever may see the person may know that a team exists (to ask to join), never its content.
    return TeamLink{
        .id = team->id,
        .member = tx.care_teams().member(team->id, actor.user_id).has_value(),
        .join_requested = tx.care_teams().open_join_request(team->id, actor.user_id).has_value()};
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
      auto team = tx.care_teams().find_by_person(actor.region_id, p.id);
      if (!team) continue;
      TeamLink link{
          .id = team->id,
          .member = tx.care_teams().member(team->id, actor.user_id).has_value(),
          .join_requested = tx.care_teams().open_join_request(team->id, actor.user_id).has_value()};
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

void BoardService::request_to_join(const access::Actor& actor, Id team_id,
                                   const std::string& name_kana, const std::string& birth_date,
                                   const std::string& team_role, const std::string& message) {
  Validator v;
  check_team_role(v, team_role);
  auto text = v.text("message", message, 500, false, true);
  v.throw_if_any();
  storage_.write([&](storage::Transaction& tx) {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    auto person = team && team->kind == BoardKind::care
                      ? tx.persons().find(actor.region_id, team->person_id)
                      : std::nullopt;
    // Any professional of the region may ask (they found the team by reading and birth date);
    // only an administrator's approval lets them see anything.
    bool identified = person &&
                      text::search_key(person->fields.name_kana) == text::search_key(name_kana) &&
                      person->fields.birth_date == birth_date;
    if (!identified || !actor.has(Role::professional)) throw Error(ErrorCode::not_found, kNoTeam);
    if (tx.care_teams().member(team_id, actor.user_id)) {
      throw Error(ErrorCode::conflict, "すでにこのチームのメンバーです");
    }
    if (tx.care_teams().open_join_request(team_id, actor.user_id)) {
      throw Error(ErrorCode::conflict,
                  "参加の申請はすでに送られています。管理者の承認をお待ちください");
    }
    tx.care_teams().insert_join_request(team_id, actor.user_id, team_role, text, clock_.now());
    record(tx, clock_, actor, "care_team.join_request", "care_team", team_id, team_role);
  });
}

std::vector<JoinRequest> BoardService::join_requests(const access::Actor& actor, Id team_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    if (!team || !may_manage_members(tx, actor, *team)) throw Error(ErrorCode::not_found, kNoTeam);
    return tx.care_teams().open_join_requests(team_id);
  });
}

std::vector<Member> BoardService::decide_join(const access::Actor& actor, Id team_id, Id user_id,
                                              bool approve) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    if (!team || !may_manage_members(tx, actor, *team)) throw Error(ErrorCode::not_found, kNoTeam);
    auto request = tx.care_teams().open_join_request(team_id, user_id);
    if (!request) throw Error(ErrorCode::not_found, "参加の申請が見つかりません");
    tx.care_teams().decide_join_request(team_id, user_id, approve, actor.user_id, clock_.now());
    if (approve && !tx.care_teams().member(team_id, user_id)) {
      tx.care_teams().put_member(team_id, user_id, request->team_role, false, clock_.now());
    }
    if (approve) {
      publish(tx, clock_,
              {.team_id = team_id,
               .kind = "member.changed",
               .actor_id = actor.user_id,
               .subject_user_id = user_id});
    }
    record(tx, clock_, actor, approve ? "care_team.join_approve" : "care_team.join_decline",
           "care_team", team_id, fmt::format("user {}", user_id));
    return tx.care_teams().members(team_id);
  });
}

TeamView BoardService::team(const access::Actor& actor, Id team_id) {
  auto view = storage_.read([&](storage::Transaction& tx) -> std::optional<TeamView> {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    bool member = team && tx.care_teams().member(team_id, actor.user_id);
    // A region administrator sees who is on a team or group, never who talks to whom.
    bool overseer = team && team->kind != BoardKind::direct && actor.has(Role::region_admin);
    if (!team || (!member && !overseer)) return std::nullopt;
    return team_view(tx, actor, *team, clock_.now());
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "care_team.read",
                      .target_type = "care_team",
                      .target_id = std::to_string(team_id),
                      .outcome = view ? "success" : "denied"});
  if (!view) throw Error(ErrorCode::not_found, kNoTeam);
  return std::move(*view);
}

std::vector<Member> BoardService::put_member(const access::Actor& actor, Id team_id, Id user_id,
                                             const std::string& team_role, bool is_admin) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    if (!team || !may_manage_members(tx, actor, *team)) {
      throw Error(ErrorCode::not_found, kNoTeam);
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
    auto existing = tx.care_teams().member(team_id, user_id);
    if (existing && existing->is_admin && !is_admin && tx.care_teams().admin_count(team_id) == 1) {
      throw Error(ErrorCode::conflict, "チーム管理者が1人もいなくなるため、変更できません");
    }
    tx.care_teams().put_member(team_id, user_id, team_role, is_admin, clock_.now());
    publish(tx, clock_,
            {.team_id = team_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = user_id});
    record(tx, clock_, actor, existing ? "care_team.member_update" : "care_team.member_add",
           "care_team", team_id,
           fmt::format("user={} role={} admin={}", user_id, team_role, is_admin));
    return tx.care_teams().members(team_id);
  });
}

std::vector<Member> BoardService::remove_member(const access::Actor& actor, Id team_id,
                                                Id user_id) {
  return write_and_publish([&](storage::Transaction& tx) {
    auto team = tx.care_teams().find(actor.region_id, team_id);
    bool leaving = user_id == actor.user_id;
    if (!team || (!leaving && !may_manage_members(tx, actor, *team))) {
      throw Error(ErrorCode::not_found, kNoTeam);
    }
    auto existing = tx.care_teams().member(team_id, user_id);
    if (!existing) throw Error(ErrorCode::not_found, "このチームのメンバーではありません");
    if (existing->is_admin && tx.care_teams().admin_count(team_id) == 1) {
      throw Error(ErrorCode::conflict,
                  "最後のチーム管理者は外せません。先に別の人を管理者にしてください");
    }
    tx.care_teams().remove_member(team_id, user_id);
    publish(tx, clock_,
            {.team_id = team_id,
             .kind = "member.changed",
             .actor_id = actor.user_id,
             .subject_user_id = user_id});
    record(tx, clock_, actor, "care_team.member_remove", "care_team", team_id,
           fmt::format("user={}", user_id));
    return tx.care_teams().members(team_id);
  });
}

Member BoardService::set_muted(const access::Actor& actor, Id team_id, bool muted,
                               std::optional<std::int64_t> minutes) {
  if (minutes && (*minutes < 1 || *minutes > kMaxMuteMinutes)) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"minutes", fmt::format("1分から{}日までで指定してください",
                                         kMaxMuteMinutes / (std::int64_t{24} * 60))}});
  }
  return storage_.write([&](storage::Transaction& tx) {
    require_member(tx, actor, team_id);
    std::optional<UnixSeconds> until;
    if (muted && minutes) until = clock_.now() + *minutes * 60;
    tx.care_teams().set_muted(team_id, actor.user_id, muted, until);
    record(tx, clock_, actor, muted ? "care_team.mute" : "care_team.unmute", "care_team", team_id,
           until ? "until " + format_iso8601(*until) : "");
    return *tx.care_teams().member(team_id, actor.user_id);
  });
}

TimelinePage BoardService::timeline(const access::Actor& actor, Id team_id,
                                    std::optional<Id> before_id, std::int64_t limit) {
  auto page = storage_.read([&](storage::Transaction& tx) {
    require_member(tx, actor, team_id);
    TimelinePage page;
    page.posts = tx.posts().timeline({.team_id = team_id,
                                      .viewer_id = actor.user_id,
                                      .limit = std::clamp<std::int64_t>(limit, 1, 100),
                                      .before_id = before_id});
    if (!before_id) {
      page.pinned = tx.posts().timeline(
          {.team_id = team_id, .viewer_id = actor.user_id, .limit = 20, .pinned_only = true});
    }
    return page;
  });
  std::size_t shown = 0;
  std::vector<Id> unread;
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
                                .target_id = std::to_string(team_id),
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

Post BoardService::create_post(const access::Actor& actor, Id team_id, const PostInput& in) {
  Validator v;
  // A photo alone is a post; otherwise there must be text.
  auto body = v.text("body", in.body, kMaxPostLength, in.attachment_ids.empty(), true);
  if (in.attachment_ids.size() > kMaxAttachmentsPerPost) {
    v.add("attachment_ids",
          fmt::format("添付できるファイルは{}個までです", kMaxAttachmentsPerPost));
  }
  v.throw_if_any();
  return write_and_publish([&](storage::Transaction& tx) {
    auto [team, me] = require_member(tx, actor, team_id);
    if (me.request_only && !in.parent_id) {
      throw Error(ErrorCode::forbidden,
                  "この掲示板では、あなた宛ての依頼に返信することだけができます");
    }
    if (team.kind == BoardKind::care) {
      person::require_consent(tx, actor, team.person_id, "post", clock_.now());
    }
    NewPost post{
        .team_id = team_id, .author_id = actor.user_id, .body = body, .important = in.important};
    Validator checks;
    if (in.tag_id) {
      auto tags = tx.posts().tags(actor.region_id);
      if (std::none_of(tags.begin(), tags.end(),
                       [&](const Tag& t) { return t.id == *in.tag_id; })) {
        checks.add("tag_id", "分類が見つかりません");
      }
      post.tag_id = in.tag_id;
    }
    if (in.parent_id) {
      auto parent = tx.posts().find_visible(*in.parent_id, actor.user_id);
      if (!parent || parent->team_id != team_id || parent->deleted_at) {
        throw Error(ErrorCode::not_found, kNoPost);
      }
      // One level of replies: a reply to a reply joins the thread of its post.
      post.parent_id = parent->parent_id.value_or(parent->id);
      if (parent->parent_id) parent = tx.posts().find_visible(*parent->parent_id, actor.user_id);
      post.audience = parent->audience;
      post.important = false;
      // The thread's readers are the post's: a reply cannot narrow them, and silently dropping
      // the wish would leave the author believing the reply is 特別便.
      if (!in.restricted_to.empty()) {
        checks.add("restricted_to",
                   "返信を読める人は元の投稿と同じです。限られた人だけに送るには、新しい投稿の特別"
                   "便にしてください");
      }
    } else if (!in.restricted_to.empty()) {
      for (auto user_id : in.restricted_to) {
        if (!tx.care_teams().member(team_id, user_id)) {
          checks.add("restricted_to", "チームのメンバー以外は選べません");
        }
      }
      post.audience = in.restricted_to;
      if (std::find(post.audience.begin(), post.audience.end(), actor.user_id) ==
          post.audience.end()) {
        post.audience.push_back(actor.user_id);
      }
    }
    if (in.request_kind) {
      if (post.parent_id) checks.add("request", "返信には宛先を付けられません");
      if (in.addressees.empty() && in.addressed_facilities.empty()) {
        checks.add("addressees", "宛先を1人以上選んでください");
      }
      if (in.deadline && *in.deadline <= clock_.now()) {
        checks.add("deadline", "期限は今より後の日時にしてください");
      }
      NewPost::Addressing addressing{.kind = *in.request_kind, .deadline = in.deadline};
      for (auto user_id : in.addressees) {
        if (user_id == actor.user_id) continue;
        if (!tx.care_teams().member(team_id, user_id)) {
          checks.add("addressees", "宛先はチームのメンバーから選んでください");
        }
        addressing.addressees.emplace_back(user_id, std::nullopt);
      }
      if (team.kind == BoardKind::direct && !in.addressed_facilities.empty()) {
        // Addressing a facility brings its contact in; a conversation keeps its participants.
        checks.add("addressed_facilities", "メッセージでは施設を宛先にできません");
      }
      for (auto facility_id : in.addressed_facilities) {
        if (team.kind == BoardKind::direct) break;
        auto facility = tx.facilities().find(actor.region_id, facility_id);
        auto contact = facility && facility->contact_user_id
                           ? tx.users().find(actor.region_id, *facility->contact_user_id)
                           : std::nullopt;
        if (!contact || !contact->active) {
          checks.add("addressed_facilities", "この施設には窓口の担当者が登録されていません");
          continue;
        }
        addressing.addressees.emplace_back(contact->id, facility_id);
      }
      checks.throw_if_any();
      auto now = clock_.now();
      // The region decides what a facility's contact reads: the board and record, or the request.
      const auto region = tx.regions().find(actor.region_id);
      const bool request_only = region && region->contact_access == region::ContactAccess::request;
      for (const auto& [user_id, via] : addressing.addressees) {
        // A facility's contact joins the team to be able to read and answer.
        if (via && !tx.care_teams().member(team_id, user_id)) {
          tx.care_teams().put_contact(
              team_id, user_id,
              team.kind == BoardKind::care ? "hospital_liaison" : kGroupMemberRole, *via,
              request_only, now);
          publish(tx, clock_,
                  {.team_id = team_id,
                   .kind = "member.changed",
                   .actor_id = actor.user_id,
                   .subject_user_id = user_id});
          record(tx, clock_, actor, "care_team.member_add", "care_team", team_id,
                 fmt::format("user={} as contact of facility {}{}", user_id, *via,
                             request_only ? " (request only)" : ""));
        }
        if (!post.audience.empty() &&
            std::find(post.audience.begin(), post.audience.end(), user_id) == post.audience.end()) {
          post.audience.push_back(user_id);  // a restricted request reaches its addressees
        }
      }
      post.request = std::move(addressing);
    }
    checks.throw_if_any();
    auto id = tx.posts().insert(post, clock_.now());
    if (post.parent_id) tx.posts().mark_thread_read(*post.parent_id, actor.user_id, clock_.now());
    auto files = in.attachment_ids;
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    if (!files.empty() && tx.attachments().attach(files, team_id, actor.user_id, id) !=
                              static_cast<std::int64_t>(files.size())) {
      throw Error(ErrorCode::invalid_input,
                  "添付ファイルが見つかりません。もう一度添付してから送信してください");
    }
    publish(tx, clock_,
            {.team_id = team_id,
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

Post BoardService::edit_post(const access::Actor& actor, Id post_id, std::int64_t version,
                             const std::string& text, std::optional<Id> tag_id) {
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

std::vector<PostVersion> BoardService::post_versions(const access::Actor& actor, Id post_id) {
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

void BoardService::delete_post(const access::Actor& actor, Id post_id,
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

AcknowledgementView BoardService::acknowledge(const access::Actor& actor, Id post_id) {
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

AcknowledgementView BoardService::acknowledgements(const access::Actor& actor, Id post_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    return acknowledgement_view(tx, post);
  });
}

std::int64_t BoardService::mark_all_read(const access::Actor& actor, Id team_id) {
  return storage_.write([&](storage::Transaction& tx) {
    require_member(tx, actor, team_id);
    auto marked = tx.posts().mark_all_read(team_id, actor.user_id, clock_.now());
    record(tx, clock_, actor, "post.read_all", "care_team", team_id,
           fmt::format("{} posts", marked));
    return marked;
  });
}

Post BoardService::hand_on(const access::Actor& actor, Id post_id, Id colleague_id) {
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
    if (!tx.care_teams().member(post.team_id, colleague_id)) {
      // The colleague joins as the contact did: through the facility, with the same reach.
      tx.care_teams().put_contact(post.team_id, colleague_id, me.team_role, *mine->via_facility_id,
                                  me.request_only, now);
      publish(tx, clock_,
              {.team_id = post.team_id,
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
