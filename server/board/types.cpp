#include "board/types.hpp"

#include <algorithm>

namespace musubi::board {

const char* const kGroupMemberRole = "member";

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

std::string_view board_kind_code(BoardKind kind) {
  switch (kind) {
    case BoardKind::care:
      return "care";
    case BoardKind::group:
      return "group";
    case BoardKind::direct:
      return "direct";
  }
  return "care";
}

std::optional<BoardKind> board_kind_from_code(std::string_view code) {
  for (auto kind : {BoardKind::care, BoardKind::group, BoardKind::direct}) {
    if (board_kind_code(kind) == code) return kind;
  }
  return std::nullopt;
}

std::string_view request_kind_code(RequestKind kind) {
  return kind == RequestKind::read ? "read" : "answer";
}

std::optional<RequestKind> request_kind_from_code(std::string_view code) {
  if (code == "read") return RequestKind::read;
  if (code == "answer") return RequestKind::answer;
  return std::nullopt;
}

std::string_view addressee_state_code(AddresseeState state) {
  switch (state) {
    case AddresseeState::unread:
      return "unread";
    case AddresseeState::read:
      return "read";
    case AddresseeState::acknowledged:
      return "acknowledged";
    case AddresseeState::answered:
      return "answered";
  }
  return "unread";
}

bool Request::done(const Addressee& a) const {
  return kind == RequestKind::read ? a.state != AddresseeState::unread
                                   : a.state == AddresseeState::answered;
}

bool Request::overdue(UnixSeconds now) const {
  if (!deadline || now <= *deadline) return false;
  return std::any_of(addressees.begin(), addressees.end(),
                     [&](const Addressee& a) { return !done(a); });
}

std::optional<std::string_view> team_role_label(std::string_view code) {
  if (code == kGroupMemberRole) return "メンバー";
  const auto& roles = team_roles();
  auto it = std::find_if(roles.begin(), roles.end(),
                         [&](const TeamRoleInfo& r) { return r.code == code; });
  if (it == roles.end()) return std::nullopt;
  return it->label;
}

}  // namespace musubi::board
