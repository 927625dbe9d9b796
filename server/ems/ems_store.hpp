// What the emergency lookup needs from storage: the persons matching a crew's criteria (their
// consents come from the record's store, person/record_store.hpp, in one read per page).
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "ems/emergency_call.hpp"
#include "ems/types.hpp"

namespace musubi::ems {

struct Matches {
  std::vector<person::Person> persons;  // in the order of the index searched, at most `limit`
  std::int64_t total = 0;               // counted up to `count_cap`
};

// Who the review's entries name: persons' names, and each crew member's name and fire facility.
struct LookupNames {
  std::map<PersonId, std::string> persons;
  std::map<UserId, std::pair<std::string, std::string>> crews;
};

class EmsStore {
 public:
  virtual ~EmsStore() = default;
  // Persons of the region matching every criterion that is set.
  virtual Matches search(RegionId region_id, const SearchCriteria& criteria, std::int64_t limit,
                         std::int64_t count_cap) = 0;
  // 活動履歴: `t.id` and `t.fire_facility` are filled in on reading.
  virtual std::int64_t add_transport(RegionId region_id, const Transport& t) = 0;
  virtual std::vector<Transport> transports(PersonId person_id, std::int64_t limit) = 0;
  // Successful emergency views of the person (from the audit log) since `since`, newest first.
  virtual std::vector<CrewView> views(PersonId person_id, UnixSeconds since,
                                      std::int64_t limit) = 0;
  // In two reads, whatever the number of ids; ids of another region are left out.
  virtual LookupNames names(RegionId region_id, const std::vector<PersonId>& persons,
                            const std::vector<UserId>& crews) = 0;

  // 緊急通報システム連携: gateways by the SHA-256 of their token, and their calls by event id.
  virtual std::int64_t add_gateway(const Gateway& gateway, const std::string& token_hash,
                                   UnixSeconds now) = 0;
  virtual std::optional<Gateway> gateway_by_token(const std::string& token_hash) = 0;
  virtual std::optional<EmergencyCall> call_by_event(std::int64_t gateway_id,
                                                     const std::string& event_id) = 0;
  virtual std::int64_t add_call(const EmergencyCall& call) = 0;

  // 私の大切な情報カード: issuing one revokes the person's earlier ones.
  virtual std::int64_t issue_card(RegionId region_id, const PersonCard& card) = 0;
  virtual std::optional<PersonCard> current_card(PersonId person_id) = 0;
  // A card that is not revoked, of a person of the region.
  virtual std::optional<PersonCard> card_by_token(RegionId region_id, const std::string& token) = 0;
};

}  // namespace musubi::ems
