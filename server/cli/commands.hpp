// One function per subcommand, each beside the registration of its own options
// (add_*_command, CLI11); main.cpp parses the command line and runs the one chosen. Each returns
// the process exit code.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace CLI {
class App;
}

namespace musubi::cli {

// The subcommand chosen on the command line, run once the configuration is loaded.
using Command = std::function<int(const Config&)>;
// Every subcommand: each adds its options and, when it is chosen, sets `chosen`.
void add_commands(CLI::App& app, Command& chosen);
void add_serve_command(CLI::App& app, Command& chosen);
void add_init_command(CLI::App& app, Command& chosen);
void add_generate_command(CLI::App& app, Command& chosen);
void add_demo_command(CLI::App& app, Command& chosen);
void add_user_command(CLI::App& app, Command& chosen);
void add_region_command(CLI::App& app, Command& chosen);
void add_device_command(CLI::App& app, Command& chosen);
void add_gateway_command(CLI::App& app, Command& chosen);
void add_backup_commands(CLI::App& app, Command& chosen);
void add_audit_command(CLI::App& app, Command& chosen);
void add_notify_command(CLI::App& app, Command& chosen);
void add_config_command(CLI::App& app, Command& chosen);
void add_routes_command(CLI::App& app, Command& chosen);

int serve(const Config& config);
// One notifier pass (notifications, immediate mail), the digests due (all with `digest_all`),
// then the queued mail is sent. Prints what it did.
int notify(const Config& config, bool digest_all);

struct InitOptions {
  std::string region_code;
  std::string region_name;
  std::string admin_login;
  std::string admin_name;
  std::string admin_name_kana;
  std::string admin_password;  // empty: generate one and print it
};
int init(const Config& config, const InitOptions& options);

struct DemoOptions {
  bool no_serve = false;  // create the data and exit (for tests and benchmarks)
};
int demo(Config config, const DemoOptions& options);

struct UserCreateOptions {
  std::string region_code;
  std::string login;
  std::string name;
  std::string name_kana;
  std::string facility_name;
  std::string roles;  // comma-separated codes
  std::string email;
};
int user_list(const Config& config, const std::string& region_code);
// `musubi region certificate-policy on|off`: the way back in when no administrator has a device
// certificate yet (for example right after upgrading an existing region).
int region_certificate_policy(const Config& config, const std::string& region_code,
                              const std::string& setting);
int user_create(const Config& config, const UserCreateOptions& options);
int user_set_active(const Config& config, const std::string& login, bool active);
int user_reset_password(const Config& config, const std::string& login);
// Queues the mail; a running `musubi serve` sends it within seconds (else at its next start).
int user_invite(const Config& config, const std::string& login, const std::string& device_name);

struct GenerateOptions {
  std::int64_t posts = 20000;
  std::int64_t teams = 0;    // 0: one per 1,000 posts, 20 to 1,000
  std::int64_t users = 0;    // 0: half the teams, 40 to 500
  std::int64_t persons = 0;  // registered persons without a team yet (a city's registry)
  std::uint64_t seed = 1;
};
// Benchmark and trial data on top of the demo region (deterministic for a seed).
int generate(const Config& config, const GenerateOptions& options);

struct DeviceIssueOptions {
  std::string login;
  std::string name;
  std::string out;
  std::optional<long> days;
};
int device_issue(const Config& config, const DeviceIssueOptions& options);
struct DeviceRegisterOptions {
  std::string login;
  std::string name;
  std::string certificate;  // PEM file issued by the region's external CA
};
int device_register(const Config& config, const DeviceRegisterOptions& options);
int region_import_ca(const Config& config, const std::string& region_code,
                     const std::string& certificate);
int device_list(const Config& config, const std::string& login);
int device_revoke(const Config& config, const std::string& serial);

int backup(const Config& config, const std::string& destination);
int restore(const Config& config, const std::string& source);
struct AuditVerifyOptions {
  std::string anchor_copy;  // checkpoints copied off the machine (from syslog), checked too
  std::string public_key;   // hex; default: the key file's
};
int audit_verify(const Config& config, const AuditVerifyOptions& options);
// After a restore or a loss the operator knows of: the chain as it is now binds from here on.
int audit_accept_head(const Config& config, const std::string& reason);
int show_config(const Config& config);
// The HTTP route table with who may call each route (for docs and the authorisation tests).
int show_routes(const Config& config);

}  // namespace musubi::cli
