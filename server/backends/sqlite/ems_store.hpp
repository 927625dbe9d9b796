// The SQLite emergency lookup store (see ems/ems_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "ems/ems_store.hpp"

namespace musubi::backends::sqlite {

class SqliteEmsStore final : public ems::EmsStore {
 public:
  explicit SqliteEmsStore(Connection& c) : c_(c) {}
  ems::Matches search(RegionId region_id, const ems::SearchCriteria& criteria, std::int64_t limit,
                      std::int64_t count_cap) override;
  std::int64_t add_transport(RegionId region_id, const ems::Transport& t) override;
  std::vector<ems::Transport> transports(PersonId person_id, std::int64_t limit) override;
  std::vector<ems::CrewView> views(PersonId person_id, UnixSeconds since,
                                   std::int64_t limit) override;
  ems::LookupNames names(RegionId region_id, const std::vector<PersonId>& persons,
                         const std::vector<UserId>& crews) override;
  std::int64_t add_gateway(const ems::Gateway& gateway, const std::string& token_hash,
                           UnixSeconds now) override;
  std::optional<ems::Gateway> gateway_by_token(const std::string& token_hash) override;
  std::optional<ems::EmergencyCall> call_by_event(std::int64_t gateway_id,
                                                  const std::string& event_id) override;
  std::int64_t add_call(const ems::EmergencyCall& call) override;
  std::int64_t issue_card(RegionId region_id, const ems::PersonCard& card) override;
  std::optional<ems::PersonCard> current_card(PersonId person_id) override;
  std::optional<ems::PersonCard> card_by_token(RegionId region_id,
                                               const std::string& token) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
