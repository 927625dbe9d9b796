// 「あなた宛て」 and search: reading across all of a user's teams. The badge counts carry numbers
// only, so that a tab left open polls nothing of anyone's record.
#include <nlohmann/json.hpp>

#include "board/inbox_service.hpp"
#include "board/search_service.hpp"
#include "core/error.hpp"
#include "core/search_text.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json_body.hpp"
#include "notice/notice_service.hpp"
#include "notify/notification_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

bool query_flag(const Request& request, const char* name) {
  auto raw = request.query_param(name);
  return raw && (*raw == "1" || *raw == "true");
}

board::SearchRequest search_request(const Request& r) {
  board::SearchRequest q;
  q.text = r.query_param("q").value_or("");
  q.board_id = query_id<BoardId>(r, "board");
  q.author_id = query_id<UserId>(r, "author");
  q.tag_id = query_id<TagId>(r, "tag");
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
  q.before_id = query_id<PostId>(r, "before");
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

Response get_inbox(Services& s, Context& c) {
  auto inbox = s.inbox.inbox(c.actor(), query_flag(c.request, "more"));
  const auto now = s.clock.now();
  codec::JsonWriter w(std::size_t{32} * 1024);
  w.begin_object();
  w.key("counts");
  write_counts(w, inbox.counts);
  w.key("items").begin_array();
  for (const auto& i : inbox.items) {
    w.begin_object();
    w.str("reason", board::inbox_reason_code(i.reason));
    w.time_or_null("reminded_at", i.reminded_at);
    w.key("board");
    write_board(w, i.board);
    w.key("post");
    write_post(w, i.post, now);
    // A reply shows the post it answers by its author and first words only.
    if (i.root) {
      std::string start;
      for (const auto& part : text::excerpt(i.root->body, {}, 40)) start += part.text;
      w.key("root").begin_object();
      w.num("id", i.root->id);
      w.key("author").begin_object();
      w.str("name", i.root->author_name);
      w.end_object();
      w.str("excerpt", start);
      w.end_object();
    } else {
      w.null("root");
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return json_response(200, w.take());
}

Response get_inbox_counts(Services& s, Context& c) {
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
}

Response post_post_remind(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       json{{"reminded", s.inbox.remind(c.actor(), c.id<PostId>("id"))}}.dump());
}

Response get_search(Services& s, Context& c) {
  auto results = s.search.search(c.actor(), search_request(c.request));
  const auto now = s.clock.now();
  codec::JsonWriter w(std::size_t{32} * 1024);
  w.begin_object();
  w.num("total", results.total);
  w.flag("total_capped", results.total_capped);
  w.key("items").begin_array();
  for (const auto& h : results.hits) {
    w.begin_object();
    w.key("board");
    write_board(w, h.board);
    w.key("post");
    write_post(w, h.post, now);
    w.key("excerpt").begin_array();
    for (const auto& part : h.excerpt) {
      w.begin_object();
      w.str("text", part.text);
      w.flag("match", part.match);
      w.end_object();
    }
    w.end_array();
    w.key("matching_files").begin_array();
    for (const auto& name : h.matching_files) w.string(name);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.num_or_null("next_before", results.next_before);
  w.num_or_null("next_offset", results.next_offset);
  w.end_object();
  return json_response(200, w.take());
}

}  // namespace

void add_inbox_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  router.add("GET", "/api/v1/inbox", signed_in, bind(s, get_inbox));
  router.add("GET", "/api/v1/inbox/counts", signed_in, bind(s, get_inbox_counts));
  router.add("POST", "/api/v1/posts/{id}/remind", signed_in, bind(s, post_post_remind));
  router.add("GET", "/api/v1/search", signed_in, bind(s, get_search));
}

}  // namespace musubi::http
