#include "board/inbox_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "board/board_store.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

// A reminder is a nudge, not a stream: one per request per hour.
constexpr UnixSeconds kReminderInterval = 3600;

}  // namespace

std::string_view inbox_reason_code(InboxReason reason) {
  switch (reason) {
    case InboxReason::request:
      return "request";
    case InboxReason::poll:
      return "poll";
    case InboxReason::important:
      return "important";
    case InboxReason::reply:
      return "reply";
    case InboxReason::unread:
      return "unread";
  }
  return "unread";
}

Inbox InboxService::inbox(const access::Actor& actor, bool more) {
  Inbox inbox;
  std::vector<InboxEntry> entries;
  std::vector<Post> posts;
  std::vector<Post> roots;
  std::vector<Board> teams;
  storage_.read([&](storage::Transaction& tx) {
    const auto now = clock_.now();
    auto page = tx.inbox().page(actor.user_id, more ? kMorePerReason : kPerReason,
                                more ? kMorePerReason : kUnreadShown, now);
    inbox.counts = page.counts;
    // Polls waiting for my answer come right after the requests: they too ask something of me.
    auto first_other = std::find_if(page.entries.begin(), page.entries.end(),
                                    [](const auto& e) { return e.reason != InboxReason::request; });
    entries.assign(page.entries.begin(), first_other);
    if (polls_) {
      for (const auto& w :
           polls_->awaiting(tx, actor.user_id, now, more ? kMorePerReason : kPerReason)) {
        entries.push_back(
            {.post_id = w.post_id, .reason = InboxReason::poll, .reminded_at = w.reminded_at});
      }
      inbox.counts.polls = polls_->awaiting_count(tx, actor.user_id, now);
    }
    entries.insert(entries.end(), first_other, page.entries.end());
    std::vector<PostId> ids;
    ids.reserve(entries.size());
    for (const auto& e : entries) ids.push_back(e.post_id);
    posts = tx.posts().find_many_visible(ids, actor.user_id);
    std::vector<PostId> root_ids;
    std::vector<BoardId> board_ids;
    for (const auto& p : posts) {
      if (p.parent_id) root_ids.push_back(*p.parent_id);
      board_ids.push_back(p.board_id);
    }
    roots = tx.posts().find_many_visible(root_ids, actor.user_id);
    teams = tx.boards().find_many(actor.region_id, board_ids);
  });
  std::map<PostId, const Post*> post_by_id;
  for (const auto& p : posts) post_by_id[p.id] = &p;
  std::map<PostId, const Post*> root_by_id;
  for (const auto& r : roots) root_by_id[r.id] = &r;
  std::map<BoardId, const Board*> board_by_id;
  for (const auto& t : teams) board_by_id[t.id] = &t;
  std::vector<BoardId> shown_teams;
  for (const auto& e : entries) {
    auto post = post_by_id.find(e.post_id);
    if (post == post_by_id.end()) continue;
    auto team = board_by_id.find(post->second->board_id);
    if (team == board_by_id.end()) continue;
    // A post can be listed twice (a poll that is also unread); each item gets its copy.
    InboxItem item{.post = *post->second,
                   .board = *team->second,
                   .reason = e.reason,
                   .reminded_at = e.reminded_at};
    if (item.post.parent_id) {
      if (auto root = root_by_id.find(*item.post.parent_id); root != root_by_id.end()) {
        item.root = *root->second;
      }
    }
    if (std::find(shown_teams.begin(), shown_teams.end(), item.board.id) == shown_teams.end()) {
      shown_teams.push_back(item.board.id);
    }
    inbox.items.push_back(std::move(item));
  }
  audit::record_read(storage_, clock_, actor,
                     {.action = "inbox.view",
                      .target_type = "care_team",
                      .target_id = fmt::format("{}", fmt::join(shown_teams, ",")),
                      .detail = fmt::format("{} items", inbox.items.size())});
  return inbox;
}

InboxCounts InboxService::counts(const access::Actor& actor) {
  return storage_.read([&](storage::Transaction& tx) {
    auto counts = tx.inbox().counts(actor.user_id, clock_.now());
    if (polls_) counts.polls = polls_->awaiting_count(tx, actor.user_id, clock_.now());
    return counts;
  });
}

std::int64_t InboxService::remind(const access::Actor& actor, PostId post_id) {
  auto reminded = storage_.write([&](storage::Transaction& tx) {
    auto [post, me] = require_visible_post(tx, actor, post_id);
    if (!post.request) throw Error(ErrorCode::invalid_input, "この投稿は返信依頼ではありません");
    if (post.author_id != actor.user_id && !me.is_admin) {
      throw Error(ErrorCode::forbidden, "催促できるのは依頼した人とチームの管理者です");
    }
    const auto now = clock_.now();
    if (auto last = tx.inbox().last_reminder(post_id); last && now - *last < kReminderInterval) {
      throw Error(ErrorCode::too_many_requests,
                  "催促は1時間に1回までです。少し時間をおいてください");
    }
    BoardEvent event{.board_id = post.board_id,
                     .kind = "request.reminded",
                     .post_id = post_id,
                     .actor_id = actor.user_id};
    for (const auto& a : post.request->addressees) {
      if (post.request->done(a)) continue;
      tx.inbox().add_reminder(post_id, a.user_id, actor.user_id, now);
      event.audience.push_back(a.user_id);
    }
    if (event.audience.empty()) throw Error(ErrorCode::conflict, "全員が対応済みです");
    publish(tx, clock_, event);
    const auto reminded = static_cast<std::int64_t>(event.audience.size());
    record(tx, clock_, actor, "request.remind", "post", post_id,
           fmt::format("{} addressees", reminded));
    return reminded;
  });
  if (listener_) listener_->events_committed();
  return reminded;
}

}  // namespace musubi::board
