// What disaster mode needs from storage: the register, the disasters, and the safety reports
// with each person's current one.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "disaster/overlay.hpp"
#include "disaster/types.hpp"

namespace musubi::disaster {

// Which registered persons a list holds.
struct EntryFilter {
  std::optional<std::int64_t> after_version;  // only those changed since
  std::optional<UserId> team_member;          // only persons on this user's care teams
  std::optional<PersonId> person_id;
};

// One group of the summary: this many persons of an area and priority have this status.
struct TallyRow {
  std::optional<AreaId> area_id;
  std::string area_name;
  int priority = kLowestPriority;
  Status status = Status::unchecked;
  std::int64_t count = 0;
};

class DisasterStore {
 public:
  virtual ~DisasterStore() = default;

  // Areas, with how many registered persons each has.
  virtual std::vector<Area> areas(RegionId region_id) = 0;
  virtual std::optional<Area> find_area(RegionId region_id, AreaId area_id) = 0;
  virtual std::optional<Area> find_area_by_name(RegionId region_id, const std::string& name) = 0;
  virtual AreaId add_area(RegionId region_id, const std::string& name, UnixSeconds now) = 0;

  virtual std::optional<SupportNeeds> support_needs(RegionId region_id, PersonId person_id) = 0;
  virtual void put_support_needs(RegionId region_id, const SupportNeeds& needs, UserId by,
                                 UnixSeconds now) = 0;
  virtual void remove_support_needs(RegionId region_id, PersonId person_id) = 0;

  // Open ones first, then the newest.
  virtual std::vector<Disaster> disasters(RegionId region_id, std::int64_t limit) = 0;
  virtual std::optional<Disaster> find_disaster(RegionId region_id, DisasterId id) = 0;
  virtual DisasterId add_disaster(const Disaster& d, UserId opened_by) = 0;
  virtual void close_disaster(DisasterId id, UserId by, UnixSeconds now) = 0;
  // Registered persons in the areas (all the region's when `areas` is empty).
  virtual std::vector<PersonId> registered(RegionId region_id,
                                           const std::vector<AreaId>& areas) = 0;

  // The disaster's registered persons with their current status, highest priority first.
  virtual std::vector<Entry> entries(const Disaster& d, const EntryFilter& filter) = 0;
  virtual std::vector<TallyRow> tallies(const Disaster& d) = 0;
  // The same persons as points (entries() without their details), in person order.
  virtual std::vector<MapPoint> map_points(const Disaster& d,
                                           std::optional<std::int64_t> after_version) = 0;

  virtual std::optional<Report> report_by_key(DisasterId id, const std::string& client_key) = 0;
  // Keeps the report; it becomes the person's current one unless a report observed later is.
  // Returns the report's id and the disaster's new version.
  virtual std::pair<std::int64_t, std::int64_t> add_report(DisasterId id, const Report& r) = 0;
  virtual std::vector<Report> history(DisasterId id, PersonId person_id, std::int64_t limit) = 0;
  // Whom to call on each person's care team: the care manager, else the first administrator,
  // else any member — 「facility name phone」 in one read.
  virtual std::map<PersonId, std::string> team_contacts(RegionId region_id,
                                                        const std::vector<PersonId>& persons) = 0;
  // Returns the disaster's new version.
  virtual std::int64_t set_label(DisasterId id, PersonId person_id, const std::string& label) = 0;

  // Outside overlays (overlay.hpp).
  virtual std::int64_t add_overlay_gateway(const OverlayGateway& g, const std::string& token_hash,
                                           UnixSeconds now) = 0;
  virtual std::optional<OverlayGateway> overlay_gateway_by_token(const std::string& token_hash) = 0;
  virtual std::optional<Overlay> overlay_by_event(std::int64_t gateway_id,
                                                  const std::string& event_id) = 0;
  // Kept as the next version of its name in the region; returns its id and version.
  virtual std::pair<std::int64_t, std::int64_t> add_overlay(const Overlay& o) = 0;
  virtual void add_overlay_persons(std::int64_t overlay_id, const std::vector<Home>& inside) = 0;
  // The persons inside the version of the same name before `version` (none for the first).
  virtual std::vector<PersonId> persons_before(RegionId region_id, const std::string& name,
                                               std::int64_t version) = 0;
  // Registered persons whose home is placed.
  virtual std::vector<Home> homes(RegionId region_id) = 0;
  // The newest version of each overlay of the region, with how many persons are inside.
  virtual std::vector<Overlay> latest_overlays(RegionId region_id) = 0;
  // The persons inside the newest version of each outage overlay.
  virtual std::vector<PersonId> in_outage(RegionId region_id) = 0;
};

}  // namespace musubi::disaster
