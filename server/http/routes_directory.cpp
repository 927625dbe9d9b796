// The region's directory: region settings, 職種, facilities and user accounts.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/app.hpp"
#include "http/json/person.hpp"
#include "http/json/region.hpp"
#include "http/json_body.hpp"
#include "region/region_service.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

region::FacilityInput facility_input(JsonBody& body) {
  region::FacilityInput in;
  in.name = body.string("name");
  in.name_kana = body.string("name_kana");
  in.kind = body.string("kind");
  in.postal_code = body.string("postal_code");
  in.address = body.string("address");
  in.phone = body.string("phone");
  in.contact_user_id = body.id("contact_user_id");
  in.active = body.boolean("active", true);
  body.finish();
  return in;
}

region::UserInput user_input(JsonBody& body) {
  region::UserInput in;
  in.login_id = body.string("login_id");
  in.facility_id = body.id("facility_id");
  in.name = body.string("name");
  in.name_kana = body.string("name_kana");
  in.profession_id = body.id("profession_id");
  in.email = body.string("email");
  in.phone = body.string("phone");
  in.roles = body.strings("roles");
  body.finish();
  return in;
}

Response get_region(Services& s, Context& c) {
  auto out = to_json(s.regions.region(c.actor()));
  json kinds = json::array();
  for (const auto& k : region::facility_kinds()) {
    kinds.push_back({{"code", k.code}, {"label", k.label}});
  }
  json roles = json::array();
  for (const auto& r : access::roles()) roles.push_back({{"code", r.code}, {"label", r.label}});
  json consent_actions = json::array();
  for (const auto& a : region::consent_actions()) {
    consent_actions.push_back({{"code", a.code}, {"label", a.label}});
  }
  out["facility_kinds"] = kinds;
  out["roles"] = roles;
  out["consent_actions"] = consent_actions;
  return json_response(200, out.dump());
}

Response put_region_password_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  access::PasswordPolicy p;
  p.min_length = body.integer("min_length").value_or(10);
  p.require_letter_and_digit = body.boolean("require_letter_and_digit", true);
  body.finish();
  s.regions.update_password_policy(c.actor(), p);
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_upload_limit(Services& s, Context& c) {
  JsonBody body(c.request);
  auto megabytes = body.integer("max_upload_mb");
  body.finish();
  s.regions.update_max_upload_mb(c.actor(), megabytes.value_or(0));
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_certificate_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  auto required = body.boolean("required", true);
  body.finish();
  s.regions.update_certificate_required(c.actor(), required);
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_consent_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  auto actions = body.strings("consent_required_for");
  body.finish();
  s.regions.update_consent_policy(c.actor(), actions);
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_contact_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  auto code = body.string("contact_access");
  body.finish();
  auto access = region::contact_access_from_code(code);
  if (!access) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"contact_access", "「記録も見る」か「依頼だけを見る」を選んでください"}});
  }
  s.regions.update_contact_access(c.actor(), *access);
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_device_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  auto max_devices = body.integer("max_devices_per_user");
  auto validity = body.integer("device_validity_days");
  auto codes = body.strings("totp_roles");
  body.finish();
  RoleSet totp_roles;
  for (const auto& code : codes) {
    auto role = access::role_from_code(code);
    if (!role) throw Error(ErrorCode::invalid_input, "利用者の種類が正しくありません");
    totp_roles.add(*role);
  }
  s.regions.update_device_policy(c.actor(), max_devices.value_or(0), validity.value_or(0),
                                 totp_roles);
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response put_region_session_policy(Services& s, Context& c) {
  JsonBody body(c.request);
  auto idle = body.integer("idle_timeout_minutes");
  auto absolute = body.integer("absolute_timeout_hours");
  auto ems_idle = body.integer("ems_idle_timeout_minutes");
  body.finish();
  s.regions.update_session_policy(c.actor(), idle.value_or(0), absolute.value_or(0),
                                  ems_idle.value_or(10));
  return json_response(200, to_json(s.regions.region(c.actor())).dump());
}

