#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "access/password.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace musubi::cli {

int init(const Config& config, const InitOptions& o) {
  Runtime rt(config);
  auto password = o.admin_password.empty() ? access::temporary_password() + "-" +
                                                 access::temporary_password().substr(0, 4)
                                           : o.admin_password;
  auto [region, admin] = rt.regions.create_region(
      {o.region_code, o.region_name, o.admin_login, o.admin_name, o.admin_name_kana, password});
  std::printf("地域「%s」(コード %s) を作成しました。\n", region.name.c_str(), region.code.c_str());
  std::printf("管理者ログインID: %s\n", admin.login_id.c_str());
  if (o.admin_password.empty()) {
    std::printf("初期パスワード: %s （ログイン後に変更してください）\n", password.c_str());
  }
  std::printf("データベース: %s\n", config.database_path().c_str());
  std::printf(
      "この地域では端末証明書が必要です（既定）。管理者の最初の証明書は次で発行します"
      "（MUSUBI_PKI_CA_KEY_PASSPHRASE を設定して）:\n  musubi device issue --login %s --name "
      "端末名 "
      "--out %s.p12\n",
      admin.login_id.c_str(), admin.login_id.c_str());
  return 0;
}

void add_init_command(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<InitOptions>();
  auto* init = app.add_subcommand("init", "create a new region and its first administrator");
  init->add_option("--region-code", options->region_code, "short ASCII code, e.g. tsukuba")
      ->required();
  init->add_option("--region-name", options->region_name, "name, e.g. つくば市")->required();
  init->add_option("--admin-login", options->admin_login, "administrator's login ID")->required();
  init->add_option("--admin-name", options->admin_name, "administrator's name")->required();
  init->add_option("--admin-kana", options->admin_name_kana, "administrator's name in kana");
  init->add_option("--admin-password", options->admin_password,
                   "password (generated and printed if omitted)")
      ->envname("MUSUBI_ADMIN_PASSWORD");
  init->callback([&chosen, options] {
    chosen = [options](const Config& config) { return musubi::cli::init(config, *options); };
  });
}

}  // namespace musubi::cli
