// The SQLite disaster-mode store (see disaster/disaster_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "disaster/disaster_store.hpp"

namespace musubi::backends::sqlite {

class SqliteDisasterStore final : public disaster::DisasterStore {
 public:
  explicit SqliteDisasterStore(Connection& c) : c_(c) {}
  std::vector<disaster::Area> areas(RegionId region_id) override;
  std::optional<disaster::Area> find_area(RegionId region_id, disaster::AreaId area_id) override;
  std::optional<disaster::Area> find_area_by_name(RegionId region_id,
                                                  const std::string& name) override;
  disaster::AreaId add_area(RegionId region_id, const std::string& name, UnixSeconds now) override;
  std::optional<disaster::SupportNeeds> support_needs(RegionId region_id,
                                                      PersonId person_id) override;
  void put_support_needs(RegionId region_id, const disaster::SupportNeeds& needs, UserId by,
                         UnixSeconds now) override;
  void remove_support_needs(RegionId region_id, PersonId person_id) override;
  std::vector<disaster::Disaster> disasters(RegionId region_id, std::int64_t limit) override;
  std::optional<disaster::Disaster> find_disaster(RegionId region_id,
                                                  disaster::DisasterId id) override;
  disaster::DisasterId add_disaster(const disaster::Disaster& d, UserId opened_by) override;
  void close_disaster(disaster::DisasterId id, UserId by, UnixSeconds now) override;
  std::vector<PersonId> registered(RegionId region_id,
                                   const std::vector<disaster::AreaId>& areas) override;
  std::vector<disaster::Entry> entries(const disaster::Disaster& d,
                                       const disaster::EntryFilter& filter) override;
  std::vector<disaster::TallyRow> tallies(const disaster::Disaster& d) override;
  std::vector<disaster::MapPoint> map_points(const disaster::Disaster& d,
                                             std::optional<std::int64_t> after_version) override;
  std::optional<disaster::Report> report_by_key(disaster::DisasterId id,
                                                const std::string& client_key) override;
  std::pair<std::int64_t, std::int64_t> add_report(disaster::DisasterId id,
                                                   const disaster::Report& r) override;
  std::vector<disaster::Report> history(disaster::DisasterId id, PersonId person_id,
                                        std::int64_t limit) override;
  std::map<PersonId, std::string> team_contacts(RegionId region_id,
                                                const std::vector<PersonId>& persons) override;
  std::int64_t set_label(disaster::DisasterId id, PersonId person_id,
                         const std::string& label) override;

  std::int64_t add_overlay_gateway(const disaster::OverlayGateway& g, const std::string& token_hash,
                                   UnixSeconds now) override;
  std::optional<disaster::OverlayGateway> overlay_gateway_by_token(
      const std::string& token_hash) override;
  std::optional<disaster::Overlay> overlay_by_event(std::int64_t gateway_id,
                                                    const std::string& event_id) override;
  std::pair<std::int64_t, std::int64_t> add_overlay(const disaster::Overlay& o) override;
  void add_overlay_persons(std::int64_t overlay_id,
                           const std::vector<disaster::Home>& inside) override;
  std::vector<PersonId> persons_before(RegionId region_id, const std::string& name,
                                       std::int64_t version) override;
  std::vector<disaster::Home> homes(RegionId region_id) override;
  std::vector<disaster::Overlay> latest_overlays(RegionId region_id) override;
  std::vector<PersonId> in_outage(RegionId region_id) override;

 private:
  std::vector<disaster::Disaster> read_disasters(Statement& s);
  std::int64_t bump_version(disaster::DisasterId id);
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
