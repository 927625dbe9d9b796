// The command line as main.cpp builds it (cli::add_commands with CLI11): each subcommand takes
// its own options, refuses a command line it cannot run before anything is touched, and the one
// chosen runs against the configuration it is given.
#include "cli/commands.hpp"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "access/password.hpp"
#include "backends/sqlite/sqlite_storage.hpp"
#include "fixture/test_region.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {
namespace {

class CommandLineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app.require_subcommand(1);
    add_commands(app, chosen);
    config.data.dir = (dir.path() / "data").string();
    config.data.synchronous = "normal";
  }
  // Parses like main.cpp does (argv[0] first); throws CLI11's errors.
  void parse(std::vector<std::string> args) {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  }
  // The chosen command's exit code and what it printed.
  std::pair<int, std::string> run() {
    ::testing::internal::CaptureStdout();
    const int code = chosen(config);
    std::fflush(stdout);
    return {code, ::testing::internal::GetCapturedStdout()};
  }

  musubi::testing::TempDirectory dir;
  CLI::App app{"musubi", "musubi"};
  Command chosen;
  Config config;
};

TEST_F(CommandLineTest, EveryCommandIsOffered) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  EXPECT_EQ(names, (std::vector<std::string>{"serve", "init", "generate", "demo", "user", "device",
                                             "gateway", "region", "backup", "restore", "audit",
                                             "notify", "config", "routes"}));
}

TEST_F(CommandLineTest, ACommandLineThatCannotRunIsRefusedBeforeAnythingRuns) {
  EXPECT_THROW(parse({}), CLI::RequiredError) << "a subcommand is needed";
  EXPECT_THROW(parse({"frobnicate"}), CLI::RequiredError) << "not a command: still none";
  EXPECT_THROW(parse({"config", "--frobnicate"}), CLI::ExtrasError);
  EXPECT_THROW(parse({"init", "--region-code", "tsukuba"}), CLI::RequiredError);
  EXPECT_THROW(parse({"generate", "--posts", "many"}), CLI::ConversionError);
  EXPECT_THROW(parse({"user", "create", "--login", "sato", "--name", "佐藤"}), CLI::RequiredError)
      << "--kana and --roles";
  EXPECT_FALSE(chosen) << "nothing chosen, nothing run";
}

TEST_F(CommandLineTest, ConfigPrintsTheEffectiveSettingsWithTheirVariables) {
  parse({"config"});
  ASSERT_TRUE(chosen);
  auto [code, out] = run();
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("[server]\nlisten = \"127.0.0.1:8080\"    # MUSUBI_SERVER_LISTEN\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("dir = \"" + config.data.dir + "\"    # MUSUBI_DATA_DIR\n"),
            std::string::npos);
  EXPECT_NE(out.find("general_queue = 512    # MUSUBI_WORKERS_GENERAL_QUEUE\n"), std::string::npos)
      << "numbers unquoted";
}

TEST_F(CommandLineTest, InitCreatesTheRegionAndItsAdministratorInTheDataDirectory) {
  parse({"init", "--region-code", "tsukuba", "--region-name", "つくば市", "--admin-login",
         "city.admin", "--admin-name", "市 管理者", "--admin-kana", "し かんりしゃ",
         "--admin-password", "first-region-2026"});
  ASSERT_TRUE(chosen);
  auto [code, out] = run();
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("地域「つくば市」(コード tsukuba) を作成しました。"), std::string::npos)
      << out;
  EXPECT_NE(out.find("管理者ログインID: city.admin"), std::string::npos);
  EXPECT_EQ(out.find("初期パスワード"), std::string::npos) << "the password was given";
  backends::sqlite::SqliteStorage storage({.path = config.database_path(), .readers = 1});
  storage.read([](storage::Transaction& tx) {
    auto region = tx.regions().find_by_code("tsukuba");
    ASSERT_TRUE(region);
    EXPECT_EQ(region->name, "つくば市");
    EXPECT_TRUE(tx.users().login_id_exists("city.admin"));
    EXPECT_FALSE(tx.regions().professions(region->id).empty());
  });
}

TEST_F(CommandLineTest, InitWithoutAPasswordPrintsAGeneratedOne) {
  // The password may come from the environment; this case is the one without it.
  const char* given = std::getenv("MUSUBI_ADMIN_PASSWORD");
  const std::string saved = given ? given : "";
  ::unsetenv("MUSUBI_ADMIN_PASSWORD");
  struct Restore {
    const std::string& value;
    bool had;
    ~Restore() {
      if (had) ::setenv("MUSUBI_ADMIN_PASSWORD", value.c_str(), 1);
    }
  } restore{saved, given != nullptr};
  parse({"init", "--region-code", "koga", "--region-name", "古河市", "--admin-login", "koga.admin",
         "--admin-name", "古河 管理者"});
  auto [code, out] = run();
  EXPECT_EQ(code, 0);
  auto at = out.find("初期パスワード: ");
  ASSERT_NE(at, std::string::npos) << out;
  auto password = out.substr(at + std::string("初期パスワード: ").size(), 17);
  EXPECT_EQ(password[12], '-') << password;
  EXPECT_EQ(access::password_problem({}, password, "koga.admin"), std::nullopt) << password;
}

}  // namespace
}  // namespace musubi::cli
