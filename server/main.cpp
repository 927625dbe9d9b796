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

  cli::Command chosen;
  cli::add_commands(app, chosen);

  CLI11_PARSE(app, argc, argv);

  spdlog::set_default_logger(spdlog::stderr_color_mt("musubi"));
  try {
    crypto::initialise();
    files::initialise_images(argv[0]);
    auto config = load_config(config_path, process_environment());
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    return chosen(config);
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
}
