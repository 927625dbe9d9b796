// The emergency lookup for the fire department: search, the emergency view, each one audited
// with its reason and incident before anything is shown. Only `ems` accounts call it (checked
// here as well as at the route), and only persons who consented to disclosure to the fire
// department are shown.
#pragma once

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/rate_window.hpp"
#include "ems/criteria.hpp"
#include "ems/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::ems {

class EmsService {
 public:
  // `searches_per_hour` per user: a crew needs a few; paging through the region does not pass.
  EmsService(storage::Storage& storage, const Clock& clock, std::int64_t searches_per_hour = 60);

  SearchResult search(const access::Actor& actor, const SearchInput& input,
                      const LookupReason& reason);
  EmergencyView view(const access::Actor& actor, PersonId person_id, const LookupReason& reason);

 private:
  void require_crew(const access::Actor& actor) const;

  storage::Storage& storage_;
  const Clock& clock_;
  RateWindow searches_;
};

}  // namespace musubi::ems
