#include "backends/sqlite/disaster_store.hpp"

#include <map>

namespace musubi::backends::sqlite {

using disaster::AreaId;
using disaster::DisasterId;

namespace {

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::optional<disaster::Coordinates> coordinates(const Statement& s, int column) {
  if (s.is_null(column) || s.is_null(column + 1)) return std::nullopt;
  return disaster::Coordinates{.latitude = s.real(column), .longitude = s.real(column + 1)};
}

// The affected areas of a disaster as a condition on `s.area_id` (none: the whole region).
constexpr const char* kInAreas =
    "(NOT EXISTS (SELECT 1 FROM disaster_affected_areas x WHERE x.disaster_id = ?1) OR "
    "s.area_id IN (SELECT x.area_id FROM disaster_affected_areas x WHERE x.disaster_id = ?1))";

constexpr const char* kReportColumns =
    "SELECT r.id, r.person_id, r.status, r.note, r.observed_at, r.received_at, r.reported_by, "
    "r.facility_id, COALESCE(u.name, ''), COALESCE(f.name, ''), r.client_key FROM safety_reports "
    "r LEFT JOIN users u ON u.id = r.reported_by LEFT JOIN facilities f ON f.id = r.facility_id ";

disaster::Report read_report(const Statement& s) {
  return {.id = s.int64(0),
          .person_id = s.id<PersonId>(1),
          .status = disaster::status_from_code(s.text(2)).value_or(disaster::Status::unchecked),
          .note = s.text(3),
          .observed_at = s.int64(4),
          .received_at = s.int64(5),
          .reported_by = s.id<UserId>(6),
          .facility_id = s.optional_id<FacilityId>(7),
          .reported_by_name = s.text(8),
          .reported_facility = s.text(9),
          .client_key = s.text(10)};
}

}  // namespace

std::vector<disaster::Area> SqliteDisasterStore::areas(RegionId region_id) {
  auto s = c_.prepare(
      "SELECT a.id, a.name, (SELECT COUNT(*) FROM support_needs s WHERE s.region_id = a.region_id "
      "AND s.area_id = a.id) FROM disaster_areas a WHERE a.region_id = ?1 ORDER BY a.name, a.id");
  s.bind_all(region_id);
  std::vector<disaster::Area> out;
  while (s.step()) out.push_back({.id = s.id<AreaId>(0), .name = s.text(1), .persons = s.int64(2)});
  return out;
}

std::optional<disaster::Area> SqliteDisasterStore::find_area(RegionId region_id, AreaId area_id) {
  auto s = c_.prepare("SELECT id, name FROM disaster_areas WHERE region_id = ?1 AND id = ?2");
  s.bind_all(region_id, area_id);
  if (!s.step()) return std::nullopt;
  return disaster::Area{.id = s.id<AreaId>(0), .name = s.text(1)};
}

std::optional<disaster::Area> SqliteDisasterStore::find_area_by_name(RegionId region_id,
                                                                     const std::string& name) {
  auto s = c_.prepare("SELECT id, name FROM disaster_areas WHERE region_id = ?1 AND name = ?2");
  s.bind_all(region_id, name);
  if (!s.step()) return std::nullopt;
  return disaster::Area{.id = s.id<AreaId>(0), .name = s.text(1)};
}

AreaId SqliteDisasterStore::add_area(RegionId region_id, const std::string& name, UnixSeconds now) {
  c_.prepare("INSERT INTO disaster_areas (region_id, name, created_at) VALUES (?1, ?2, ?3)")
      .bind_all(region_id, name, now)
      .run();
  return AreaId{c_.last_insert_rowid()};
}

std::optional<disaster::SupportNeeds> SqliteDisasterStore::support_needs(RegionId region_id,
                                                                         PersonId person_id) {
  auto s = c_.prepare(
      "SELECT s.reasons, s.priority, s.latitude, s.longitude, s.area_id, COALESCE(a.name, ''), "
      "s.note, s.updated_at, COALESCE(u.name, '') FROM support_needs s LEFT JOIN disaster_areas a "
      "ON a.id = s.area_id LEFT JOIN users u ON u.id = s.updated_by WHERE s.region_id = ?1 AND "
      "s.person_id = ?2");
  s.bind_all(region_id, person_id);
  if (!s.step()) return std::nullopt;
  return disaster::SupportNeeds{.person_id = person_id,
                                .reasons = split_codes(s.text(0)),
                                .priority = static_cast<int>(s.int64(1)),
                                .location = coordinates(s, 2),
                                .area_id = s.optional_id<AreaId>(4),
                                .area_name = s.text(5),
                                .note = s.text(6),
                                .updated_at = s.int64(7),
                                .updated_by_name = s.text(8)};
}

void SqliteDisasterStore::put_support_needs(RegionId region_id, const disaster::SupportNeeds& needs,
                                            UserId by, UnixSeconds now) {
  std::optional<double> lat, lon;
  if (needs.location) {
    lat = needs.location->latitude;
    lon = needs.location->longitude;
  }
  c_.prepare(
        "INSERT INTO support_needs (person_id, region_id, reasons, priority, latitude, longitude, "
        "area_id, note, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (person_id) DO UPDATE SET reasons = excluded.reasons, priority = "
        "excluded.priority, latitude = excluded.latitude, longitude = excluded.longitude, area_id "
        "= excluded.area_id, note = excluded.note, updated_by = excluded.updated_by, updated_at = "
        "excluded.updated_at")
      .bind_all(needs.person_id, region_id, join_codes(needs.reasons), needs.priority, lat, lon,
                needs.area_id, needs.note, by, now)
      .run();
}

void SqliteDisasterStore::remove_support_needs(RegionId region_id, PersonId person_id) {
  c_.prepare("DELETE FROM support_needs WHERE region_id = ?1 AND person_id = ?2")
      .bind_all(region_id, person_id)
      .run();
}

std::vector<disaster::Disaster> SqliteDisasterStore::read_disasters(Statement& s) {
  std::vector<disaster::Disaster> out;
  std::vector<std::int64_t> ids;
  while (s.step()) {
    out.push_back({.id = s.id<DisasterId>(0),
                   .region_id = s.id<RegionId>(1),
                   .name = s.text(2),
                   .kind = s.text(3),
                   .drill = s.int64(4) != 0,
                   .started_at = s.int64(5),
                   .closed_at = s.optional_int64(6),
                   .opened_by_name = s.text(7),
                   .version = s.int64(8)});
    ids.push_back(out.back().id.value());
  }
  if (out.empty()) return out;
  // Every listed disaster's areas in one read.
  auto a = c_.prepare(
      "SELECT x.disaster_id, a.id, a.name FROM disaster_affected_areas x JOIN disaster_areas a ON "
      "a.id = x.area_id WHERE x.disaster_id IN (SELECT value FROM json_each(?1)) ORDER BY a.name");
  a.bind_all(id_array(ids));
  std::map<std::int64_t, std::vector<disaster::Area>> by_disaster;
  while (a.step()) by_disaster[a.int64(0)].push_back({.id = a.id<AreaId>(1), .name = a.text(2)});
  for (auto& d : out) d.areas = std::move(by_disaster[d.id.value()]);
  return out;
}

std::vector<disaster::Disaster> SqliteDisasterStore::disasters(RegionId region_id,
                                                               std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT d.id, d.region_id, d.name, d.kind, d.drill, d.started_at, d.closed_at, "
      "COALESCE(u.name, ''), d.version FROM disasters d LEFT JOIN users u ON u.id = d.opened_by "
      "WHERE d.region_id = ?1 ORDER BY d.closed_at IS NOT NULL, d.id DESC LIMIT ?2");
  s.bind_all(region_id, limit);
  return read_disasters(s);
}

