#include "access/roles.hpp"

namespace musubi::access {

const std::vector<RoleInfo>& roles() {
  static const std::vector<RoleInfo> list = {
      {Role::region_admin, "region_admin", "地域管理者"},
      {Role::facility_admin, "facility_admin", "施設管理者"},
      {Role::professional, "professional", "専門職"},
      {Role::ems, "ems", "救急隊"},
      {Role::family, "family", "家族"},
      // The city's disaster staff: the safety-status map and lists during a disaster.
      {Role::disaster_coordinator, "disaster_coordinator", "防災担当"},
  };
  return list;
}

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& r : roles()) {
    if (r.code == code) return r.role;
  }
  return std::nullopt;
}

std::string_view role_code(Role role) {
  for (const auto& r : roles()) {
    if (r.role == role) return r.code;
  }
  return "";
}

std::vector<Role> RoleSet::list() const {
  std::vector<Role> out;
  for (const auto& r : roles()) {
    if (has(r.role)) out.push_back(r.role);
  }
  return out;
}

std::string RoleSet::to_codes() const {
  std::string out;
  for (auto r : list()) {
    if (!out.empty()) out += ',';
    out += role_code(r);
  }
  return out;
}

std::optional<RoleSet> RoleSet::from_codes(std::string_view codes) {
  RoleSet set;
  while (!codes.empty()) {
    auto comma = codes.find(',');
    auto code = codes.substr(0, comma);
    auto role = role_from_code(code);
    if (!role) return std::nullopt;
    set.add(*role);
    if (comma == std::string_view::npos) break;
    codes.remove_prefix(comma + 1);
  }
  return set;
}

}  // namespace musubi::access
