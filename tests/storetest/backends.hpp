// Every storage backend the store suites run against. A new backend (PostgreSQL) is added here
// and must pass the same suites unchanged.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "backends/sqlite/sqlite_storage.hpp"
#include "board/board_store.hpp"
#include "core/ids.hpp"
#include "fixture/test_region.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::storetest {

struct Backend {
  std::string name;
  std::function<std::unique_ptr<storage::Storage>(const std::string& dir)> open;
};

inline std::vector<Backend> backends() {
  return {{"sqlite", [](const std::string& dir) {
             return std::make_unique<backends::sqlite::SqliteStorage>(
                 backends::sqlite::Options{.path = dir + "/store.db", .readers = 2});
           }}};
}

// A fresh, empty database of one backend with two regions, to show that nothing crosses them.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store = GetParam().open(dir.path().string());
    std::tie(region_a, region_b) = store->write([](storage::Transaction& tx) {
      auto a = tx.regions().insert({.code = "a", .name = "A市", .created_at = 1});
      auto b = tx.regions().insert({.code = "b", .name = "B町", .created_at = 1});
      return std::make_pair(RegionId{a}, RegionId{b});
    });
  }

  // A professional of region A (the board suites' cast).
  UserId professional(storage::Transaction& tx, const std::string& login) {
    region::UserPatch u{.name = login, .roles = {access::Role::professional}};
    return UserId{tx.users().insert(region_a, login, u, "h", false, 1)};
  }
  // A care team of region A around a new person, with these members.
  BoardId care_team(storage::Transaction& tx, const std::string& kana,
                    const std::vector<UserId>& members, UserId admin = UserId{}) {
    auto person = tx.persons().insert(
        region_a, std::nullopt, {.name = kana, .name_kana = kana, .birth_date = "1940-01-01"}, 1);
    auto team = tx.boards().insert(region_a, PersonId{person}, 1);
    for (auto u : members) tx.boards().put_member(team, u, "other", u == admin, 1);
    return team;
  }

  musubi::testing::TempDirectory dir;
  std::unique_ptr<storage::Storage> store;
  RegionId region_a;
  RegionId region_b;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

}  // namespace musubi::storetest
