#include "board/types.hpp"

#include <algorithm>

namespace musubi::board {

const std::vector<TeamRoleInfo>& team_roles() {
  static const std::vector<TeamRoleInfo> roles = {
      {"primary_doctor", "主治医"},
      {"doctor", "医師"},
      {"visiting_nurse", "訪問看護"},
      {"care_manager", "ケアマネジャー"},
      {"pharmacist", "薬剤師"},
      {"helper", "ヘルパー"},
      {"dentist", "歯科医師"},
      {"rehabilitation", "リハビリ"},
      {"hospital_liaison", "病院（地域連携室）"},
      {"support_center", "地域包括支援センター"},
      {"family", "家族"},
      {"other", "その他"},
  };
  return roles;
}

std::optional<std::string_view> team_role_label(std::string_view code) {
  const auto& roles = team_roles();
  auto it = std::find_if(roles.begin(), roles.end(),
                         [&](const TeamRoleInfo& r) { return r.code == code; });
  if (it == roles.end()) return std::nullopt;
  return it->label;
}

}  // namespace musubi::board
