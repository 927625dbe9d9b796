// The overlays part of SqliteDisasterStore (disaster_store.hpp): gateways, overlays by version,
// and the registered homes inside them.
#include "backends/sqlite/disaster_store.hpp"

namespace musubi::backends::sqlite {

namespace {

constexpr const char* kOverlayColumns =
    "SELECT o.id, o.region_id, o.gateway_id, g.name, o.event_id, o.kind, o.name, o.version, "
    "o.geojson, o.content_hash, o.features, o.received_at, (SELECT COUNT(*) FROM overlay_persons "
    "x WHERE x.overlay_id = o.id), (SELECT COUNT(*) FROM overlay_persons x WHERE x.overlay_id = "
    "o.id AND x.needs_power = 1) FROM overlays o JOIN overlay_gateways g ON g.id = o.gateway_id ";

disaster::Overlay read_overlay(const Statement& s) {
  return {.id = s.int64(0),
          .region_id = s.id<RegionId>(1),
          .gateway_id = s.int64(2),
          .gateway_name = s.text(3),
          .event_id = s.text(4),
          .kind = s.text(5),
          .name = s.text(6),
          .version = s.int64(7),
          .geojson = s.text(8),
          .content_hash = s.text(9),
          .features = s.int64(10),
          .received_at = s.int64(11),
          .persons_inside = s.int64(12),
          .power_persons = s.int64(13)};
}

// The newest version of each name: the overlays no later version of the same name follows.
constexpr const char* kNewest =
    "NOT EXISTS (SELECT 1 FROM overlays n WHERE n.region_id = o.region_id AND n.name = o.name AND "
    "n.version > o.version)";

}  // namespace

std::int64_t SqliteDisasterStore::add_overlay_gateway(const disaster::OverlayGateway& g,
                                                      const std::string& token_hash,
                                                      UnixSeconds now) {
  c_.prepare(
        "INSERT INTO overlay_gateways (region_id, name, user_id, token_hash, created_at) VALUES "
        "(?1, ?2, ?3, ?4, ?5)")
      .bind_all(g.region_id, g.name, g.user_id, token_hash, now)
      .run();
  return c_.last_insert_rowid();
}

std::optional<disaster::OverlayGateway> SqliteDisasterStore::overlay_gateway_by_token(
    const std::string& token_hash) {
  auto s = c_.prepare(
      "SELECT id, region_id, name, user_id, active FROM overlay_gateways WHERE token_hash = ?1");
  s.bind_all(token_hash);
  if (!s.step()) return std::nullopt;
  return disaster::OverlayGateway{.id = s.int64(0),
                                  .region_id = s.id<RegionId>(1),
                                  .name = s.text(2),
                                  .user_id = s.id<UserId>(3),
                                  .active = s.int64(4) != 0};
}

std::optional<disaster::Overlay> SqliteDisasterStore::overlay_by_event(
    std::int64_t gateway_id, const std::string& event_id) {
  auto s = c_.prepare(std::string(kOverlayColumns) + "WHERE o.gateway_id = ?1 AND o.event_id = ?2");
  s.bind_all(gateway_id, event_id);
  if (!s.step()) return std::nullopt;
  return read_overlay(s);
}

std::pair<std::int64_t, std::int64_t> SqliteDisasterStore::add_overlay(const disaster::Overlay& o) {
  auto s = c_.prepare(
      "INSERT INTO overlays (region_id, gateway_id, event_id, kind, name, version, geojson, "
      "content_hash, features, received_at) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT "
      "COALESCE(MAX(version), 0) + 1 FROM overlays WHERE region_id = ?1 AND name = ?5), ?6, ?7, "
      "?8, ?9) RETURNING id, version");
  s.bind_all(o.region_id, o.gateway_id, o.event_id, o.kind, o.name, o.geojson, o.content_hash,
             o.features, o.received_at);
  s.step();
  std::pair<std::int64_t, std::int64_t> out{s.int64(0), s.int64(1)};
  while (s.step()) {
  }
  return out;
}

void SqliteDisasterStore::add_overlay_persons(std::int64_t overlay_id,
                                              const std::vector<disaster::Home>& inside) {
  for (const auto& h : inside) {
    c_.prepare(
          "INSERT OR IGNORE INTO overlay_persons (overlay_id, person_id, needs_power) VALUES (?1, "
          "?2, ?3)")
        .bind_all(overlay_id, h.person_id, h.needs_power)
        .run();
  }
}

std::vector<PersonId> SqliteDisasterStore::persons_before(RegionId region_id,
                                                          const std::string& name,
                                                          std::int64_t version) {
  auto s = c_.prepare(
      "SELECT x.person_id FROM overlay_persons x WHERE x.overlay_id = (SELECT o.id FROM overlays "
      "o WHERE o.region_id = ?1 AND o.name = ?2 AND o.version < ?3 ORDER BY o.version DESC LIMIT "
      "1) ORDER BY x.person_id");
  s.bind_all(region_id, name, version);
  std::vector<PersonId> out;
  while (s.step()) out.push_back(s.id<PersonId>(0));
  return out;
}

std::vector<disaster::Home> SqliteDisasterStore::homes(RegionId region_id) {
  auto s = c_.prepare(
      "SELECT person_id, latitude, longitude, reasons FROM support_needs WHERE region_id = ?1 AND "
      "latitude IS NOT NULL AND longitude IS NOT NULL ORDER BY person_id");
  s.bind_all(region_id);
  std::vector<disaster::Home> out;
  while (s.step()) {
    out.push_back({.person_id = s.id<PersonId>(0),
                   .location = {.latitude = s.real(1), .longitude = s.real(2)},
                   .needs_power = disaster::any_needs_power(s.text(3))});
  }
  return out;
}

std::vector<disaster::Overlay> SqliteDisasterStore::latest_overlays(RegionId region_id) {
  auto s = c_.prepare(std::string(kOverlayColumns) + "WHERE o.region_id = ?1 AND " + kNewest +
                      " ORDER BY o.kind, o.name");
  s.bind_all(region_id);
  std::vector<disaster::Overlay> out;
  while (s.step()) out.push_back(read_overlay(s));
  return out;
}

std::vector<PersonId> SqliteDisasterStore::in_outage(RegionId region_id) {
  auto s = c_.prepare(
      std::string("SELECT DISTINCT x.person_id FROM overlays o JOIN overlay_persons x ON "
                  "x.overlay_id = o.id WHERE o.region_id = ?1 AND o.kind = 'outage' AND ") +
      kNewest + " ORDER BY x.person_id");
  s.bind_all(region_id);
  std::vector<PersonId> out;
  while (s.step()) out.push_back(s.id<PersonId>(0));
  return out;
}

}  // namespace musubi::backends::sqlite
