#include "person/record_badges.hpp"

#include "person/consent_policy.hpp"
#include "person/record_store.hpp"
#include "storage/storage.hpp"

namespace musubi::person {

RecordBadges record_badges(storage::Transaction& tx, Id person_id, UnixSeconds now) {
  RecordBadges b;
  auto status = current_consent(tx, person_id, now);
  b.consent = status.state;
  if (status.current) b.consent_expires_on = status.current->expires_on;
  auto acp = tx.records().acp_entries(person_id);
  if (!acp.empty()) {
    b.acp_headline = headline(acp.front().plan);
    b.acp_discussed_on = acp.front().plan.discussed_on;
  }
  return b;
}

}  // namespace musubi::person
