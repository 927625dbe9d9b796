#include "http/json/common.hpp"

namespace musubi::http {

using nlohmann::json;

json optional_time(const std::optional<UnixSeconds>& t) {
  return t ? json(format_iso8601(*t)) : json(nullptr);
}

json codes_of(const access::RoleSet& roles) {
  json out = json::array();
  for (auto role : roles.list()) out.push_back(access::role_code(role));
  return out;
}

}  // namespace musubi::http
