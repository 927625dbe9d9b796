// Groups (プロジェクト) and direct conversations (メッセージ). Their boards, members, join
// requests and posts use the same routes as a care team (/api/v1/boards/{id}/…).
#include <nlohmann/json.hpp>

#include "board/group_service.hpp"
#include "core/error.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/region.hpp"
#include "http/json_body.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

board::GroupService& groups(Services& s) {
  if (!s.groups) throw Error(ErrorCode::not_found, "プロジェクトはこのサーバーでは使えません");
  return *s.groups;
}

board::GroupInput group_input(const Request& request) {
  JsonBody body(request);
  board::GroupInput in{.name = body.string("name"),
                       .description = body.string("description"),
                       .open = body.boolean("open", false),
                       .hidden = body.boolean("hidden", false)};
  body.finish();
  return in;
}

Response get_groups(Services& s, Context& c) {
  json items = json::array();
  for (const auto& g : groups(s).groups(c.actor())) items.push_back(group_summary_json(g));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_groups(Services& s, Context& c) {
  auto in = group_input(c.request);
  return json_response(201, to_json(groups(s).create_group(c.actor(), in), s.mail_domain).dump());
}

Response put_group(Services& s, Context& c) {
  auto id = c.id<BoardId>("id");
  auto in = group_input(c.request);
  return json_response(200,
                       to_json(groups(s).update_group(c.actor(), id, in), s.mail_domain).dump());
}

Response post_group_join(Services& s, Context& c) {
  auto id = c.id<BoardId>("id");
  JsonBody body(c.request);
  auto message = body.string("message");
  body.finish();
  auto outcome = groups(s).join_group(c.actor(), id, message);
  return json_response(200, json{{"joined", outcome == board::JoinOutcome::joined}}.dump());
}

Response get_conversations(Services& s, Context& c) {
  json items = json::array();
  for (const auto& t : groups(s).conversations(c.actor())) items.push_back(to_json(t));
  return json_response(200, json{{"items", items}}.dump());
}

// The conversation with exactly these users: 200 with the existing one, 201 with a new one.
Response post_conversations(Services& s, Context& c) {
  JsonBody body(c.request);
  auto users = body.ids<UserId>("user_ids");
  body.finish();
  auto conversation = groups(s).start_conversation(c.actor(), users);
  return json_response(conversation.created ? 201 : 200, json{{"id", conversation.id}}.dump());
}

}  // namespace

void add_group_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  router.add("GET", "/api/v1/groups", signed_in, bind(s, get_groups));
  router.add("POST", "/api/v1/groups", signed_in, bind(s, post_groups));
  router.add("PUT", "/api/v1/groups/{id}", signed_in, bind(s, put_group));
  router.add("POST", "/api/v1/groups/{id}/join", signed_in, bind(s, post_group_join));
  router.add("GET", "/api/v1/conversations", signed_in, bind(s, get_conversations));
  router.add("POST", "/api/v1/conversations", signed_in, bind(s, post_conversations));
}

}  // namespace musubi::http
