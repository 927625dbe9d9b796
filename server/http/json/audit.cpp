#include "http/json/audit.hpp"

namespace musubi::http {

using nlohmann::json;

json to_json(const audit::Entry& e) {
  return {{"id", e.id},
          {"at", format_iso8601(e.at)},
          {"actor_user_id", optional_value(e.actor_user_id)},
          {"actor_login", e.actor_login},
          {"action", e.action},
          {"target_type", e.target_type},
          {"target_id", e.target_id},
          {"outcome", e.outcome},
          {"detail", e.detail},
          {"ip", e.ip},
          {"request_id", e.request_id}};
}

}  // namespace musubi::http
