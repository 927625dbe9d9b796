// 「あなた宛て」 and search: reading across all of a user's teams. The badge counts carry numbers
// only, so that a tab left open polls nothing of anyone's record.
#include <nlohmann/json.hpp>

#include "board/inbox_service.hpp"
#include "board/search_service.hpp"
#include "core/error.hpp"
#include "core/search_text.hpp"
#include "http/app.hpp"
#include "http/board_json.hpp"
#include "http/json_body.hpp"
#include "http/json_mapping.hpp"
#include "notice/notice_service.hpp"
#include "notify/notification_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

json to_json(const board::InboxCounts& c) {
  return {{"requests", c.requests},
          {"overdue", c.overdue},
          {"important", c.important},
          {"replies", c.replies},
          {"unread", c.unread},
          {"polls", c.polls},
          {"needs_me", c.requests + c.polls + c.important + c.replies}};
}

json excerpt_json(const std::vector<text::ExcerptPart>& parts) {
  json out = json::array();
  for (const auto& p : parts) out.push_back({{"text", p.text}, {"match", p.match}});
  return out;
}

bool query_flag(const Request& request, const char* name) {
  auto raw = request.query_param(name);
  return raw && (*raw == "1" || *raw == "true");
}

board::SearchRequest search_request(const Request& r) {
  board::SearchRequest q;
  q.text = r.query_param("q").value_or("");
  q.team_id = query_id(r, "team");
  q.author_id = query_id(r, "author");
  q.tag_id = query_id(r, "tag");
  q.from = query_jst_day(r, "from");
  q.until = query_jst_day(r, "to", 1);  // inclusive of the whole "to" day
  q.important_only = query_flag(r, "important");
  q.with_attachments = query_flag(r, "files");
  auto order = r.query_param("order").value_or("newest");
  if (order != "newest" && order != "best") {
    throw Error(ErrorCode::invalid_input, "並び順は newest か best で指定してください",
                {{"order", "newest か best で指定してください"}});
  }
  q.order = order == "best" ? board::SearchOrder::best : board::SearchOrder::newest;
  q.before_id = query_id(r, "before");
  if (auto offset = r.query_param("offset"); offset && !offset->empty()) {
    try {
      q.offset = std::stoll(*offset);
    } catch (const std::exception&) {
      q.offset = -1;  // refused by the service with its message
    }
  }
  q.limit = query_limit(r, 20);
  return q;
}

}  // namespace

void add_inbox_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();

  router.add("GET", "/api/v1/inbox", signed_in, [&s](Context& c) {
    auto inbox = s.inbox.inbox(c.actor(), query_flag(c.request, "more"));
    const auto now = s.clock.now();
    json items = json::array();
    for (const auto& i : inbox.items) {
      // A reply shows the post it answers by its author and first words only.
      json root = nullptr;
      if (i.root) {
        std::string start;
        for (const auto& part : text::excerpt(i.root->body, {}, 40)) start += part.text;
        root = {
            {"id", i.root->id}, {"author", {{"name", i.root->author_name}}}, {"excerpt", start}};
      }
      items.push_back({{"reason", board::inbox_reason_code(i.reason)},
                       {"reminded_at", optional_time(i.reminded_at)},
                       {"team", team_json(i.team)},
                       {"post", to_json(i.post, now)},
                       {"root", root}});
    }
    return json_response(200, json{{"counts", to_json(inbox.counts)}, {"items", items}}.dump());
  });

  router.add("GET", "/api/v1/inbox/counts", signed_in, [&s](Context& c) {
    auto out = to_json(s.inbox.counts(c.actor()));
    // Notices waiting for a confirmation need the user too; unread ones have their own badge.
    if (s.notifications) out["notifications_unread"] = s.notifications->unread(c.actor());
    if (s.notices) {
      auto n = s.notices->counts(c.actor());
      out["notices_unread"] = n.unread;
      out["notices_unacknowledged"] = n.unacknowledged;
      out["needs_me"] = out["needs_me"].get<std::int64_t>() + n.unacknowledged;
    }
    return json_response(200, out.dump());
  });

  router.add("POST", "/api/v1/posts/{id}/remind", signed_in, [&s](Context& c) {
    no_fields(c.request);
    return json_response(200, json{{"reminded", s.inbox.remind(c.actor(), c.id("id"))}}.dump());
  });

  router.add("GET", "/api/v1/search", signed_in, [&s](Context& c) {
    auto results = s.search.search(c.actor(), search_request(c.request));
    const auto now = s.clock.now();
    json items = json::array();
    for (const auto& h : results.hits) {
      items.push_back({{"team", team_json(h.team)},
                       {"post", to_json(h.post, now)},
                       {"excerpt", excerpt_json(h.excerpt)},
                       {"matching_files", h.matching_files}});
    }
    return json_response(
        200, json{{"total", results.total},
                  {"total_capped", results.total_capped},
                  {"items", items},
                  {"next_before", results.next_before ? json(*results.next_before) : json(nullptr)},
                  {"next_offset", results.next_offset ? json(*results.next_offset) : json(nullptr)}}
                 .dump());
  });
}

}  // namespace musubi::http
