// Notifications and their settings as the API's JSON (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "http/json/common.hpp"
#include "notify/notification_service.hpp"

namespace musubi::http {

nlohmann::json to_json(const notify::Notification& n);
nlohmann::json to_json(const notify::Settings& v);

}  // namespace musubi::http
