// What a care team's page shows above its board about the person's record: the consent warning
// (none, expiring, expired, withdrawn) and the latest もしものとき in a few words.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "person/consent.hpp"
#include "person/types.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::person {

struct RecordBadges {
  ConsentState consent = ConsentState::missing;
  std::string consent_expires_on;
  std::string acp_headline;
  std::string acp_discussed_on;
};

RecordBadges record_badges(storage::Transaction& tx, Id person_id, UnixSeconds now);

}  // namespace musubi::person
