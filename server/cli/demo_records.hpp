// Person records of the demo region (demo_records.cpp).
#pragma once

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "person/types.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::cli {

// The record of the `n`-th demo person with a team: a summary, もしものとき and a consent for the
// first ones (one consent about to expire), a summary alone for the third.
void seed_person_record(storage::Transaction& tx, const person::Person& person, int n,
                        person::Id doctor, person::Id care_manager, UnixSeconds now);
// A transport by the fire department twelve days ago, in the person's 活動履歴 (no post).
void seed_past_transport(storage::Transaction& tx, const person::Person& person, UserId crew,
                         UnixSeconds now);

}  // namespace musubi::cli
