// `musubi config`: the effective configuration as a TOML file that can be saved and edited, each
// key with the environment variable that overrides it.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"

namespace musubi::cli {

namespace {

std::string toml_string(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int show_config(const Config& config) {
  std::string section;
  for (const auto& key : describe_config(config)) {
    if (key.section != section) {
      std::printf("%s[%s]\n", section.empty() ? "" : "\n", key.section.c_str());
      section = key.section;
    }
    auto value = key.is_number ? key.value : toml_string(key.value);
    std::printf("%s = %s    # %s\n", key.key.c_str(), value.c_str(), key.env_name.c_str());
  }
  return 0;
}

void add_config_command(CLI::App& app, Command& chosen) {
  app.add_subcommand("config", "print the effective configuration")->callback([&chosen] {
    chosen = [](const Config& config) { return show_config(config); };
  });
}

void add_commands(CLI::App& app, Command& chosen) {
  add_serve_command(app, chosen);
  add_init_command(app, chosen);
  add_generate_command(app, chosen);
  add_demo_command(app, chosen);
  add_user_command(app, chosen);
  add_device_command(app, chosen);
  add_gateway_command(app, chosen);
  add_region_command(app, chosen);
  add_backup_commands(app, chosen);
  add_audit_command(app, chosen);
  add_notify_command(app, chosen);
  add_config_command(app, chosen);
  add_routes_command(app, chosen);
}

}  // namespace musubi::cli
