// `musubi device`: issue, list and revoke device certificates from the server's shell.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "auth/device_service.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/error.hpp"

namespace musubi::cli {

int device_issue(const Config& config, const DeviceIssueOptions& options) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, options.login);
  auto issued = rt.devices.issue(command_line_actor(region_id), user_id, options.name, options.days,
                                 auth::DeviceService::Delivery::by_caller);
  write_private_file(options.out, issued.pkcs12);
  std::printf("端末証明書を発行しました: %s（%s）\n", options.login.c_str(), options.name.c_str());
  std::printf("  ファイル: %s\n", options.out.c_str());
  std::printf("  インポート用パスワード: %s\n", issued.import_password.c_str());
  std::printf("  シリアル: %s\n", issued.device.serial.c_str());
  std::printf("  有効期限: %s\n", format_iso8601(issued.device.expires_at).c_str());
  return 0;
}

int device_list(const Config& config, const std::string& login) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, login);
  const auto now = rt.clock.now();
  std::printf("%-34s %-20s %-26s %s\n", "serial", "name", "expires", "state");
  for (const auto& d : rt.devices.devices_of(command_line_actor(region_id), user_id)) {
    const char* state = d.revoked_at ? "revoked" : d.usable(now) ? "active" : "expired";
    std::printf("%-34s %-20s %-26s %s\n", d.serial.c_str(), d.name.c_str(),
                format_iso8601(d.expires_at).c_str(), state);
  }
  return 0;
}

int device_revoke(const Config& config, const std::string& serial) {
  Runtime rt(config);
  auto device = rt.storage->read(
      [&](storage::Transaction& tx) { return tx.devices().find_by_serial(serial); });
  if (!device) throw Error(ErrorCode::not_found, "シリアル " + serial + " の端末はありません");
  rt.devices.revoke(command_line_actor(device->region_id), device->id);
  std::printf("失効しました: %s（%s）。この端末のセッションは終了しました。\n",
              device->serial.c_str(), device->name.c_str());
  return 0;
}

int device_register(const Config& config, const DeviceRegisterOptions& options) {
  Runtime rt(config);
  auto [region_id, user_id] = find_login(rt, options.login);
  auto device = rt.devices.register_external(command_line_actor(region_id), user_id, options.name,
                                             read_text_file(options.certificate));
  std::printf("外部の認証局の証明書を登録しました: %s（%s）\n", options.login.c_str(),
              options.name.c_str());
  std::printf("  シリアル: %s\n  有効期限: %s\n", device.serial.c_str(),
              format_iso8601(device.expires_at).c_str());
  return 0;
}

int region_import_ca(const Config& config, const std::string& region_code,
                     const std::string& certificate) {
  Runtime rt(config);
  auto region = find_region(rt, region_code);
  rt.devices.import_external_ca(command_line_actor(region.id), read_text_file(certificate));
  std::printf(
      "地域「%s」は外部の認証局の証明書を使います。端末証明書は外部で発行し、"
      "musubi device register で利用者に登録してください。動いている musubi serve は次の接続から"
      "この認証局を信頼します。\n",
      region.name.c_str());
  return 0;
}

void add_device_command(CLI::App& app, Command& chosen) {
  auto* device = app.add_subcommand("device", "device certificates (client certificates)");
  device->require_subcommand(1);
  auto issue = std::make_shared<DeviceIssueOptions>();
  auto* issue_cmd = device->add_subcommand(
      "issue", "issue a certificate for a user's device; writes the .p12 and prints its password");
  issue_cmd->add_option("--login", issue->login, "login ID")->required();
  issue_cmd->add_option("--name", issue->name, "device name, e.g. 診療所のPC")->required();
  issue_cmd->add_option("--out", issue->out, "where to write the .p12")->required();
  issue_cmd->add_option("--days", issue->days,
                        "validity in days (default pki.device_validity_days)");
  issue_cmd->callback([&chosen, issue] {
    chosen = [issue](const Config& config) { return device_issue(config, *issue); };
  });
  auto login = std::make_shared<std::string>();
  auto* list = device->add_subcommand("list", "list a user's devices");
  list->add_option("--login", *login, "login ID")->required();
  list->callback([&chosen, login] {
    chosen = [login](const Config& config) { return device_list(config, *login); };
  });
  auto serial = std::make_shared<std::string>();
  auto* revoke = device->add_subcommand("revoke", "revoke a device certificate at once");
  revoke->add_option("serial", *serial, "certificate serial (musubi device list)")->required();
  revoke->callback([&chosen, serial] {
    chosen = [serial](const Config& config) { return device_revoke(config, *serial); };
  });
  auto reg = std::make_shared<DeviceRegisterOptions>();
  auto* register_cmd = device->add_subcommand(
      "register", "bind a certificate from the region's external CA to a user's device");
  register_cmd->add_option("--login", reg->login, "login ID")->required();
  register_cmd->add_option("--name", reg->name, "device name")->required();
  register_cmd->add_option("--cert", reg->certificate, "the device's PEM")->required();
  register_cmd->callback([&chosen, reg] {
    chosen = [reg](const Config& config) { return device_register(config, *reg); };
  });
}

}  // namespace musubi::cli