std::optional<disaster::Disaster> SqliteDisasterStore::find_disaster(RegionId region_id,
                                                                     DisasterId id) {
  auto s = c_.prepare(
      "SELECT d.id, d.region_id, d.name, d.kind, d.drill, d.started_at, d.closed_at, "
      "COALESCE(u.name, ''), d.version FROM disasters d LEFT JOIN users u ON u.id = d.opened_by "
      "WHERE d.region_id = ?1 AND d.id = ?2");
  s.bind_all(region_id, id);
  auto found = read_disasters(s);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

DisasterId SqliteDisasterStore::add_disaster(const disaster::Disaster& d, UserId opened_by) {
  c_.prepare(
        "INSERT INTO disasters (region_id, name, kind, drill, started_at, opened_by) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6)")
      .bind_all(d.region_id, d.name, d.kind, d.drill, d.started_at, opened_by)
      .run();
  const DisasterId id{c_.last_insert_rowid()};
  for (const auto& a : d.areas) {
    c_.prepare("INSERT INTO disaster_affected_areas (disaster_id, area_id) VALUES (?1, ?2)")
        .bind_all(id, a.id)
        .run();
  }
  return id;
}

void SqliteDisasterStore::close_disaster(DisasterId id, UserId by, UnixSeconds now) {
  c_.prepare("UPDATE disasters SET closed_at = ?2, closed_by = ?3 WHERE id = ?1")
      .bind_all(id, now, by)
      .run();
}

std::vector<PersonId> SqliteDisasterStore::registered(RegionId region_id,
                                                      const std::vector<AreaId>& areas) {
  auto s = c_.prepare(
      "SELECT person_id FROM support_needs WHERE region_id = ?1 AND (?2 = '[]' OR area_id IN "
      "(SELECT value FROM json_each(?2))) ORDER BY person_id");
  s.bind_all(region_id, id_array(areas));
  std::vector<PersonId> out;
  while (s.step()) out.push_back(s.id<PersonId>(0));
  return out;
}

std::vector<disaster::Entry> SqliteDisasterStore::entries(const disaster::Disaster& d,
                                                          const disaster::EntryFilter& filter) {
  std::string sql =
      "SELECT s.person_id, p.name, p.name_kana, p.address, p.phone, s.area_id, "
      "COALESCE(a.name, ''), s.priority, s.reasons, s.latitude, s.longitude, r.status, "
      "COALESCE(r.note, ''), r.observed_at, COALESCE(u.name, ''), COALESCE(f.name, ''), "
      "COALESCE(c.label, ''), COALESCE(c.version, 0) FROM support_needs s JOIN persons p ON p.id "
      "= s.person_id LEFT JOIN disaster_areas a ON a.id = s.area_id LEFT JOIN safety_current c ON "
      "c.disaster_id = ?1 AND c.person_id = s.person_id LEFT JOIN safety_reports r ON r.id = "
      "c.report_id LEFT JOIN users u ON u.id = r.reported_by LEFT JOIN facilities f ON f.id = "
      "r.facility_id WHERE s.region_id = ?2 AND ";
  sql += kInAreas;
  if (filter.after_version) sql += " AND c.version > ?3";
  if (filter.team_member) {
    sql +=
        " AND s.person_id IN (SELECT b.person_id FROM board_members m JOIN boards b ON b.id = "
        "m.board_id WHERE m.user_id = ?4 AND m.request_only = 0 AND b.person_id IS NOT NULL)";
  }
  if (filter.person_id) sql += " AND s.person_id = ?5";
  sql += " ORDER BY s.priority, p.search_key, s.person_id";
  auto s = c_.prepare(sql);
  s.bind(1, d.id.value()).bind(2, d.region_id.value());
  if (filter.after_version) s.bind(3, *filter.after_version);
  if (filter.team_member) s.bind(4, filter.team_member->value());
  if (filter.person_id) s.bind(5, filter.person_id->value());
  std::vector<disaster::Entry> out;
  while (s.step()) {
    auto status = s.optional_text(11);
    out.push_back({.person_id = s.id<PersonId>(0),
                   .name = s.text(1),
                   .name_kana = s.text(2),
                   .address = s.text(3),
                   .phone = s.text(4),
                   .area_id = s.optional_id<AreaId>(5),
                   .area_name = s.text(6),
                   .priority = static_cast<int>(s.int64(7)),
                   .reasons = split_codes(s.text(8)),
                   .location = coordinates(s, 9),
                   .status = status ? disaster::status_from_code(*status).value_or(
                                          disaster::Status::unchecked)
                                    : disaster::Status::unchecked,
                   .note = s.text(12),
                   .observed_at = s.optional_int64(13),
                   .reported_by_name = s.text(14),
                   .reported_facility = s.text(15),
                   .label = s.text(16),
                   .version = s.int64(17)});
  }
  return out;
}

std::vector<disaster::MapPoint> SqliteDisasterStore::map_points(
    const disaster::Disaster& d, std::optional<std::int64_t> after_version) {
  std::string sql =
      "SELECT s.person_id, p.name, s.latitude, s.longitude, s.area_id, s.priority, r.status, "
      "COALESCE(c.label, ''), s.reasons, COALESCE(c.version, 0) FROM support_needs s JOIN persons "
      "p ON p.id = s.person_id LEFT JOIN safety_current c ON c.disaster_id = ?1 AND c.person_id = "
      "s.person_id LEFT JOIN safety_reports r ON r.id = c.report_id WHERE s.region_id = ?2 AND ";
  sql += kInAreas;
  if (after_version) sql += " AND c.version > ?3";
  sql += " ORDER BY s.person_id";
  auto s = c_.prepare(sql);
  s.bind(1, d.id.value()).bind(2, d.region_id.value());
  if (after_version) s.bind(3, *after_version);
  std::vector<disaster::MapPoint> out;
  while (s.step()) {
    const auto status = s.optional_text(6);
    out.push_back({.person_id = s.id<PersonId>(0),
                   .name = s.text(1),
                   .location = coordinates(s, 2),
                   .area_id = s.optional_id<AreaId>(4),
                   .priority = static_cast<int>(s.int64(5)),
                   .status = status ? disaster::status_from_code(*status).value_or(
                                          disaster::Status::unchecked)
                                    : disaster::Status::unchecked,
                   .label = s.text(7),
                   .needs_power = disaster::any_needs_power(s.text(8)),
                   .version = s.int64(9)});
  }
  return out;
}

std::vector<disaster::TallyRow> SqliteDisasterStore::tallies(const disaster::Disaster& d) {
  auto s =
      c_.prepare(std::string("SELECT s.area_id, COALESCE(a.name, ''), s.priority, "
                             "COALESCE(r.status, 'unchecked'), COUNT(*) FROM support_needs s LEFT "
                             "JOIN disaster_areas a ON a.id = s.area_id LEFT JOIN safety_current c "
                             "ON c.disaster_id = ?1 AND c.person_id = s.person_id LEFT JOIN "
                             "safety_reports r ON r.id = c.report_id WHERE s.region_id = ?2 AND ") +
                 kInAreas +
                 " GROUP BY s.area_id, s.priority, 4 ORDER BY s.area_id IS NULL, a.name, "
                 "s.area_id, s.priority");
  s.bind_all(d.id, d.region_id);
  std::vector<disaster::TallyRow> out;
  while (s.step()) {
    out.push_back(
        {.area_id = s.optional_id<AreaId>(0),
         .area_name = s.text(1),
         .priority = static_cast<int>(s.int64(2)),
         .status = disaster::status_from_code(s.text(3)).value_or(disaster::Status::unchecked),
         .count = s.int64(4)});
  }
  return out;
}

std::optional<disaster::Report> SqliteDisasterStore::report_by_key(DisasterId id,
                                                                   const std::string& client_key) {
  auto s =
      c_.prepare(std::string(kReportColumns) + "WHERE r.disaster_id = ?1 AND r.client_key = ?2");
  s.bind_all(id, client_key);
  if (!s.step()) return std::nullopt;
  return read_report(s);
}

std::int64_t SqliteDisasterStore::bump_version(DisasterId id) {
  auto s = c_.prepare("UPDATE disasters SET version = version + 1 WHERE id = ?1 RETURNING version");
  s.bind_all(id);
  s.step();
  const auto version = s.int64(0);
  while (s.step()) {
  }
  return version;
}

std::pair<std::int64_t, std::int64_t> SqliteDisasterStore::add_report(DisasterId id,
                                                                      const disaster::Report& r) {
  c_.prepare(
        "INSERT INTO safety_reports (disaster_id, person_id, status, note, reported_by, "
        "facility_id, observed_at, received_at, client_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9)")
      .bind_all(id, r.person_id, std::string(disaster::status_code(r.status)), r.note,
                r.reported_by, r.facility_id, r.observed_at, r.received_at, r.client_key)
      .run();
  const auto report_id = c_.last_insert_rowid();
  const auto version = bump_version(id);
  // It becomes current unless the current report was observed later (a report tapped offline
  // arriving after a newer one), or at the same second when it comes from a queue.
  c_.prepare(
        "INSERT INTO safety_current (disaster_id, person_id, report_id, version) VALUES (?1, ?2, "
        "?3, ?4) ON CONFLICT (disaster_id, person_id) DO UPDATE SET report_id = "
        "excluded.report_id, "
        "version = excluded.version WHERE safety_current.report_id IS NULL OR (SELECT "
        "o.observed_at FROM safety_reports o WHERE o.id = safety_current.report_id) < ?5 + ?6")
      .bind_all(id, r.person_id, report_id, version, r.observed_at, r.queued ? 0 : 1)
      .run();
  return {report_id, version};
}

std::vector<disaster::Report> SqliteDisasterStore::history(DisasterId id, PersonId person_id,
                                                           std::int64_t limit) {
  auto s = c_.prepare(std::string(kReportColumns) +
                      "WHERE r.disaster_id = ?1 AND r.person_id = ?2 ORDER BY r.observed_at DESC, "
                      "r.id DESC LIMIT ?3");
  s.bind_all(id, person_id, limit);
  std::vector<disaster::Report> out;
  while (s.step()) out.push_back(read_report(s));
  return out;
}

std::int64_t SqliteDisasterStore::set_label(DisasterId id, PersonId person_id,
                                            const std::string& label) {
  const auto version = bump_version(id);
  c_.prepare(
        "INSERT INTO safety_current (disaster_id, person_id, label, version) VALUES (?1, ?2, ?3, "
        "?4) ON CONFLICT (disaster_id, person_id) DO UPDATE SET label = excluded.label, version = "
        "excluded.version")
      .bind_all(id, person_id, label, version)
      .run();
  return version;
}

std::map<PersonId, std::string> SqliteDisasterStore::team_contacts(
    RegionId region_id, const std::vector<PersonId>& persons) {
  auto s = c_.prepare(
      "SELECT b.person_id, COALESCE(f.name, ''), u.name, CASE WHEN u.phone <> '' THEN u.phone "
      "ELSE COALESCE(f.phone, '') END FROM boards b JOIN board_members m ON m.board_id = b.id AND "
      "m.request_only = 0 JOIN users u ON u.id = m.user_id LEFT JOIN facilities f ON f.id = "
      "u.facility_id WHERE b.region_id = ?1 AND b.person_id IN (SELECT value FROM json_each(?2)) "
      "ORDER BY b.person_id, m.team_role = 'care_manager' DESC, m.is_admin DESC, m.joined_at, "
      "m.user_id");
  s.bind_all(region_id, id_array(persons));
  std::map<PersonId, std::string> out;
  while (s.step()) {
    auto [it, first] = out.try_emplace(s.id<PersonId>(0));
    if (!first) continue;  // the first row of a person is the one to call
    std::string contact = s.text(1);
    for (int column : {2, 3}) {
      if (auto part = s.text(column); !part.empty()) {
        contact += (contact.empty() ? "" : " ") + part;
      }
    }
    it->second = std::move(contact);
  }
  return out;
}

}  // namespace musubi::backends::sqlite