Response get_professions(Services& s, Context& c) {
  json items = json::array();
  for (const auto& p : s.regions.professions(c.actor())) items.push_back(to_json(p));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_professions(Services& s, Context& c) {
  JsonBody body(c.request);
  auto name = body.string("name");
  body.finish();
  return json_response(201, to_json(s.regions.add_profession(c.actor(), name)).dump());
}

Response get_facilities(Services& s, Context& c) {
  auto& q = c.request;
  json items = json::array();
  for (const auto& f : s.regions.facilities(
           c.actor(), q.query_param("q").value_or(""), q.query_param("kind").value_or(""),
           q.query_param("include_inactive").value_or("") == "1")) {
    items.push_back(to_json(f));
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response get_facilitie(Services& s, Context& c) {
  return json_response(200, to_json(s.regions.facility(c.actor(), c.id("id"))).dump());
}

Response post_facilities(Services& s, Context& c) {
  JsonBody body(c.request);
  return json_response(201,
                       to_json(s.regions.create_facility(c.actor(), facility_input(body))).dump());
}

Response put_facilitie(Services& s, Context& c) {
  auto id = c.id("id");
  JsonBody body(c.request);
  return json_response(
      200, to_json(s.regions.update_facility(c.actor(), id, facility_input(body))).dump());
}

// Colleagues by name: no e-mail, phone or roles, just enough to choose the right person.
Response get_professionals(Services& s, Context& c) {
  json items = json::array();
  for (const auto& u :
       s.regions.professionals(c.actor(), c.request.query_param("q").value_or(""))) {
    items.push_back({{"id", u.id},
                     {"name", u.name},
                     {"name_kana", u.name_kana},
                     {"facility_name", u.facility_name},
                     {"profession_name", u.profession_name}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response get_users(Services& s, Context& c) {
  region::UserQuery q;
  q.search_key = text::search_key(c.request.query_param("q").value_or(""));
  q.facility_id = query_id(c.request, "facility_id");
  q.limit = query_limit(c.request, 50);
  q.after = c.request.query_param("cursor");
  if (q.after && q.after->empty()) q.after.reset();
  auto page = s.regions.users(c.actor(), q);
  json items = json::array();
  for (const auto& u : page.users) items.push_back(to_json(u));
  return json_response(
      200, json{{"items", items},
                {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)}}
               .dump());
}

Response get_user(Services& s, Context& c) {
  return json_response(200, to_json(s.regions.user(c.actor(), c.id("id"))).dump());
}

Response post_users(Services& s, Context& c) {
  JsonBody body(c.request);
  return json_response(
      201, created_user_json(s.regions.create_user(c.actor(), user_input(body))).dump());
}

Response put_user(Services& s, Context& c) {
  auto id = c.id("id");
  JsonBody body(c.request);
  return json_response(200, to_json(s.regions.update_user(c.actor(), id, user_input(body))).dump());
}

Response post_user_deactivate(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       to_json(s.regions.set_user_active(c.actor(), c.id("id"), false)).dump());
}

Response post_user_reactivate(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200, to_json(s.regions.set_user_active(c.actor(), c.id("id"), true)).dump());
}

Response post_user_reset_password(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       created_user_json(s.regions.reset_password(c.actor(), c.id("id"))).dump());
}

Response post_users_import(Services& s, Context& c) {
  bool dry_run = c.request.query_param("dry_run").value_or("") == "1";
  auto result = s.regions.import_users(c.actor(), c.request.body, dry_run);
  json errors = json::array();
  for (const auto& e : result.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  json created = json::array();
  for (const auto& u : result.created) created.push_back(created_user_json(u));
  int status = result.errors.empty() ? (result.imported ? 201 : 200) : 422;
  return json_response(status, json{{"imported", result.imported},
                                    {"dry_run", dry_run},
                                    {"errors", errors},
                                    {"created", created}}
                                   .dump());
}

}  // namespace

void add_directory_routes(Router& router, Services& s) {
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});
  const auto any_admin = Access::any_of(RoleSet{Role::region_admin, Role::facility_admin});
  router.add("GET", "/api/v1/region", Access::signed_in(), bind(s, get_region));
  router.add("PUT", "/api/v1/region/password-policy", region_admin,
             bind(s, put_region_password_policy));
  router.add("PUT", "/api/v1/region/upload-limit", region_admin, bind(s, put_region_upload_limit));
  router.add("PUT", "/api/v1/region/certificate-policy", region_admin,
             bind(s, put_region_certificate_policy));
  router.add("PUT", "/api/v1/region/consent-policy", region_admin,
             bind(s, put_region_consent_policy));
  router.add("PUT", "/api/v1/region/contact-policy", region_admin,
             bind(s, put_region_contact_policy));
  router.add("PUT", "/api/v1/region/device-policy", region_admin,
             bind(s, put_region_device_policy));
  router.add("PUT", "/api/v1/region/session-policy", region_admin,
             bind(s, put_region_session_policy));
  router.add("GET", "/api/v1/professions", Access::signed_in(), bind(s, get_professions));
  router.add("POST", "/api/v1/professions", region_admin, bind(s, post_professions));
  router.add("GET", "/api/v1/facilities", Access::signed_in(), bind(s, get_facilities));
  router.add("GET", "/api/v1/facilities/{id}", Access::signed_in(), bind(s, get_facilitie));
  router.add("POST", "/api/v1/facilities", region_admin, bind(s, post_facilities));
  router.add("PUT", "/api/v1/facilities/{id}", region_admin, bind(s, put_facilitie));
  router.add("GET", "/api/v1/professionals", Access::signed_in(), bind(s, get_professionals));
  router.add("GET", "/api/v1/users", any_admin, bind(s, get_users));
  router.add("GET", "/api/v1/users/{id}", any_admin, bind(s, get_user));
  router.add("POST", "/api/v1/users", any_admin, bind(s, post_users), {.lane = Lane::login});
  router.add("PUT", "/api/v1/users/{id}", any_admin, bind(s, put_user));
  router.add("POST", "/api/v1/users/{id}/deactivate", any_admin, bind(s, post_user_deactivate));
  router.add("POST", "/api/v1/users/{id}/reactivate", any_admin, bind(s, post_user_reactivate));
  router.add("POST", "/api/v1/users/{id}/reset-password", any_admin,
             bind(s, post_user_reset_password), {.lane = Lane::login});
  router.add("POST", "/api/v1/users/import", any_admin, bind(s, post_users_import),
             {.lane = Lane::heavy});
}

}  // namespace musubi::http
