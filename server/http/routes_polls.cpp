// Polls (アンケート) and date scheduling on a care team's or group's board: creating one as a
// post, answering, counts and who has not answered, reminders, the deadline, fixing a slot, CSV.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/poll.hpp"
#include "http/json_body.hpp"
#include "poll/poll_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

poll::PollService& polls(Services& s) {
  if (!s.polls) throw Error(ErrorCode::not_found, "アンケートはこのサーバーでは使えません");
  return *s.polls;
}

Response post_board_polls(Services& s, Context& c) {
  auto board_id = c.id<BoardId>("id");
  JsonBody body(c.request);
  auto question = body.string("body");
  auto mode = poll::mode_from_code(body.string("mode"));
  poll::PollSpec spec{.options = body.strings("options"),
                      .anonymous = body.boolean("anonymous", false),
                      .free_text = body.boolean("free_text", false),
                      .deadline = deadline_jst(body.string("deadline"))};
  // A poll is asked of the whole board; saying otherwise must not be ignored.
  if (!body.ids("restricted_to").empty()) {
    body.problems().add("restricted_to",
                        "アンケートは特別便にできません。ボードのメンバー全員に届きます");
  }
  body.finish();
  if (!mode) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"mode", "アンケートの種類を選んでください"}});
  }
  spec.mode = *mode;
  auto post = polls(s).create(c.actor(), board_id, question, spec);
  return json_response(201, post_text(post, s.clock.now()));
}

Response get_post_poll(Services& s, Context& c) {
  return json_response(200, to_json(polls(s).view(c.actor(), c.id<PostId>("id"))).dump());
}

Response post_post_poll_answer(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  std::map<poll::Id, int> marks;
  const auto& given = body.value("marks");
  bool well_formed = given.is_array();
  if (well_formed) {
    for (const auto& m : given) {
      if (!m.is_object() || !m.contains("option_id") || !m["option_id"].is_number_integer() ||
          !m.contains("value") || !m["value"].is_number_integer()) {
        well_formed = false;
        break;
      }
      // Out of range stays out of range (-1 or 3) for the service to refuse with its message.
      marks[m["option_id"].get<poll::Id>()] = static_cast<int>(
          std::clamp(m["value"].get<std::int64_t>(), std::int64_t{-1}, std::int64_t{3}));
    }
  }
  auto comment = body.string("comment");
  body.finish();
  if (!well_formed) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"marks", "回答の形式が正しくありません"}});
  }
  return json_response(200, to_json(polls(s).answer(c.actor(), post_id, marks, comment)).dump());
}

Response post_post_poll_remind(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       json{{"reminded", polls(s).remind(c.actor(), c.id<PostId>("id"))}}.dump());
}

Response put_post_poll_deadline(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  auto deadline = deadline_jst(body.string("deadline"));  // "" or absent: no deadline
  body.finish();
  return json_response(200, to_json(polls(s).set_deadline(c.actor(), post_id, deadline)).dump());
}

Response post_post_poll_close(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200, to_json(polls(s).close(c.actor(), c.id<PostId>("id"))).dump());
}

Response post_post_poll_fix(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  JsonBody body(c.request);
  auto option = body.required_id("option_id", "候補を選んでください");
  body.finish();
  return json_response(200, to_json(polls(s).fix(c.actor(), post_id, option)).dump());
}

Response get_post_poll_csv(Services& s, Context& c) {
  auto post_id = c.id<PostId>("id");
  Response r;
  r.body = polls(s).csv(c.actor(), post_id);
  r.content_type = "text/csv; charset=utf-8";
  r.set_header("Content-Disposition",
               "attachment; filename=\"musubi-poll-" + std::to_string(post_id) + ".csv\"");
  return r;
}

}  // namespace

void add_poll_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  router.add("POST", "/api/v1/boards/{id}/polls", signed_in, bind(s, post_board_polls));
  router.add("GET", "/api/v1/posts/{id}/poll", signed_in, bind(s, get_post_poll));
  router.add("POST", "/api/v1/posts/{id}/poll/answer", signed_in, bind(s, post_post_poll_answer));
  router.add("POST", "/api/v1/posts/{id}/poll/remind", signed_in, bind(s, post_post_poll_remind));
  router.add("PUT", "/api/v1/posts/{id}/poll/deadline", signed_in, bind(s, put_post_poll_deadline));
  router.add("POST", "/api/v1/posts/{id}/poll/close", signed_in, bind(s, post_post_poll_close));
  router.add("POST", "/api/v1/posts/{id}/poll/fix", signed_in, bind(s, post_post_poll_fix));
  router.add("GET", "/api/v1/posts/{id}/poll.csv", signed_in, bind(s, get_post_poll_csv),
             {.lane = Lane::heavy});
}

}  // namespace musubi::http
