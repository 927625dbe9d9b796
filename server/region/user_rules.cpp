#include "region/user_rules.hpp"

#include "core/text.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::region {

bool may_manage(const access::Actor& actor, std::optional<Id> facility_id, const RoleSet& roles) {
  if (actor.has(Role::region_admin)) return true;
  return actor.has(Role::facility_admin) && actor.facility_id && facility_id == actor.facility_id &&
         !roles.has(Role::region_admin);
}

UserPatch validate_user(Validator& v, storage::Transaction& tx, const access::Actor& actor,
                        const UserInput& in) {
  UserPatch u;
  u.name = v.text("name", in.name, 50, true);
  u.name_kana = v.kana("name_kana", in.name_kana, 50, true);
  u.email = v.email("email", in.email, false);
  u.phone = v.phone("phone", in.phone, false);
  u.facility_id = in.facility_id;
  u.profession_id = in.profession_id;
  if (in.facility_id && !tx.facilities().find(actor.region_id, *in.facility_id)) {
    v.add("facility_id", "施設が見つかりません");
  }
  if (in.profession_id && !tx.regions().profession_exists(actor.region_id, *in.profession_id)) {
    v.add("profession_id", "職種が見つかりません");
  }
  bool unknown_role = false;
  for (const auto& code : in.roles) {
    if (auto role = access::role_from_code(code)) {
      u.roles.add(*role);
    } else {
      v.add("roles", "権限「" + code + "」はありません");
      unknown_role = true;
    }
  }
  if (u.roles.empty() && !unknown_role) v.add("roles", "権限を1つ以上選んでください");
  if ((u.roles.has(Role::professional) || u.roles.has(Role::facility_admin)) && !u.facility_id) {
    v.add("facility_id", "専門職と施設管理者は所属施設を選んでください");
  }
  if (!actor.has(Role::region_admin)) {
    if (u.facility_id != actor.facility_id) v.add("facility_id", "自施設の利用者のみ登録できます");
    if (u.roles.has(Role::region_admin)) v.add("roles", "地域管理者の権限は付与できません");
  }
  return u;
}

namespace {

int find_column(const csv::Row& header, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto cell = text::trim(header[i]);
    for (auto name : names) {
      if (cell == name) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string cell(const csv::Row& row, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= row.size()) return {};
  return text::trim(row[static_cast<std::size_t>(column)]);
}

}  // namespace

UserCsvColumns user_csv_columns(const csv::Row& header) {
  UserCsvColumns c;
  c.login_id = find_column(header, {"login_id", "ログインID"});
  c.name = find_column(header, {"name", "氏名"});
  c.name_kana = find_column(header, {"name_kana", "ふりがな", "フリガナ"});
  c.facility = find_column(header, {"facility", "施設", "所属施設"});
  c.profession = find_column(header, {"profession", "職種"});
  c.email = find_column(header, {"email", "メール", "メールアドレス"});
  c.phone = find_column(header, {"phone", "電話", "電話番号"});
  c.roles = find_column(header, {"roles", "権限"});
  auto need = [&](int column, const char* name) {
    if (column >= 0) return;
    if (!c.missing.empty()) c.missing += "、";
    c.missing += name;
  };
  need(c.login_id, "ログインID");
  need(c.name, "氏名");
  need(c.name_kana, "ふりがな");
  need(c.roles, "権限");
  return c;
}

UserInput user_input_from_row(const csv::Row& row, const UserCsvColumns& columns,
                              const std::vector<Facility>& facilities,
                              const std::vector<Profession>& professions, Validator& v) {
  UserInput in;
  in.login_id = cell(row, columns.login_id);
  in.name = cell(row, columns.name);
  in.name_kana = cell(row, columns.name_kana);
  in.email = cell(row, columns.email);
  in.phone = cell(row, columns.phone);
  if (auto name = cell(row, columns.facility); !name.empty()) {
    auto it = std::find_if(facilities.begin(), facilities.end(),
                           [&](const Facility& f) { return f.name == name; });
    if (it == facilities.end()) {
      v.add("facility", "施設「" + name + "」は登録されていません");
    } else {
      in.facility_id = it->id;
    }
  }
  if (auto name = cell(row, columns.profession); !name.empty()) {
    auto it = std::find_if(professions.begin(), professions.end(),
                           [&](const Profession& p) { return p.name == name; });
    if (it == professions.end()) {
      v.add("profession", "職種「" + name + "」はありません");
    } else {
      in.profession_id = it->id;
    }
  }
  // Roles by code or Japanese label, separated by ; / 、 or ・
  std::string roles = cell(row, columns.roles);
  for (const char* sep : {"、", "・", "/", ","}) {
    for (auto pos = roles.find(sep); pos != std::string::npos; pos = roles.find(sep)) {
      roles.replace(pos, std::string_view(sep).size(), ";");
    }
  }
  std::size_t start = 0;
  while (start <= roles.size()) {
    auto end = roles.find(';', start);
    auto part =
        text::trim(roles.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!part.empty()) {
      std::string code = part;
      for (const auto& r : access::roles()) {
        if (r.label == part) code = std::string(r.code);
      }
      in.roles.push_back(code);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return in;
}

}  // namespace musubi::region
