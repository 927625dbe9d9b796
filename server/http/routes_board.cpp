// Care teams and their board: my teams, a team with its members, the timeline, posts and
// replies, edits with history, deletion, acknowledgements, requests and read state.
#include <nlohmann/json.hpp>

#include <ctime>

#include "board/board_service.hpp"
#include "core/text.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/person.hpp"
#include "http/json/region.hpp"
#include "http/json_body.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

Response get_care_teams(Services& s, Context& c) {
  json items = json::array();
  for (const auto& t : s.board.my_teams(c.actor())) items.push_back(to_json(t));
  return json_response(200, json{{"items", items}}.dump());
}

Response get_care_team_roles(Services&, Context&) {
  json items = json::array();
  for (const auto& r : board::team_roles()) {
    items.push_back({{"code", r.code}, {"label", r.label}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

// ?all=1 (region administrators): retired categories too, for the settings page.
Response get_post_tags(Services& s, Context& c) {
  bool all =
      c.request.query_param("all").value_or("") == "1" && c.actor().has(access::Role::region_admin);
  json items = json::array();
  for (const auto& t : s.board.tags(c.actor(), all)) items.push_back(tag_json(t));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_post_tags(Services& s, Context& c) {
  JsonBody body(c.request);
  auto name = body.string("name");
  body.finish();
  return json_response(201, tag_json(s.board.add_tag(c.actor(), name)).dump());
}

Response put_post_tag(Services& s, Context& c) {
  auto id = c.id<TagId>("id");
  JsonBody body(c.request);
  auto name = body.string("name");
  auto order = body.integer("sort_order").value_or(0);
  auto retired = body.boolean("retired", false);
  body.finish();
  return json_response(200,
                       tag_json(s.board.update_tag(c.actor(), id, name, order, retired)).dump());
}

Response get_person_care_team(Services& s, Context& c) {
  auto team = s.board.team_of_person(c.actor(), c.id<PersonId>("id"));
  if (!team) throw Error(ErrorCode::not_found, "ケアチームはまだありません");
  return json_response(
      200,
      json{{"id", team->id}, {"member", team->member}, {"join_requested", team->join_requested}}
          .dump());
}

Response get_care_teams_lookup(Services& s, Context& c) {
  json items = json::array();
  for (const auto& [person, link] :
       s.board.find_teams(c.actor(), c.request.query_param("name_kana").value_or(""),
                          c.request.query_param("birth_date").value_or(""))) {
    items.push_back({{"board_id", link.id},
                     {"person",
                      {{"name", person.fields.name},
                       {"name_kana", person.fields.name_kana},
                       {"birth_date", person.fields.birth_date}}},
                     {"member", link.member},
                     {"join_requested", link.join_requested}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response post_board_join_requests(Services& s, Context& c) {
  auto board_id = c.id<BoardId>("id");
  JsonBody body(c.request);
  auto kana = body.string("name_kana");
  auto birth_date = body.string("birth_date");
  auto role = body.string("team_role");
  auto message = body.string("message");
  body.finish();
  s.board.request_to_join(c.actor(), board_id, kana, birth_date, role, message);
  return json_response(201, R"({"requested":true})");
}

Response get_board_join_requests(Services& s, Context& c) {
  json items = json::array();
  for (const auto& r : s.board.join_requests(c.actor(), c.id<BoardId>("id"))) {
    items.push_back({{"user_id", r.user_id},
                     {"name", r.name},
                     {"facility_name", r.facility_name},
                     {"profession_name", r.profession_name},
                     {"team_role", r.team_role},
                     {"team_role_label",
                      std::string(board::team_role_label(r.team_role).value_or(r.team_role))},
                     {"message", r.message},
                     {"created_at", format_iso8601(r.created_at)}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response post_person_care_team(Services& s, Context& c) {
  auto person_id = c.id<PersonId>("id");
  JsonBody body(c.request);
  auto admin = body.required_id("admin_user_id", "チーム管理者を選んでください");
  auto role = body.string("team_role");
  body.finish();
  return json_response(
      201, to_json(s.board.create_team(c.actor(), person_id, UserId{admin}, role)).dump());
}

Response get_board(Services& s, Context& c) {
  return json_response(200,
                       to_json(s.board.view(c.actor(), c.id<BoardId>("id")), s.mail_domain).dump());
}

Response put_board_member(Services& s, Context& c) {
  auto board_id = c.id<BoardId>("id");
  auto user_id = c.id<UserId>("user_id");
  JsonBody body(c.request);
  auto role = body.string("team_role");
  auto admin = body.boolean("is_admin", false);
  body.finish();
  return json_response(
      200,
      json{{"members", members_json(s.board.put_member(c.actor(), board_id, user_id, role, admin))}}
          .dump());
}

Response delete_board_member(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(
      200, json{{"members", members_json(s.board.remove_member(c.actor(), c.id<BoardId>("id"),
                                                               c.id<UserId>("user_id")))}}
               .dump());
}

Response put_board_mute(Services& s, Context& c) {
  JsonBody body(c.request);
  auto muted = body.boolean("muted", true);
  auto minutes = body.integer("minutes");
  body.finish();
  auto me = s.board.set_muted(c.actor(), c.id<BoardId>("id"), muted, minutes);
  return json_response(
      200, json{{"muted", me.muted}, {"muted_until", optional_time(me.muted_until)}}.dump());
}

Response get_board_posts(Services& s, Context& c) {
  std::optional<PostId> before;
  if (auto b = c.request.query_param("before"); b && !b->empty()) {
    Context probe{c.request, {{"before", *b}}, std::nullopt};
    before = probe.id<PostId>("before");
  }
  auto limit = query_limit(c.request, 20);
  auto page = s.board.timeline(c.actor(), c.id<BoardId>("id"), before, limit);
  const auto& posts = page.posts;
  const auto now = s.clock.now();
  bool more = static_cast<std::int64_t>(posts.size()) == std::clamp<std::int64_t>(limit, 1, 100);
  codec::JsonWriter w(std::size_t{16} * 1024);
  w.begin_object();
  w.key("pinned").begin_array();
  for (const auto& p : page.pinned) write_post(w, p, now);
  w.end_array();
  w.key("items").begin_array();
  for (const auto& p : posts) write_post(w, p, now);
  w.end_array();
  w.num_or_null("next_before", more ? std::optional<std::int64_t>(posts.back().id) : std::nullopt);
  w.end_object();
  return json_response(200, w.take());
}

Response post_board_posts(Services& s, Context& c) {
  auto board_id = c.id<BoardId>("id");
  JsonBody body(c.request);
  board::PostInput in;
  in.body = body.string("body");
  in.tag_id = body.id<TagId>("tag_id");
  in.important = body.boolean("important", false);
  in.restricted_to = body.ids<UserId>("restricted_to");
  in.parent_id = body.id<PostId>("parent_id");
  if (auto kind = body.string("request_kind"); !kind.empty()) {
    in.request_kind = board::request_kind_from_code(kind);
    if (!in.request_kind) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"request_kind", "read か answer を指定してください"}});
    }
  }
  in.deadline = deadline_jst(body.string("deadline"));
  in.addressees = body.ids<UserId>("addressees");
  in.addressed_facilities = body.ids<FacilityId>("addressed_facilities");
  in.attachment_ids = body.ids<AttachmentId>("attachment_ids");
  body.finish();
  return json_response(201, post_text(s.board.create_post(c.actor(), board_id, in), s.clock.now()));
}

Response post_board_read_all(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(
      200, json{{"marked", s.board.mark_all_read(c.actor(), c.id<BoardId>("id"))}}.dump());
}

Response put_post(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  auto text = body.string("body");
  auto tag = body.id<TagId>("tag_id");
  auto version = body.integer("version");
  body.finish();
  if (!version) {
    throw Error(ErrorCode::invalid_input, "version がありません", {{"version", "必須です"}});
  }
  return json_response(
      200, post_text(s.board.edit_post(c.actor(), post_id, *version, text, tag), s.clock.now()));
}

Response get_post_versions(Services& s, Context& c) {
  json items = json::array();
  for (const auto& v : s.board.post_versions(c.actor(), c.id<PostId>("id"))) {
    items.push_back({{"version", v.version},
                     {"body", v.body},
                     {"tag_name", v.tag_name},
                     {"written_at", format_iso8601(v.written_at)},
                     {"written_by", v.written_by}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response delete_post(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  auto reason = body.string("reason");
  body.finish();
  s.board.delete_post(c.actor(), post_id, reason);
  return json_response(200, R"({"deleted":true})");
}

Response post_post_acknowledgements(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200, to_json(s.board.acknowledge(c.actor(), c.id<PostId>("id"))).dump());
}

Response post_post_hand_on(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  auto user_id = body.required_id("user_id", "引き継ぐ方を選んでください");
  body.finish();
  return json_response(
      200, post_text(s.board.hand_on(c.actor(), post_id, UserId{user_id}), s.clock.now()));
}

Response get_post_acknowledgements(Services& s, Context& c) {
  return json_response(200,
                       to_json(s.board.acknowledgements(c.actor(), c.id<PostId>("id"))).dump());
}

}  // namespace

void add_board_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  const auto managers = Access::any_of(RoleSet{Role::region_admin, Role::facility_admin});
  router.add("GET", "/api/v1/care-teams", signed_in, bind(s, get_care_teams));
  router.add("GET", "/api/v1/care-team-roles", signed_in, bind(s, get_care_team_roles));
  router.add("GET", "/api/v1/post-tags", signed_in, bind(s, get_post_tags));
  router.add("POST", "/api/v1/post-tags", Access::any_of(RoleSet{Role::region_admin}),
             bind(s, post_post_tags));
  router.add("PUT", "/api/v1/post-tags/{id}", Access::any_of(RoleSet{Role::region_admin}),
             bind(s, put_post_tag));
  router.add("GET", "/api/v1/persons/{id}/care-team", signed_in, bind(s, get_person_care_team));
  router.add("GET", "/api/v1/care-teams/lookup", signed_in, bind(s, get_care_teams_lookup));
  router.add("POST", "/api/v1/boards/{id}/join-requests", signed_in,
             bind(s, post_board_join_requests));
  router.add("GET", "/api/v1/boards/{id}/join-requests", signed_in,
             bind(s, get_board_join_requests));

  for (const char* decision : {"approve", "decline"}) {
    router.add("POST", std::string("/api/v1/boards/{id}/join-requests/{user_id}/") + decision,
               signed_in, [&s, approve = std::string(decision) == "approve"](Context& c) {
                 no_fields(c.request);
                 auto members = s.board.decide_join(c.actor(), c.id<BoardId>("id"),
                                                    c.id<UserId>("user_id"), approve);
                 return json_response(200, json{{"members", members_json(members)}}.dump());
               });
  }

  router.add("POST", "/api/v1/persons/{id}/care-team", managers, bind(s, post_person_care_team));
  router.add("GET", "/api/v1/boards/{id}", signed_in, bind(s, get_board));
  router.add("PUT", "/api/v1/boards/{id}/members/{user_id}", signed_in, bind(s, put_board_member));
  router.add("DELETE", "/api/v1/boards/{id}/members/{user_id}", signed_in,
             bind(s, delete_board_member));
  router.add("PUT", "/api/v1/boards/{id}/mute", signed_in, bind(s, put_board_mute));
  router.add("GET", "/api/v1/boards/{id}/posts", signed_in, bind(s, get_board_posts));
  router.add("POST", "/api/v1/boards/{id}/posts", signed_in, bind(s, post_board_posts));
  router.add("POST", "/api/v1/boards/{id}/read-all", signed_in, bind(s, post_board_read_all));
  router.add("PUT", "/api/v1/posts/{id}", signed_in, bind(s, put_post));
  router.add("GET", "/api/v1/posts/{id}/versions", signed_in, bind(s, get_post_versions));
  router.add("DELETE", "/api/v1/posts/{id}", signed_in, bind(s, delete_post));
  router.add("POST", "/api/v1/posts/{id}/acknowledgements", signed_in,
             bind(s, post_post_acknowledgements));
  router.add("POST", "/api/v1/posts/{id}/hand-on", signed_in, bind(s, post_post_hand_on));
  router.add("GET", "/api/v1/posts/{id}/acknowledgements", signed_in,
             bind(s, get_post_acknowledgements));
}

}  // namespace musubi::http
