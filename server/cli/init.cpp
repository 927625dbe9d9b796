#include <cstdio>

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

}  // namespace musubi::cli
