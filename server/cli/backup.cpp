#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "audit/audit_log.hpp"
#include "backends/sqlite/migrations.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/clock.hpp"

namespace musubi::cli {

namespace fs = std::filesystem;

namespace {

// Opens `path` as a Musubi database and reports what is wrong with it, or "" if it is sound.
std::string check_database(const std::string& path, std::int64_t& version,
                           std::int64_t& audit_entries) {
  try {
    backends::sqlite::SqliteStorage candidate({path, 1, "full"});
    if (auto problems = candidate.integrity_problems(); !problems.empty()) {
      return "integrity_check: " + problems;
    }
    version = candidate.schema_version();
    auto verification = audit::verify(candidate);
    audit_entries = verification.entries;
    if (!verification.problems.empty()) return "audit chain: " + verification.problems.front();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace

int backup(const Config& config, const std::string& destination) {
  if (fs::exists(destination)) {
    std::fprintf(stderr, "%s はすでにあります。上書きはしません。\n", destination.c_str());
    return 1;
  }
  Runtime rt(config);
  audit::seal_reads(*rt.storage);  // the copy holds every logged read
  auto temp = destination + ".partial";
  fs::remove(temp);
  rt.storage->backup_to(temp);
  // The copy holds personal health information: readable by the operator's account only.
  fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  std::int64_t version = 0;
  std::int64_t entries = 0;
  if (auto problem = check_database(temp, version, entries); !problem.empty()) {
    fs::remove(temp);
    std::fprintf(stderr, "バックアップの検証に失敗しました: %s\n", problem.c_str());
    return 1;
  }
  fs::remove(temp + "-wal");
  fs::remove(temp + "-shm");
  fs::rename(temp, destination);
  std::printf("バックアップを作成しました: %s (%ju bytes, schema %jd, audit entries %jd)\n",
              destination.c_str(), static_cast<std::uintmax_t>(fs::file_size(destination)),
              static_cast<std::intmax_t>(version), static_cast<std::intmax_t>(entries));
  return 0;
}

int restore(const Config& config, const std::string& source) {
  if (!fs::exists(source)) {
    std::fprintf(stderr, "%s が見つかりません。\n", source.c_str());
    return 1;
  }
  ensure_data_dir(config);
  DataDirLock lock(config.data.dir);
  if (!lock.acquired()) {
    if (lock.held_by_another()) {
      std::fprintf(stderr, "musubi serve が動いています。止めてから restore してください。\n");
    } else {
      std::fprintf(stderr, "%s。\n", lock.problem().c_str());
    }
    return 1;
  }
  // Check a copy, so that the original file is never modified (opening applies no migrations to
  // it).
  auto staged = config.database_path() + ".restoring";
  fs::remove(staged);
  fs::copy_file(source, staged);
  std::int64_t version = 0;
  std::int64_t entries = 0;
  auto problem = check_database(staged, version, entries);
  fs::remove(staged + "-wal");
  fs::remove(staged + "-shm");
  if (!problem.empty()) {
    fs::remove(staged);
    std::fprintf(stderr, "%s は復元に使えません（何も置き換えていません）: %s\n", source.c_str(),
                 problem.c_str());
    return 1;
  }
  auto db = config.database_path();
  if (fs::exists(db)) {
    auto kept = db + ".before-restore-" + std::to_string(Clock().now());
    fs::rename(db, kept);
    fs::remove(db + "-wal");
    fs::remove(db + "-shm");
    std::printf("元のデータベースは %s に残しました。\n", kept.c_str());
  }
  fs::rename(staged, db);
  std::printf("復元しました: %s (schema %jd, audit entries %jd)\n", db.c_str(),
              static_cast<std::intmax_t>(version), static_cast<std::intmax_t>(entries));
  // The restored chain ends where the backup did: the checkpoints written since would stop the
  // server, so the restore is recorded as an accepted head.
  accept_audit_head(config, "restore from " + source);
  return 0;
}

void add_backup_commands(CLI::App& app, Command& chosen) {
  auto path = std::make_shared<std::string>();
  auto* backup_cmd =
      app.add_subcommand("backup", "write a consistent copy of the database (safe while serving)");
  backup_cmd->add_option("file", *path, "destination file")->required();
  backup_cmd->callback(
      [&chosen, path] { chosen = [path](const Config& config) { return backup(config, *path); }; });
  auto* restore_cmd =
      app.add_subcommand("restore", "replace the database with a verified backup (server stopped)");
  restore_cmd->add_option("file", *path, "backup file")->required();
  restore_cmd->callback([&chosen, path] {
    chosen = [path](const Config& config) { return restore(config, *path); };
  });
}

}  // namespace musubi::cli
