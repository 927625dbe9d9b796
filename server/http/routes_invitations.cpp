// Invitations by e-mail (administrators send; the invited user, who has no session yet, follows
// the link on the public listener), one-time codes, and the region's outgoing mail.
#include <nlohmann/json.hpp>

#include "auth/invitation_service.hpp"
#include "auth/second_factor_service.hpp"
#include "http/app.hpp"
#include "http/json/auth.hpp"
#include "http/json_body.hpp"
#include "mail/outbox_store.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

auth::InvitationService& invitations(Services& s) {
  if (!s.invitations) throw Error(ErrorCode::not_found, "招待はこのサーバーでは使えません");
  return *s.invitations;
}

auth::SecondFactorService& second_factor(Services& s) {
  if (!s.second_factor) throw Error(ErrorCode::not_found);
  return *s.second_factor;
}

// The token travels in the body, never in a URL (nothing of it in logs or Referer headers).
std::string token_of(JsonBody& body) {
  return body.string("token");
}

Response post_user_invitations(Services& s, Context& c) {
  JsonBody body(c.request);
  auto device_name = body.string("device_name");
  body.finish();
  auto i = invitations(s).invite(c.actor(), c.id("id"), device_name);
  return json_response(201, to_json(i, s.clock.now()).dump());
}

Response get_user_invitations(Services& s, Context& c) {
  json items = json::array();
  for (const auto& i : invitations(s).of_user(c.actor(), c.id("id"))) {
    items.push_back(to_json(i, s.clock.now()));
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response post_invitations_lookup(Services& s, Context& c) {
  JsonBody body(c.request);
  auto token = token_of(body);
  body.finish();
  auto v = invitations(s).look(token, origin_of(c.request));
  return json_response(
      200, json{{"login_id", v.login_id},
                {"user_name", v.user_name},
                {"region_name", v.region_name},
                {"sets_password", v.sets_password},
                {"second_factor", second_factor_code(v.second_factor)},
                {"device_name", v.device_name},
                {"expires_at", format_iso8601(v.expires_at)},
                {"password_policy",
                 {{"min_length", v.password_policy.min_length},
                  {"require_letter_and_digit", v.password_policy.require_letter_and_digit}}}}
               .dump());
}

Response post_invitations_totp(Services& s, Context& c) {
  JsonBody body(c.request);
  auto token = token_of(body);
  body.finish();
  auto e = invitations(s).start_totp(token, origin_of(c.request));
  return json_response(
      200, json{{"secret", e.secret_base32}, {"otpauth_uri", e.provisioning_uri}}.dump());
}

Response post_invitations_accept(Services& s, Context& c) {
  JsonBody body(c.request);
  auto token = token_of(body);
  auto password = body.string("password");
  auto code = body.string("one_time_code");
  body.finish();
  if (password.size() > 1000 || code.size() > 40) {
    throw Error(ErrorCode::invalid_input, "入力が長すぎます");
  }
  auto a = invitations(s).accept(token, password, code, origin_of(c.request));
  json out = {{"login_id", a.login_id}, {"second_factor", second_factor_code(a.second_factor)}};
  if (a.second_factor == auth::SecondFactor::certificate) {
    out["download_path"] = "/api/v1/device-downloads/" + a.download_token;
    out["import_password"] = a.import_password;
    out["device_expires_at"] = format_iso8601(a.device_expires_at);
  } else {
    out["recovery_codes"] = a.recovery_codes;
  }
  return json_response(200, out.dump());
}

Response get_account_second_factor(Services& s, Context& c) {
  return json_response(200,
                       status_json(second_factor(s).status(c.actor(), c.actor().user_id)).dump());
}

Response post_account_second_factor_recovery_codes(Services& s, Context& c) {
  JsonBody body(c.request);
  auto code = body.string("one_time_code");
  body.finish();
  auto codes = second_factor(s).new_recovery_codes(c.actor(), code);
  return json_response(200, json{{"recovery_codes", codes}}.dump());
}

Response get_user_second_factor(Services& s, Context& c) {
  return json_response(200, status_json(second_factor(s).status(c.actor(), c.id("id"))).dump());
}

Response delete_user_second_factor(Services& s, Context& c) {
  no_fields(c.request);
  second_factor(s).reset(c.actor(), c.id("id"));
  return json_response(200, json{{"reset", true}}.dump());
}

// What the region's mail relay did: failures are the administrator's to see (and fix the
// address, or ask the server's operator about the relay). Recipients only, never bodies.
Response get_region_mail(Services& s, Context& c) {
  auto mails = invitations(s).recent_mail(c.actor());
  json items = json::array();
  for (const auto& m : mails) {
    items.push_back({{"id", m.id},
                     {"recipient", m.recipient},
                     {"subject", m.subject},
                     {"kind", m.kind},
                     {"created_at", format_iso8601(m.created_at)},
                     {"attempts", m.attempts},
                     // A bounce after sending makes a sent mail failed.
                     {"status", m.failed_at ? "failed"
                                : m.sent_at ? "sent"
                                            : "queued"},
                     {"last_error", m.last_error}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

}  // namespace

void add_invitation_routes(Router& router, Services& s) {
  const auto any_admin = Access::any_of(RoleSet{Role::region_admin, Role::facility_admin});
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});
  router.add("POST", "/api/v1/users/{id}/invitations", any_admin, bind(s, post_user_invitations));
  router.add("GET", "/api/v1/users/{id}/invitations", any_admin, bind(s, get_user_invitations));
  router.add("POST", "/api/v1/invitations/lookup", Access::everyone(),
             bind(s, post_invitations_lookup), {.csrf_exempt = true});
  router.add("POST", "/api/v1/invitations/totp", Access::everyone(), bind(s, post_invitations_totp),
             {.csrf_exempt = true});
  router.add("POST", "/api/v1/invitations/accept", Access::everyone(),
             bind(s, post_invitations_accept), {.csrf_exempt = true, .lane = Lane::login});
  router.add("GET", "/api/v1/account/second-factor", Access::own_account(),
             bind(s, get_account_second_factor));
  router.add("POST", "/api/v1/account/second-factor/recovery-codes", Access::own_account(),
             bind(s, post_account_second_factor_recovery_codes));
  router.add("GET", "/api/v1/users/{id}/second-factor", any_admin, bind(s, get_user_second_factor));
  router.add("DELETE", "/api/v1/users/{id}/second-factor", any_admin,
             bind(s, delete_user_second_factor));
  router.add("GET", "/api/v1/region/mail", region_admin, bind(s, get_region_mail));
}

}  // namespace musubi::http
