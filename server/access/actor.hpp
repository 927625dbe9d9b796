// Who is acting: resolved from the session by http/ and handed to every domain service, which
// checks record-level rights with it and names it in the audit log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "access/roles.hpp"
#include "core/ids.hpp"

namespace musubi::access {

struct Actor {
  UserId user_id;
  RegionId region_id;
  std::optional<FacilityId> facility_id;
  std::string login_id;
  std::string name;
  RoleSet roles;
  std::int64_t session_id = 0;
  std::string ip;
  std::string request_id;

  bool has(Role role) const { return roles.has(role); }
};

// The origin of an unauthenticated call (login attempts, public pages).
struct Origin {
  std::string ip;
  std::string user_agent;
  std::string request_id;
  // The device whose certificate the connection presented (HTTPS listener); none over plain HTTP.
  std::optional<std::int64_t> device_id;
};

}  // namespace musubi::access
