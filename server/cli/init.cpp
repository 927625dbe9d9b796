#include <cstdio>

#include "auth/password.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace musubi::cli {

int init(const Config& config, const InitOptions& o) {
  Runtime rt(config);
  auto password = o.admin_password.empty()
                      ? auth::temporary_password() + "-" + auth::temporary_password().substr(0, 4)
                      : o.admin_password;
  auto [region, admin] = rt.regions.create_region(
      {o.region_code, o.region_name, o.admin_login, o.admin_name, o.admin_name_kana, password});
  std::printf("地域「%s」(コード %s) を作成しました。\n", region.name.c_str(), region.code.c_str());
  std::printf("管理者ログインID: %s\n", admin.login_id.c_str());
  if (o.admin_password.empty()) {
    std::printf("初期パスワード: %s （ログイン後に変更してください）\n", password.c_str());
  }
  std::printf("データベース: %s\n", config.database_path().c_str());
  return 0;
}

}  // namespace musubi::cli
