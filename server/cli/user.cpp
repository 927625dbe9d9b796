#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

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

void add_user_command(CLI::App& app, Command& chosen) {
  auto* user = app.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  auto region_code = std::make_shared<std::string>();
  auto* list = user->add_subcommand("list", "list the users of a region");
  list->add_option("--region", *region_code, "region code (needed if there are several)");
  list->callback([&chosen, region_code] {
    chosen = [region_code](const Config& config) { return user_list(config, *region_code); };
  });

  auto create = std::make_shared<UserCreateOptions>();
  auto* cmd = user->add_subcommand("create", "create a user; prints a temporary password");
  cmd->add_option("--region", create->region_code, "region code");
  cmd->add_option("--login", create->login, "login ID")->required();
  cmd->add_option("--name", create->name, "name")->required();
  cmd->add_option("--kana", create->name_kana, "name in kana")->required();
  cmd->add_option("--facility", create->facility_name, "facility name");
  cmd->add_option("--roles", create->roles, "region_admin,facility_admin,professional,ems,family")
      ->default_val("professional");
  cmd->add_option("--email", create->email, "e-mail address");
  cmd->callback([&chosen, create] {
    chosen = [create](const Config& config) { return user_create(config, *create); };
  });

  // The subcommands that take a login ID.
  auto login = std::make_shared<std::string>();
  auto with_login = [&](const char* name, const char* about) {
    auto* sub = user->add_subcommand(name, about);
    sub->add_option("login", *login, "login ID")->required();
    return sub;
  };
  with_login("deactivate", "stop an account and end its sessions")->callback([&chosen, login] {
    chosen = [login](const Config& config) { return user_set_active(config, *login, false); };
  });
  with_login("reactivate", "allow a stopped account again")->callback([&chosen, login] {
    chosen = [login](const Config& config) { return user_set_active(config, *login, true); };
  });
  with_login("reset-password", "issue a temporary password and unlock")->callback([&chosen, login] {
    chosen = [login](const Config& config) { return user_reset_password(config, *login); };
  });
  auto device_name = std::make_shared<std::string>();
  auto* invite = with_login(
      "invite", "queue an invitation mail (password, device certificate or authenticator app)");
  invite->add_option("--device-name", *device_name, "e.g. 訪問用iPad");
  invite->callback([&chosen, login, device_name] {
    chosen = [login, device_name](const Config& config) {
      return user_invite(config, *login, *device_name);
    };
  });
}

void add_region_command(CLI::App& app, Command& chosen) {
  auto* region = app.add_subcommand("region", "region settings from the shell");
  region->require_subcommand(1);
  auto region_code = std::make_shared<std::string>();
  auto setting = std::make_shared<std::string>();
  auto* policy = region->add_subcommand("certificate-policy",
                                        "require device certificates for login (on) or not (off)");
  policy->add_option("setting", *setting, "on or off")->required();
  policy->add_option("--region", *region_code, "region code (needed if there are several)");
  policy->callback([&chosen, region_code, setting] {
    chosen = [region_code, setting](const Config& config) {
      return region_certificate_policy(config, *region_code, *setting);
    };
  });
  auto ca_file = std::make_shared<std::string>();
  auto* import_ca = region->add_subcommand(
      "import-ca", "use an external CA for device certificates instead of the built-in one");
  import_ca->add_option("--cert", *ca_file, "the CA's certificate (PEM)")->required();
  import_ca->add_option("--region", *region_code, "region code");
  import_ca->callback([&chosen, region_code, ca_file] {
    chosen = [region_code, ca_file](const Config& config) {
      return region_import_ca(config, *region_code, *ca_file);
    };
  });
}

}  // namespace musubi::cli
