// The kinds of account a user may hold (地域管理者, 施設管理者, 専門職, 救急隊, 家族, 防災担当):
// what every domain checks before it lets an actor act.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace musubi::access {

enum class Role { region_admin, facility_admin, professional, ems, family, disaster_coordinator };
struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view label;
};
const std::vector<RoleInfo>& roles();
std::optional<Role> role_from_code(std::string_view code);
std::string_view role_code(Role role);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (auto r : roles) add(r);
  }
  void add(Role r) { bits_ |= 1u << static_cast<unsigned>(r); }
  bool has(Role r) const { return (bits_ & (1u << static_cast<unsigned>(r))) != 0; }
  bool empty() const { return bits_ == 0; }
  bool intersects(const RoleSet& other) const { return (bits_ & other.bits_) != 0; }
  std::vector<Role> list() const;
  // Comma-separated codes, e.g. "region_admin,professional"; the storage form.
  std::string to_codes() const;
  static std::optional<RoleSet> from_codes(std::string_view codes);
  bool operator==(const RoleSet&) const = default;

 private:
  unsigned bits_ = 0;
};

// A fire department's crew: such an account reaches only the emergency lookup and its own
// account (and, for the station's administrator, its station's accounts), never boards, records
// or the directory — unless it is also a professional of the care network.
inline bool emergency_only(const RoleSet& roles) {
  return roles.has(Role::ems) &&
         !roles.intersects(RoleSet{Role::region_admin, Role::professional, Role::family});
}

}  // namespace musubi::access
