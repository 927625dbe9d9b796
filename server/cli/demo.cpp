#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/demo_data.hpp"
#include "cli/runtime.hpp"
#include "pki/local_ca.hpp"

namespace musubi::cli {

int demo(Config config, const DemoOptions& options) {
  bool created = false;
  std::vector<DemoLogin> logins;
  {
    ensure_data_dir(config);
    DataDirLock lock(config.data.dir);
    if (!lock.acquired()) {
      std::fprintf(stderr, "別の musubi がこのデータディレクトリ (%s) を使っています。\n",
                   config.data.dir.c_str());
      return 1;
    }
    Runtime rt(config);
    logins = seed_demo_region(rt, created);
  }
  std::printf("%s\n", created ? "デモ地域「つくば市（デモ）」を作成しました。"
                              : "デモ地域「つくば市（デモ）」はすでにあります。");
  std::printf("デモ用ログイン（パスワードはすべて %s）:\n", kDemoPassword);
  for (const auto& l : logins) {
    std::printf("  %-14s %s\n", l.login_id.c_str(), l.description.c_str());
  }
  if (config.server.tls_listen == "off") {
    config.server.tls_listen.clear();
  } else {
    if (config.server.tls_listen.empty()) config.server.tls_listen = "127.0.0.1:8443";
    if (config.server.tls_certificate.empty()) {
      auto files = pki::ensure_local_tls(config.data.dir + "/tls", "Musubi demo CA", {"localhost"},
                                         {"127.0.0.1", "::1"});
      config.server.tls_certificate = files.certificate;
      config.server.tls_private_key = files.private_key;
      std::printf(
          "HTTPS 用のデモ証明書: %s （ブラウザに信頼させるにはこのCA証明書を取り込みます）\n",
          files.ca_certificate.c_str());
    }
  }
  std::fflush(stdout);
  if (options.no_serve) return 0;
  return serve(config);
}

}  // namespace musubi::cli
