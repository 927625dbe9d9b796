// The fictitious demo region 「つくば市（デモ）」: facilities of every kind, professionals of many
// 職種 and persons. All names, addresses and phone numbers are invented.
#pragma once

#include <string>
#include <vector>

namespace musubi::cli {

struct Runtime;

struct DemoLogin {
  std::string login_id;
  std::string description;
};

constexpr const char* kDemoRegionCode = "tsukuba-demo";
constexpr const char* kDemoPassword = "musubi-demo-2026";

// Creates the region unless it exists; returns the logins worth trying.
std::vector<DemoLogin> seed_demo_region(Runtime& runtime, bool& created);

}  // namespace musubi::cli
