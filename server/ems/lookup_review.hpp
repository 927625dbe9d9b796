// The region's review of the fire department's lookups (救急隊の照会記録): every search, view and
// transport report from the audit log, with who, when, why, the incident and which persons, for
// the region administrator's screen and CSV. The audit log stays the record; this reads it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "ems/types.hpp"

namespace musubi::ems {

struct LookupRecord {
  std::int64_t id = 0;  // the audit entry's
  UnixSeconds at = 0;
  std::string action;   // search, view, transport
  std::string outcome;  // success, denied
  UserId crew_id;
  std::string crew_login;
  std::string crew_name;
  std::string fire_facility;
  std::string reason;  // a lookup_reasons() code
  std::string incident;
  std::string detail;  // what else the entry says: matches=3, rate_limited, transport=7 …
  std::vector<std::pair<PersonId, std::string>> persons;  // shown or viewed, with their names
};

struct LookupQuery {
  std::optional<UnixSeconds> from;  // inclusive
  std::optional<UnixSeconds> to;    // exclusive
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 100;
};

// The audit detail every lookup writes: what else it says first, its reason and incident last
// (the incident is typed text and may hold spaces).
std::string lookup_detail(const LookupReason& reason, const std::string& rest);
// The same, read back: the reason, the incident and the rest.
struct ParsedDetail {
  std::string reason;
  std::string incident;
  std::string rest;
};
ParsedDetail parse_lookup_detail(const std::string& detail);

// RFC 4180 with a UTF-8 BOM (Excel opens it), Japanese headers and labels, times in Japan time.
std::string lookups_csv(const std::vector<LookupRecord>& records);

}  // namespace musubi::ems
