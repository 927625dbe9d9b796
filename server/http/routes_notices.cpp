// Region notices (お知らせ): publishing to an audience, reading and acknowledging, and the
// publisher's view of who has read and acknowledged.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/app.hpp"
#include "http/json/notice.hpp"
#include "http/json_body.hpp"
#include "notice/notice_service.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

notice::NoticeService& notices(Services& s) {
  if (!s.notices) throw Error(ErrorCode::not_found, "お知らせはこのサーバーでは使えません");
  return *s.notices;
}

notice::NoticeInput input_of(const Request& request) {
  JsonBody body(request);
  notice::NoticeInput in;
  in.title = body.string("title");
  in.body = body.string("body");
  in.important = body.boolean("important", false);
  in.ack_requested = body.boolean("ack_requested", false);
  in.facility_kinds = body.strings("facility_kinds");
  in.profession_ids = body.ids("profession_ids");
  body.finish();
  return in;
}

Response get_notices(Services& s, Context& c) {
  auto limit = query_limit(c.request, 20);
  auto list = notices(s).received(c.actor(), query_id(c.request, "before"), limit);
  auto out = notice_page_json(list, limit, false);
  auto counts = notices(s).counts(c.actor());
  out["unread"] = counts.unread;
  out["unacknowledged"] = counts.unacknowledged;
  return json_response(200, out.dump());
}

Response get_notices_sent(Services& s, Context& c) {
  auto limit = query_limit(c.request, 20);
  auto list = notices(s).published(c.actor(), query_id(c.request, "before"), limit);
  return json_response(200, notice_page_json(list, limit, true).dump());
}

Response post_notices_audience(Services& s, Context& c) {
  auto size = notices(s).audience_size(c.actor(), input_of(c.request));
  return json_response(200, json{{"recipients", size}}.dump());
}

Response post_notices(Services& s, Context& c) {
  auto n = notices(s).publish(c.actor(), input_of(c.request));
  return json_response(201, to_json(n, true).dump());
}

Response get_notice(Services& s, Context& c) {
  auto n = notices(s).open(c.actor(), c.id("id"));
  // Counts are the publisher's and the region administrators' (open returns them only then).
  return json_response(200, to_json(n, n.recipients > 0).dump());
}

Response post_notice_ack(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200, to_json(notices(s).acknowledge(c.actor(), c.id("id")), false).dump());
}

Response post_notice_remind(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200, json{{"reminded", notices(s).remind(c.actor(), c.id("id"))}}.dump());
}

Response get_notice_recipients(Services& s, Context& c) {
  auto state = c.request.query_param("state").value_or("all");
  auto filter = notice::RecipientFilter::all;
  if (state == "unread") {
    filter = notice::RecipientFilter::unread;
  } else if (state == "unacknowledged") {
    filter = notice::RecipientFilter::unacknowledged;
  } else if (state != "all") {
    throw Error(ErrorCode::invalid_input, "state は all、unread、unacknowledged のどれかです",
                {{"state", "all、unread、unacknowledged のどれかで指定してください"}});
  }
  auto limit = query_limit(c.request, 100);
  auto list =
      notices(s).recipients(c.actor(), c.id("id"), filter, query_id(c.request, "after"), limit);
  json items = json::array();
  for (const auto& r : list) {
    items.push_back({{"user_id", r.user_id},
                     {"name", r.name},
                     {"facility", r.facility},
                     {"profession", r.profession},
                     {"read_at", optional_time(r.read_at)},
                     {"acknowledged_at", optional_time(r.acknowledged_at)}});
  }
  json next = nullptr;
  if (static_cast<std::int64_t>(list.size()) == limit && !list.empty()) {
    next = list.back().user_id;
  }
  return json_response(200, json{{"items", items}, {"next_after", next}}.dump());
}

}  // namespace

void add_notice_routes(Router& router, Services& s) {
  const auto publishers = Access::any_of(RoleSet{Role::region_admin, Role::facility_admin});
  router.add("GET", "/api/v1/notices", Access::signed_in(), bind(s, get_notices));
  router.add("GET", "/api/v1/notices/sent", publishers, bind(s, get_notices_sent));
  router.add("POST", "/api/v1/notices/audience", publishers, bind(s, post_notices_audience));
  router.add("POST", "/api/v1/notices", publishers, bind(s, post_notices), {.lane = Lane::heavy});
  router.add("GET", "/api/v1/notices/{id}", Access::signed_in(), bind(s, get_notice));
  router.add("POST", "/api/v1/notices/{id}/ack", Access::signed_in(), bind(s, post_notice_ack));
  router.add("POST", "/api/v1/notices/{id}/remind", publishers, bind(s, post_notice_remind),
             {.lane = Lane::heavy});
  router.add("GET", "/api/v1/notices/{id}/recipients", publishers, bind(s, get_notice_recipients));
}

}  // namespace musubi::http
