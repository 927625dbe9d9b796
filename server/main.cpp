// musubi: one binary for the server and its administration. Parses the command line and the
// configuration, then hands over to cli/.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "files/image.hpp"

int main(int argc, char** argv) {
  using namespace musubi;
  // Everything Musubi writes (database, journal, blobs, backups, exports, keys) holds persons'
  // data or secrets: readable by its own account only, whatever the shell's umask.
  ::umask(S_IRWXG | S_IRWXO);
  CLI::App app{"Musubi (結び) — regional care-coordination network server", "musubi"};
  app.set_version_flag("--version", std::string("musubi ") + MUSUBI_VERSION);
  app.require_subcommand(1);
  std::string config_path;
  app.add_option("-c,--config", config_path, "configuration file (TOML)")
      ->envname("MUSUBI_CONFIG")
      ->check(CLI::ExistingFile);

  auto* serve = app.add_subcommand("serve", "serve the web application and API");

  cli::InitOptions init_options;
  auto* init = app.add_subcommand("init", "create a new region and its first administrator");
  init->add_option("--region-code", init_options.region_code, "short ASCII code, e.g. tsukuba")
      ->required();
  init->add_option("--region-name", init_options.region_name, "name, e.g. つくば市")->required();
  init->add_option("--admin-login", init_options.admin_login, "administrator's login ID")
      ->required();
  init->add_option("--admin-name", init_options.admin_name, "administrator's name")->required();
  init->add_option("--admin-kana", init_options.admin_name_kana, "administrator's name in kana");
  init->add_option("--admin-password", init_options.admin_password,
                   "password (generated and printed if omitted)")
      ->envname("MUSUBI_ADMIN_PASSWORD");

  cli::GenerateOptions generate_options;
  auto* generate = app.add_subcommand(
      "generate", "add generated facilities, professionals, teams and posts to the demo region");
  generate->add_option("--posts", generate_options.posts, "number of posts (default 20000)");
  generate->add_option("--teams", generate_options.teams, "number of care teams");
  generate->add_option("--users", generate_options.users, "number of professionals");
  generate->add_option("--seed", generate_options.seed, "random seed (same seed, same data)");
  generate->add_option("--persons", generate_options.persons,
                       "registered persons beyond the teams' (for person search at scale)");
  cli::DemoOptions demo_options;
  auto* demo =
      app.add_subcommand("demo", "create the demo region 「つくば市（デモ）」 and serve it");
  demo->add_flag("--no-serve", demo_options.no_serve, "create the demo data and exit");

  auto* user = app.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  std::string region_code;
  std::string login;
  auto* user_list = user->add_subcommand("list", "list the users of a region");
  user_list->add_option("--region", region_code, "region code (needed if there are several)");
  cli::UserCreateOptions create_options;
  auto* user_create = user->add_subcommand("create", "create a user; prints a temporary password");
  user_create->add_option("--region", create_options.region_code, "region code");
  user_create->add_option("--login", create_options.login, "login ID")->required();
  user_create->add_option("--name", create_options.name, "name")->required();
  user_create->add_option("--kana", create_options.name_kana, "name in kana")->required();
  user_create->add_option("--facility", create_options.facility_name, "facility name");
  user_create
      ->add_option("--roles", create_options.roles,
                   "region_admin,facility_admin,professional,ems,family")
      ->default_val("professional");
  user_create->add_option("--email", create_options.email, "e-mail address");
  auto* user_deactivate =
      user->add_subcommand("deactivate", "stop an account and end its sessions");
  user_deactivate->add_option("login", login, "login ID")->required();
  auto* user_reactivate = user->add_subcommand("reactivate", "allow a stopped account again");
  user_reactivate->add_option("login", login, "login ID")->required();
  auto* user_reset =
      user->add_subcommand("reset-password", "issue a temporary password and unlock");
  user_reset->add_option("login", login, "login ID")->required();
  std::string invite_device_name;
  auto* user_invite = user->add_subcommand(
      "invite", "queue an invitation mail (password, device certificate or authenticator app)");
  user_invite->add_option("login", login, "login ID")->required();
  user_invite->add_option("--device-name", invite_device_name, "e.g. 訪問用iPad");

  auto* device = app.add_subcommand("device", "device certificates (client certificates)");
  device->require_subcommand(1);
  cli::DeviceIssueOptions issue_options;
  auto* device_issue = device->add_subcommand(
      "issue", "issue a certificate for a user's device; writes the .p12 and prints its password");
  device_issue->add_option("--login", issue_options.login, "login ID")->required();
  device_issue->add_option("--name", issue_options.name, "device name, e.g. 診療所のPC")
      ->required();
  device_issue->add_option("--out", issue_options.out, "where to write the .p12")->required();
  device_issue->add_option("--days", issue_options.days,
                           "validity in days (default pki.device_validity_days)");
  auto* device_list = device->add_subcommand("list", "list a user's devices");
  device_list->add_option("--login", login, "login ID")->required();
  std::string serial;
  auto* device_revoke = device->add_subcommand("revoke", "revoke a device certificate at once");
  device_revoke->add_option("serial", serial, "certificate serial (musubi device list)")
      ->required();
  cli::DeviceRegisterOptions register_options;
  auto* device_register = device->add_subcommand(
      "register", "bind a certificate from the region's external CA to a user's device");
  device_register->add_option("--login", register_options.login, "login ID")->required();
  device_register->add_option("--name", register_options.name, "device name")->required();
  device_register->add_option("--cert", register_options.certificate, "the device's PEM")
      ->required();

  auto* region_cmd = app.add_subcommand("region", "region settings from the shell");
  region_cmd->require_subcommand(1);
  std::string policy_setting;
  auto* region_policy = region_cmd->add_subcommand(
      "certificate-policy", "require device certificates for login (on) or not (off)");
  region_policy->add_option("setting", policy_setting, "on or off")->required();
  region_policy->add_option("--region", region_code, "region code (needed if there are several)");
  std::string ca_file;
  auto* region_import_ca = region_cmd->add_subcommand(
      "import-ca", "use an external CA for device certificates instead of the built-in one");
  region_import_ca->add_option("--cert", ca_file, "the CA's certificate (PEM)")->required();
  region_import_ca->add_option("--region", region_code, "region code");

  std::string path;
  auto* backup =
      app.add_subcommand("backup", "write a consistent copy of the database (safe while serving)");
  backup->add_option("file", path, "destination file")->required();
  auto* restore =
      app.add_subcommand("restore", "replace the database with a verified backup (server stopped)");
  restore->add_option("file", path, "backup file")->required();

  auto* audit = app.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  cli::AuditVerifyOptions verify_options;
  auto* audit_verify = audit->add_subcommand(
      "verify", "check the audit log's hash chain against its signed checkpoints");
  audit_verify->add_option("--anchor-copy", verify_options.anchor_copy,
                           "also check a copy of the checkpoints taken off the machine (syslog)");
  audit_verify->add_option("--public-key", verify_options.public_key,
                           "the checkpoint key's public half to check the copy with (hex)");
  std::string accept_reason;
  auto* audit_accept = audit->add_subcommand(
      "accept-head",
      "accept the audit log as it is now after a restore or a known loss (server stopped); "
      "recorded in the log and the checkpoints");
  audit_accept->add_option("--reason", accept_reason, "why, for the auditor")->required();
  bool digest_all = false;
  auto* notify_cmd = app.add_subcommand(
      "notify",
      "turn new board activity into notifications and queue the mail due now, then send "
      "it (the server does this by itself; for cron or a test)");
  notify_cmd->add_flag("--digest-now", digest_all,
                       "send every user's daily digest now, whatever their digest hour");
  auto* config_cmd = app.add_subcommand("config", "print the effective configuration");
  auto* routes_cmd = app.add_subcommand("routes", "print the HTTP routes and who may call them");

  CLI11_PARSE(app, argc, argv);

  spdlog::set_default_logger(spdlog::stderr_color_mt("musubi"));
  try {
    crypto::initialise();
    files::initialise_images(argv[0]);
    auto config = load_config(config_path, process_environment());
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    if (*serve) return cli::serve(config);
    if (*init) return cli::init(config, init_options);
    if (*demo) return cli::demo(config, demo_options);
    if (*generate) return cli::generate(config, generate_options);
    if (*notify_cmd) return cli::notify(config, digest_all);
    if (*user_list) return cli::user_list(config, region_code);
    if (*user_create) return cli::user_create(config, create_options);
    if (*user_deactivate) return cli::user_set_active(config, login, false);
    if (*user_reactivate) return cli::user_set_active(config, login, true);
    if (*user_reset) return cli::user_reset_password(config, login);
    if (*user_invite) return cli::user_invite(config, login, invite_device_name);
    if (*region_policy) return cli::region_certificate_policy(config, region_code, policy_setting);
    if (*device_issue) return cli::device_issue(config, issue_options);
    if (*device_list) return cli::device_list(config, login);
    if (*device_revoke) return cli::device_revoke(config, serial);
    if (*device_register) return cli::device_register(config, register_options);
    if (*region_import_ca) return cli::region_import_ca(config, region_code, ca_file);
    if (*backup) return cli::backup(config, path);
    if (*restore) return cli::restore(config, path);
    if (*audit_verify) return cli::audit_verify(config, verify_options);
    if (*audit_accept) return cli::audit_accept_head(config, accept_reason);
    if (*config_cmd) return cli::show_config(config);
    if (*routes_cmd) return cli::show_routes(config);
  } catch (const Error& e) {
    std::fprintf(stderr, "エラー: %s\n", e.message().empty() ? e.what() : e.message().c_str());
    for (const auto& f : e.fields()) {
      std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
    }
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "エラー: %s\n", e.what());
    return 1;
  }
  return 0;
}
