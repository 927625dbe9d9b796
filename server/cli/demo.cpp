#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/demo_data.hpp"
#include "cli/runtime.hpp"
#include "core/crypto.hpp"
#include "pki/local_ca.hpp"

namespace musubi::cli {

namespace {

namespace fs = std::filesystem;

// The demo keeps its CA passphrase beside its data so that it runs with no setup; a real region
// gives pki.ca_key_passphrase from a secret store instead (docs/operations.md).
void use_demo_passphrase(Config& config) {
  if (!config.pki.ca_key_passphrase.empty()) return;
  fs::path file = fs::path(config.data.dir) / "tls" / "ca-passphrase";
  fs::create_directories(file.parent_path());
  if (!fs::exists(file)) write_private_file(file.string(), crypto::random_token(24));
  config.pki.ca_key_passphrase = read_text_file(file.string());
}

struct DemoDevice {
  std::string login_id;
  fs::path file;
  std::string password;
};

// One certificate per demo login, made once: <data>/tls/devices/<login>.p12 and its password.
std::vector<DemoDevice> issue_demo_devices(Runtime& rt, const std::vector<DemoLogin>& logins) {
  fs::path dir = fs::path(rt.config.data.dir) / "tls" / "devices";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  std::vector<DemoDevice> out;
  for (const auto& l : logins) {
    DemoDevice d{l.login_id, dir / (l.login_id + ".p12"), ""};
    fs::path password_file = dir / (l.login_id + ".password");
    if (!fs::exists(d.file) || !fs::exists(password_file)) {
      auto [region_id, user_id] = find_login(rt, l.login_id);
      auto issued = rt.devices.issue(command_line_actor(region_id), user_id, "デモ端末",
                                     std::nullopt, auth::DeviceService::Delivery::by_caller);
      write_private_file(d.file.string(), issued.pkcs12);
      write_private_file(password_file.string(), issued.import_password);
    }
    d.password = read_text_file(password_file.string());
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

int demo(Config config, const DemoOptions& options) {
  bool created = false;
  std::vector<DemoLogin> logins;
  std::vector<DemoDevice> devices;
  const bool https = config.server.tls_listen != "off";
  if (https) use_demo_passphrase(config);
  {
    ensure_data_dir(config);
    DataDirLock lock(config.data.dir);
    if (!lock.acquired()) {
      std::fprintf(stderr, "%s。\n", lock.problem().c_str());
      return 1;
    }
    Runtime rt(config);
    logins = seed_demo_region(rt, created);
    if (https) devices = issue_demo_devices(rt, logins);
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
    std::printf(
        "HTTPS (https://localhost:%s) は端末証明書が必要です。ブラウザに取り込む .p12 と"
        "そのパスワード:\n",
        config.server.tls_listen.substr(config.server.tls_listen.rfind(':') + 1).c_str());
    for (const auto& d : devices) {
      std::printf("  %-14s %s  パスワード %s\n", d.login_id.c_str(), d.file.string().c_str(),
                  d.password.c_str());
    }
  }
  std::fflush(stdout);
  if (options.no_serve) return 0;
  return serve(config);
}

void add_demo_command(CLI::App& app, Command& chosen) {
  auto options = std::make_shared<DemoOptions>();
  auto* cmd =
      app.add_subcommand("demo", "create the demo region 「つくば市（デモ）」 and serve it");
  cmd->add_flag("--no-serve", options->no_serve, "create the demo data and exit");
  cmd->callback([&chosen, options] {
    chosen = [options](const Config& config) { return demo(config, *options); };
  });
}

}  // namespace musubi::cli
