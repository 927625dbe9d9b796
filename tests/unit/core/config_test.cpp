#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "fixture/test_region.hpp"

namespace musubi {
namespace {

class ConfigFile : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    auto path = (dir.path() / "musubi.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  static std::string error_of(const std::string& path,
                              const std::map<std::string, std::string>& env) {
    try {
      load_config(path, env);
    } catch (const Error& e) {
      return e.message();
    }
    return "";
  }
  musubi::testing::TempDirectory dir;
};

TEST_F(ConfigFile, DefaultsNeedNoFile) {
  auto c = load_config("", {});
  EXPECT_EQ(c.server.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.session.idle_timeout_seconds, 1800);
  EXPECT_EQ(c.data.synchronous, "full");
  EXPECT_EQ(c.database_path(), "./musubi-data/musubi.db");
}

TEST_F(ConfigFile, FileThenEnvironmentWithShortNames) {
  auto path = write(
      "[server]\nlisten = \"127.0.0.1:9000\"\nthreads = 3\n[session]\nidle_timeout_seconds = "
      "600\n");
  auto from_file = load_config(path, {});
  EXPECT_EQ(from_file.server.listen, "127.0.0.1:9000");
  EXPECT_EQ(from_file.server.threads, 3);
  EXPECT_EQ(from_file.session.idle_timeout_seconds, 600);

  auto c = load_config(path, {{"MUSUBI_LISTEN", "127.0.0.1:9001"},
                              {"MUSUBI_DATA_DIR", "/var/lib/musubi"},
                              {"MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS", "900"},
                              {"MUSUBI_TLS_LISTEN", "127.0.0.1:9443"}});
  EXPECT_EQ(c.server.listen, "127.0.0.1:9001");
  EXPECT_EQ(c.data.dir, "/var/lib/musubi");
  EXPECT_EQ(c.session.idle_timeout_seconds, 900);
  EXPECT_EQ(c.server.tls_listen, "127.0.0.1:9443");
}

TEST_F(ConfigFile, LongNameWinsOverShortName) {
  auto c =
      load_config("", {{"MUSUBI_LISTEN", "127.0.0.1:1"}, {"MUSUBI_SERVER_LISTEN", "127.0.0.1:2"}});
  EXPECT_EQ(c.server.listen, "127.0.0.1:2");
}

TEST_F(ConfigFile, MistakesAreNamedInJapanese) {
  EXPECT_NE(
      error_of(write("[server]\nlisten_port = 1\n"), {}).find("未知のキー server.listen_port"),
      std::string::npos);
  EXPECT_NE(error_of(write("[server]\nthreads = \"two\"\n"), {}).find("型が違います"),
            std::string::npos);
  EXPECT_NE(error_of(write("[server\n"), {}).find("読めません"), std::string::npos);
  EXPECT_NE(error_of(write("listen = 1\n"), {}).find("セクション"), std::string::npos);
  EXPECT_NE(error_of("", {{"MUSUBI_SERVER_THREADS", "2x"}}).find("MUSUBI_SERVER_THREADS"),
            std::string::npos);
  EXPECT_NE(error_of("", {{"MUSUBI_SESSION_IDLE_TIMEOUT_SECONDS", "0"}}).find("正の整数"),
            std::string::npos);
  EXPECT_NE(error_of("", {{"MUSUBI_DATA_SYNCHRONOUS", "off"}}).find("full か normal"),
            std::string::npos);
  EXPECT_NE(error_of("", {{"MUSUBI_LISTEN", ""}}).find("少なくとも一方"), std::string::npos);
  EXPECT_NE(error_of((dir.path() / "missing.toml").string(), {}), "");
}

TEST_F(ConfigFile, WorkerPoolsDefaultToTheCoresAndCanBeSized) {
  auto defaults = load_config("", {});
  auto two = thread_counts(defaults, 2);
  EXPECT_EQ(two.io, 2U);
  EXPECT_EQ(two.general, 8U) << "four per core, at least 8: handlers mostly wait for commits";
  EXPECT_EQ(two.login, 1U);
  EXPECT_EQ(two.heavy, 1U);
  auto one = thread_counts(defaults, 1);
  EXPECT_EQ(one.general, 8U) << "a handler waiting on fsync must not stop every other";
  auto sixteen = thread_counts(defaults, 16);
  EXPECT_EQ(sixteen.general, 64U);
  EXPECT_EQ(sixteen.login, 4U);
  EXPECT_EQ(defaults.workers.login_queue, 32);

  auto sized = load_config(write("[workers]\nlogin_threads = 3\nheavy_threads = 2\n"),
                           {{"MUSUBI_WORKERS_GENERAL_THREADS", "5"}});
  auto counts = thread_counts(sized, 2);
  EXPECT_EQ(counts.general, 5U);
  EXPECT_EQ(counts.login, 3U);
  EXPECT_EQ(counts.heavy, 2U);
  EXPECT_NE(error_of(write("[workers]\nlogin_queue = -1\n"), {}).find("workers.login_queue"),
            std::string::npos);
}

TEST_F(ConfigFile, DescribeListsEveryKeyWithItsEnvironmentName) {
  auto keys = describe_config(load_config("", {{"MUSUBI_SERVER_THREADS", "4"}}));
  EXPECT_GE(keys.size(), 20u);
  bool seen = false;
  for (const auto& k : keys) {
    EXPECT_EQ(k.env_name.rfind("MUSUBI_", 0), 0u);
    if (k.env_name == "MUSUBI_SERVER_THREADS") {
      EXPECT_EQ(k.value, "4");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(ConfigFile, SecretsAreShownOnlyAsSetAndMailSettingsAreChecked) {
  auto keys = describe_config(load_config("", {{"MUSUBI_MAIL_SMTP_URL", "smtp://relay:587"},
                                               {"MUSUBI_MAIL_FROM", "musubi@example.jp"},
                                               {"MUSUBI_MAIL_PASSWORD", "relay-secret"},
                                               {"MUSUBI_PKI_CA_KEY_PASSPHRASE", "ca-secret"}}));
  int secrets = 0;
  for (const auto& k : keys) {
    EXPECT_EQ(k.value.find("secret"), std::string::npos) << k.env_name;
    if (k.env_name == "MUSUBI_MAIL_PASSWORD" || k.env_name == "MUSUBI_PKI_CA_KEY_PASSPHRASE") {
      EXPECT_EQ(k.value, "(設定済み)");
      ++secrets;
    }
  }
  EXPECT_EQ(secrets, 2);
  EXPECT_NE(error_of("", {{"MUSUBI_MAIL_SMTP_URL", "smtp://relay"}}).find("mail.from"),
            std::string::npos);
  EXPECT_NE(error_of("", {{"MUSUBI_MAIL_STARTTLS", "maybe"}}).find("mail.starttls"),
            std::string::npos);
}

TEST_F(ConfigFile, TheTestClockRunsOnlyOnLoopback) {
  const std::string offset = "MUSUBI_TEST_CLOCK_OFFSET_SECONDS";
  auto on = load_config("", {{offset, "-3600"},
                             {"MUSUBI_LISTEN", "127.0.0.1:0"},
                             {"MUSUBI_TLS_LISTEN", "localhost:8443"},
                             {"MUSUBI_SERVER_PUBLIC_ORIGIN", "http://127.0.0.1:8080"}});
  EXPECT_EQ(on.test.clock_offset_seconds, -3600);
  EXPECT_EQ(
      load_config("", {{offset, "60"}, {"MUSUBI_LISTEN", "[::1]:0"}}).test.clock_offset_seconds,
      60);
  // A region's server: any listener or origin off this machine refuses the test clock.
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"MUSUBI_LISTEN", "0.0.0.0:8080"},
           {"MUSUBI_LISTEN", "127.example.jp:8080"},
           {"MUSUBI_TLS_LISTEN", "0.0.0.0:443"},
           {"MUSUBI_SERVER_PUBLIC_ORIGIN", "https://musubi.example.lg.jp"},
           {"MUSUBI_SERVER_PUBLIC_ORIGIN", "https://127.0.0.1.example.jp"}}) {
    EXPECT_NE(error_of("", {{offset, "60"}, {key, value}}).find("試験専用"), std::string::npos)
        << key << "=" << value;
    EXPECT_EQ(error_of("", {{key, value}}), "") << "without the test clock " << key << " is fine";
  }
}

TEST(OffsetClock, IsTheSystemClockMovedByItsOffset) {
  Clock system;
  OffsetClock night(-9 * 3600);
  const auto before = system.now();
  const auto shifted = night.now();
  const auto after = system.now();
  EXPECT_GE(shifted, before - 9 * 3600);
  EXPECT_LE(shifted, after - 9 * 3600);
}

TEST_F(ConfigFile, TheEmergencyLookupsHourlyCapIsARegionsChoiceAndNeverZero) {
  EXPECT_EQ(load_config("", {}).ems.searches_per_hour, 60);
  EXPECT_EQ(load_config(write("[ems]\nsearches_per_hour = 120\n"), {}).ems.searches_per_hour, 120);
  EXPECT_EQ(load_config("", {{"MUSUBI_EMS_SEARCHES_PER_HOUR", "100000"}}).ems.searches_per_hour,
            100000);
  EXPECT_NE(error_of("", {{"MUSUBI_EMS_SEARCHES_PER_HOUR", "0"}}), "");
}

TEST(DisasterMapConfig, TheCenterIsLatitudeCommaLongitude) {
  auto c = parse_map_center("36.0835,140.0764");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->first, 36.0835);
  EXPECT_DOUBLE_EQ(c->second, 140.0764);
  EXPECT_FALSE(parse_map_center("36.0835"));
  EXPECT_FALSE(parse_map_center("36.0835,140.07x"));
  EXPECT_FALSE(parse_map_center("95,140"));
  EXPECT_FALSE(parse_map_center(""));
}

TEST(DisasterMapConfig, TileServersAndTheViewAreChecked) {
  EXPECT_NO_THROW(load_config("", {}));
  EXPECT_THROW(load_config("", {{"MUSUBI_DISASTER_TILE_URL", "https://tiles.example/{z}/{x}.png"}}),
               Error);
  EXPECT_THROW(load_config("", {{"MUSUBI_DISASTER_TILE_URL", "ftp://tiles.example/{z}/{x}/{y}"}}),
               Error);
  EXPECT_NO_THROW(load_config("", {{"MUSUBI_DISASTER_AERIAL_TILE_URL", ""}}));
  EXPECT_THROW(load_config("", {{"MUSUBI_DISASTER_MAP_CENTER", "140.1,36.1,0"}}), Error);
  EXPECT_THROW(load_config("", {{"MUSUBI_DISASTER_MAP_ZOOM", "0"}}), Error);
}

}  // namespace
}  // namespace musubi
