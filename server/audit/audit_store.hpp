// What the audit log needs from storage: append in order, read back for search and verification.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::audit {

using Id = std::int64_t;

struct Entry {
  Id id = 0;
  UnixSeconds at = 0;
  std::optional<Id>
      region_id;  // null for events no region owns (a login attempt with an unknown ID)
  std::optional<Id> actor_user_id;
  std::string actor_login;
  std::string action;       // e.g. login.success, person.read, facility.update
  std::string target_type;  // e.g. person, user, facility
  std::string target_id;
  std::string outcome;  // success, denied, failure
  std::string detail;   // short, no health information
  std::string ip;
  std::string request_id;
  std::string prev_hash;
  std::string hash;
};

struct Query {
  Id region_id = 0;
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> to;
  std::string actor_login;
  std::string action_prefix;
  std::string target_type;
  std::string target_id;
  std::int64_t limit = 100;
  std::optional<Id> before_id;  // paging: entries older than this id
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Stores entry.id as given (the caller numbers the chain: previous id + 1, no gaps, which
  // `audit verify` checks) and the hashes the caller set.
  virtual Id append(const Entry& entry) = 0;
  virtual std::optional<Entry> last() = 0;
  virtual std::optional<Entry> find(Id id) = 0;
  virtual std::vector<Entry> search(const Query& query) = 0;
  // Every entry in id order, for chain verification; stops early if `visit` returns false.
  virtual void scan(const std::function<bool(const Entry&)>& visit) = 0;
  // The read journal's entries up to this seq are in the chain (read_journal.hpp).
  virtual std::int64_t journal_sealed_through() = 0;
  virtual void set_journal_sealed_through(std::int64_t seq) = 0;
};

}  // namespace musubi::audit
