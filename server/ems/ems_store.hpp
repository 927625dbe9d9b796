// What the emergency lookup needs from storage: the persons matching a crew's criteria (their
// consents come from the record's store, person/record_store.hpp, in one read per page).
#pragma once

#include <vector>

#include "ems/types.hpp"

namespace musubi::ems {

struct Matches {
  std::vector<person::Person> persons;  // in the order of the index searched, at most `limit`
  std::int64_t total = 0;               // counted up to `count_cap`
};

class EmsStore {
 public:
  virtual ~EmsStore() = default;
  // Persons of the region matching every criterion that is set.
  virtual Matches search(RegionId region_id, const SearchCriteria& criteria, std::int64_t limit,
                         std::int64_t count_cap) = 0;
};

}  // namespace musubi::ems
