// Device certificates: a user's devices, issuing (region administrators), the one-time download
// of the PKCS#12 (public: the new device has no certificate yet), revocation.
#include <nlohmann/json.hpp>

#include "auth/device_service.hpp"
#include "http/app.hpp"
#include "http/json/auth.hpp"
#include "http/json_body.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

json device_list(Services& s, const std::vector<auth::Device>& devices, const Request& request) {
  json out = json::array();
  for (const auto& d : devices) {
    auto j = to_json(d, s.clock.now());
    j["current"] = request.device_id == d.id;  // the certificate of this very connection
    out.push_back(std::move(j));
  }
  return json{{"devices", out}};
}

auth::DeviceService& devices(Services& s) {
  if (!s.devices) throw Error(ErrorCode::not_found, "端末証明書はこのサーバーでは使えません");
  return *s.devices;
}

Response get_devices(Services& s, Context& c) {
  return json_response(
      200, device_list(s, devices(s).devices_of(c.actor(), c.actor().user_id), c.request).dump());
}

Response delete_device(Services& s, Context& c) {
  no_fields(c.request);
  devices(s).revoke(c.actor(), c.id("id"));
  return json_response(200, json{{"revoked", true}}.dump());
}

Response get_user_devices(Services& s, Context& c) {
  return json_response(
      200, device_list(s, devices(s).devices_of(c.actor(), c.id("id")), c.request).dump());
}

Response post_user_devices(Services& s, Context& c) {
  JsonBody body(c.request);
  auto name = body.string("name");
  auto days = body.integer("valid_days");
  body.finish();
  if (days && (*days < 1 || *days > 3650)) {
    throw Error(ErrorCode::invalid_input, "有効期間は1日から3650日の間で指定してください");
  }
  auto issued = devices(s).issue(c.actor(), c.id("id"), name, days);
  auto out = to_json(issued.device, s.clock.now());
  out["download_path"] = "/api/v1/device-downloads/" + issued.download_token;
  // The page to hand over: install steps and the download; the token stays in the fragment.
  out["setup_path"] = "/device-setup#" + issued.download_token;
  if (!s.public_origin.empty()) {
    out["setup_url"] = s.public_origin + out["setup_path"].get<std::string>();
  }
  out["download_expires_in_seconds"] = auth::kDeviceDownloadSeconds;
  out["import_password"] = issued.import_password;
  auto r = json_response(201, out.dump());
  return r;
}

Response post_user_devices_revoke_all(Services& s, Context& c) {
  no_fields(c.request);
  auto revoked = devices(s).revoke_all(c.actor(), c.id("id"));
  return json_response(200, json{{"revoked", revoked}}.dump());
}

Response get_device_download(Services& s, Context& c) {
  auto pkcs12 = devices(s).download(c.param("token"), origin_of(c.request));
  if (pkcs12.empty()) {
    throw Error(
        ErrorCode::not_found,
        "このリンクは使えません（使用済みか期限切れです）。管理者に再発行を依頼してください。");
  }
  Response r;
  r.status = 200;
  r.content_type = "application/x-pkcs12";
  r.body = std::move(pkcs12);
  r.set_header("Content-Disposition", "attachment; filename=\"musubi-device.p12\"");
  return r;
}

}  // namespace

void add_device_routes(Router& router, Services& s) {
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});
  router.add("GET", "/api/v1/devices", Access::own_account(), bind(s, get_devices));
  router.add("DELETE", "/api/v1/devices/{id}", Access::own_account(), bind(s, delete_device));
  router.add("GET", "/api/v1/users/{id}/devices", region_admin, bind(s, get_user_devices));
  router.add("POST", "/api/v1/users/{id}/devices", region_admin, bind(s, post_user_devices));
  router.add("POST", "/api/v1/users/{id}/devices/revoke-all", region_admin,
             bind(s, post_user_devices_revoke_all));
  router.add("GET", "/api/v1/device-downloads/{token}", Access::everyone(),
             bind(s, get_device_download));
}

}  // namespace musubi::http
