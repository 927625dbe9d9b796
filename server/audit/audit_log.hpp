// The audit log: who did or saw what, when, from where. Entries are appended inside the same
// transaction as the work they describe and chained by SHA-256 so that tampering shows.
#pragma once

#include <string>
#include <vector>

#include "access/actor.hpp"
#include "audit/audit_store.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Transaction;
class Storage;
}  // namespace musubi::storage

namespace musubi::audit {

struct Event {
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome = "success";
  std::string detail;
};

// Appends `event` done by `actor`.
void record(storage::Transaction& tx, const Clock& clock, const access::Actor& actor,
            const Event& event);
// Appends an event without a signed-in actor (e.g. a failed login for `login_id`).
void record_anonymous(storage::Transaction& tx, const Clock& clock, std::optional<Id> region_id,
                      std::optional<Id> user_id, const std::string& login_id,
                      const access::Origin& origin, const Event& event);

// Logs a read of personal data (a list, a record, a search …) before it is shown: into the read
// journal when the storage has one (read_journal.hpp), else straight into the chain. Durable when
// it returns — or, while a request is handled (read_log_wait.hpp), the answer waits for it to be
// durable instead of the thread. A read that changes nothing else should use this, not a write
// transaction.
void record_read(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                 const Event& event);

// Seals the read journal's entries into the chain, oldest first; returns how many. Safe to run
// from several threads or processes at once (each batch is one write transaction that reads how
// far sealing has come), and after a crash at any point (nothing is sealed twice or lost).
std::int64_t seal_reads(storage::Storage& storage);

// The hash of an entry over its fields and prev_hash; what the chain is made of.
std::string entry_hash(const Entry& entry);
constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct Verification {
  std::int64_t entries = 0;
  std::vector<std::string> problems;  // empty when the chain is intact
  std::string head_hash;              // record it elsewhere to detect truncation later
  Id head_id = 0;
};
Verification verify(storage::Storage& storage);

// Region administrators only (checked here, not just at the route).
std::vector<Entry> search(storage::Storage& storage, const Clock& clock, const access::Actor& actor,
                          Query query);
// RFC 4180 CSV with a UTF-8 BOM so that Excel opens Japanese text correctly.
std::string to_csv(const std::vector<Entry>& entries);

}  // namespace musubi::audit
