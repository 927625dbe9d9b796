#include <cstdio>

#include "auth/auth_store.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

int region_certificate_policy(const Config& config, const std::string& region_code,
                              const std::string& setting) {
  if (setting != "on" && setting != "off") {
    throw Error(ErrorCode::invalid_input, "on か off を指定してください");
  }
  Runtime rt(config);
  auto region = find_region(rt, region_code);
  rt.regions.update_certificate_required(command_line_actor(region.id), setting == "on");
  std::printf(
      "地域「%s」: 端末証明書は%s\n", region.name.c_str(),
      setting == "on" ? "必須です（証明書なしのセッションは終了しました）" : "必須ではありません");
  return 0;
}

int user_list(const Config& config, const std::string& region_code) {
  Runtime rt(config);
  auto region = find_region(rt, region_code);
  auto actor = command_line_actor(region.id);
  region::UserQuery q;
  q.limit = 200;
  std::printf("%-20s %-16s %-28s %-30s %s\n", "login_id", "name", "facility", "roles", "active");
  do {
    auto page = rt.regions.users(actor, q);
    for (const auto& u : page.users) {
      std::printf("%-20s %-16s %-28s %-30s %s\n", u.login_id.c_str(), u.name.c_str(),
                  u.facility_name.c_str(), u.roles.to_codes().c_str(), u.active ? "yes" : "no");
    }
    q.after = page.next_cursor;
  } while (q.after);
  return 0;
}

int user_create(const Config& config, const UserCreateOptions& o) {
  Runtime rt(config);
  auto region = find_region(rt, o.region_code);
  auto actor = command_line_actor(region.id);
  region::UserInput in;
  in.login_id = o.login;
  in.name = o.name;
  in.name_kana = o.name_kana;
  in.email = o.email;
  if (!o.facility_name.empty()) {
    for (const auto& f : rt.regions.facilities(actor, o.facility_name, "", true)) {
      if (f.name == o.facility_name) in.facility_id = f.id;
    }
    if (!in.facility_id) {
      throw Error(ErrorCode::not_found, "施設「" + o.facility_name + "」はありません");
    }
  }
  std::string roles = o.roles;
  std::size_t start = 0;
  while (start < roles.size()) {
    auto comma = roles.find(',', start);
    in.roles.push_back(text::trim(
        roles.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  auto created = rt.regions.create_user(actor, in);
  std::printf("利用者 %s を作成しました。仮パスワード: %s （初回ログインで変更が必要です）\n",
              created.user.login_id.c_str(), created.temporary_password.c_str());
  return 0;
}

int user_set_active(const Config& config, const std::string& login, bool active) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, login);
  rt.regions.set_user_active(command_line_actor(region_id), user_id, active);
  std::printf("利用者 %s を%sしました。\n", login.c_str(), active ? "再開" : "利用停止に");
  return 0;
}

int user_reset_password(const Config& config, const std::string& login) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, login);
  auto created = rt.regions.reset_password(command_line_actor(region_id), user_id);
  std::printf(
      "利用者 %s の仮パスワード: %s （次回ログインで変更が必要です。ロックも解除しました）\n",
      login.c_str(), created.temporary_password.c_str());
  return 0;
}

int user_invite(const Config& config, const std::string& login, const std::string& device_name) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, login);
  auto invitation = rt.invitations.invite(command_line_actor(region_id), user_id, device_name);
  std::printf("%s への招待メールを送信待ちにしました（%s、リンクの期限 %s）。\n", login.c_str(),
              invitation.second_factor == auth::SecondFactor::totp ? "認証アプリ" : "端末証明書",
              format_iso8601(invitation.expires_at).c_str());
  std::printf("musubi serve が動いていれば数秒以内に、止まっていれば次の起動時に送ります。\n");
  return 0;
}

}  // namespace musubi::cli
