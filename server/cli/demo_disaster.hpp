// The demo region's register of 要援護者 (disaster mode): its areas (the towns of the demo
// addresses) and most of its persons, each placed near their town in つくば. All invented.
#pragma once

#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::cli {

// The towns of the demo addresses, in the order seed_persons uses them.
constexpr const char* kDemoTowns[] = {"吾妻",   "竹園", "並木",   "松代", "春日",
                                      "天久保", "桜",   "谷田部", "北条", "筑波"};

// `persons[i]` lives in kDemoTowns[i % 10]. Also a sample outage overlay over 北条.
void seed_disaster_register(storage::Transaction& tx, RegionId region_id,
                            const std::vector<PersonId>& persons, UserId by, UnixSeconds now);

}  // namespace musubi::cli
