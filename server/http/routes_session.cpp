// Login, the current session, logout (here or everywhere) and password change.
#include <nlohmann/json.hpp>

#include "http/app.hpp"
#include "http/json/auth.hpp"
#include "http/json/region.hpp"
#include "http/json_body.hpp"
#include "region/region_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string expired_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

json session_json(Services& s, const access::Actor& actor, const auth::Session& session,
                  bool must_change) {
  auto user = s.regions.self(actor);
  auto region = s.regions.region(actor);
  return {{"user", to_json(user)},
          {"region", {{"id", region.id}, {"name", region.name}}},
          {"csrf_token", session.csrf_token},
          {"must_change_password", must_change},
          {"idle_timeout_seconds", s.auth.idle_timeout_of(session)},
          // Every page shows a banner while it is set.
          {"read_only", !s.read_only_reason.empty()}};
}

Response post_session(Services& s, Context& c) {
  JsonBody body(c.request);
  auto login_id = body.string("login_id");
  auto password = body.string("password");
  auto one_time_code = body.string("one_time_code");
  body.finish();
  if (login_id.empty() || password.empty() || login_id.size() > 200 || password.size() > 1000 ||
      one_time_code.size() > 40) {
    throw Error(ErrorCode::invalid_input, "ログインIDとパスワードを入力してください");
  }
  auto origin = origin_of(c.request);
  auto result = s.auth.login(login_id, password, origin, one_time_code);
  auto out = session_json(s, result.actor, result.session, result.must_change_password);
  out["previous_login"] = result.previous_login_at
                              ? json{{"at", format_iso8601(*result.previous_login_at)},
                                     {"ip", result.previous_login_ip}}
                              : json(nullptr);
  auto r = json_response(200, out.dump());
  r.set_header("Set-Cookie", session_cookie(result.session_token, c.request.secure));
  return r;
}

Response get_session(Services& s, Context& c) {
  return json_response(
      200, session_json(s, c.actor(), c.session->session, c.session->must_change_password).dump());
}

Response delete_session(Services& s, Context& c) {
  no_fields(c.request);
  s.auth.logout(c.actor());
  auto r = json_response(200, R"({"ended":1})");
  r.set_header("Set-Cookie", expired_cookie(c.request.secure));
  return r;
}

Response post_session_logout_everywhere(Services& s, Context& c) {
  no_fields(c.request);
  auto ended = s.auth.logout_everywhere(c.actor());
  auto r = json_response(200, json{{"ended", ended}}.dump());
  r.set_header("Set-Cookie", expired_cookie(c.request.secure));
  return r;
}

Response get_me_sessions(Services& s, Context& c) {
  json items = json::array();
  for (const auto& session : s.auth.open_sessions(c.actor())) {
    items.push_back(to_json(session, c.actor().session_id));
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response put_me_password(Services& s, Context& c) {
  JsonBody body(c.request);
  auto current = body.string("current_password");
  auto replacement = body.string("new_password");
  body.finish();
  s.auth.change_password(c.actor(), current, replacement);
  return json_response(200, R"({"changed":true})");
}

}  // namespace

void add_session_routes(Router& router, Services& s) {
  const RouteOptions anytime{.allowed_before_password_change = true, .allowed_read_only = true};

  router.add("POST", "/api/v1/session", Access::everyone(), bind(s, post_session),
             {.csrf_exempt = true, .allowed_read_only = true, .lane = Lane::login});
  router.add("GET", "/api/v1/session", Access::own_account(), bind(s, get_session), anytime);
  router.add("DELETE", "/api/v1/session", Access::own_account(), bind(s, delete_session), anytime);
  router.add("POST", "/api/v1/session/logout-everywhere", Access::own_account(),
             bind(s, post_session_logout_everywhere), anytime);
  router.add("GET", "/api/v1/me/sessions", Access::own_account(), bind(s, get_me_sessions));
  router.add("PUT", "/api/v1/me/password", Access::own_account(), bind(s, put_me_password),
             {.allowed_before_password_change = true, .lane = Lane::login});
}

}  // namespace musubi::http
