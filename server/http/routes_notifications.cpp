// Notifications (通知): my list, marking read, and my mail settings.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/notify.hpp"
#include "http/json_body.hpp"
#include "notify/notification_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

notify::NotificationService& notifications(Services& s) {
  if (!s.notifications) throw Error(ErrorCode::not_found, "通知はこのサーバーでは使えません");
  return *s.notifications;
}

Response get_notifications(Services& s, Context& c) {
  auto limit = query_limit(c.request, 30);
  auto list = notifications(s).list(c.actor(), query_id(c.request, "before"), limit);
  json items = json::array();
  for (const auto& n : list) items.push_back(to_json(n));
  json next = nullptr;
  if (static_cast<std::int64_t>(list.size()) == limit && !list.empty()) next = list.back().id;
  return json_response(200, json{{"items", items}, {"next_before", next}}.dump());
}

Response post_notifications_read(Services& s, Context& c) {
  JsonBody body(c.request);
  auto id = body.id("id");
  body.finish();
  notifications(s).mark_read(c.actor(), id);
  return json_response(200, json{{"unread", notifications(s).unread(c.actor())}}.dump());
}

Response get_me_notification_settings(Services& s, Context& c) {
  return json_response(200, to_json(notifications(s).settings(c.actor())).dump());
}

Response put_me_notification_settings(Services& s, Context& c) {
  JsonBody body(c.request);
  auto hour = [&](const char* field, int fallback) {
    return static_cast<int>(body.integer(field).value_or(fallback));
  };
  notify::Settings in{.immediate = body.boolean("immediate", true),
                      .digest = body.boolean("digest", true),
                      .digest_hour = hour("digest_hour", 7),
                      .quiet_start = hour("quiet_start", 21),
                      .quiet_end = hour("quiet_end", 7)};
  body.finish();
  return json_response(200, to_json(notifications(s).put_settings(c.actor(), in)).dump());
}

}  // namespace

void add_notification_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  router.add("GET", "/api/v1/notifications", signed_in, bind(s, get_notifications));
  router.add("POST", "/api/v1/notifications/read", signed_in, bind(s, post_notifications_read));
  router.add("GET", "/api/v1/me/notification-settings", signed_in,
             bind(s, get_me_notification_settings));
  router.add("PUT", "/api/v1/me/notification-settings", signed_in,
             bind(s, put_me_notification_settings));
}

}  // namespace musubi::http
