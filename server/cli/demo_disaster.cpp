#include "cli/demo_disaster.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string>

#include "core/crypto.hpp"
#include "disaster/disaster_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

namespace {

// Roughly the middle of each town (latitude, longitude).
constexpr double kTownCenters[][2] = {
    {36.0830, 140.1130}, {36.0700, 140.1140}, {36.0560, 140.1220}, {36.0560, 140.1000},
    {36.0900, 140.1020}, {36.1000, 140.1080}, {36.0950, 140.1470}, {36.0350, 140.0780},
    {36.2130, 140.1040}, {36.2190, 140.1020},
};
static_assert(std::size(kTownCenters) == std::size(kDemoTowns));

struct Needs {
  std::vector<std::string> reasons;
  int priority;
};

// A varied register: devices first in priority, then the bedridden and those living alone.
Needs needs_of(std::size_t i) {
  switch (i % 7) {
    case 0:
      return {{"ventilator", "bedridden"}, 1};
    case 1:
      return {{"living_alone", "dementia"}, 2};
    case 2:
      return {{"home_oxygen"}, 1};
    case 3:
      return {{"bedridden", "care_level"}, 2};
    case 4:
      return {{"living_alone"}, 3};
    case 5:
      return {{"dialysis"}, 2};
    default:
      return {{"dementia"}, 3};
  }
}

// A sample outage over 北条 as a power company's gateway would send it: one mesh of about 2 km.
void seed_outage_sample(storage::Transaction& tx, RegionId region_id, UnixSeconds now) {
  region::UserPatch account{.name = "東京電力パワーグリッド 停電情報（デモ）"};
  auto user_id = tx.users().insert(region_id, "gateway.demo-outage", account,
                                   crypto::sha256_hex(crypto::random_token(32)), false, now);
  tx.users().set_active(user_id, false, now);
  auto& store = tx.disaster();
  disaster::OverlayGateway g{
      .region_id = region_id, .name = account.name, .user_id = UserId{user_id}};
  g.id = store.add_overlay_gateway(g, crypto::sha256_hex(crypto::random_token(32)), now);
  const double lat = kTownCenters[8][0];
  const double lon = kTownCenters[8][1];
  const double d = 0.01;
  disaster::Polygon mesh{{{{lat - d, lon - d},
                           {lat - d, lon + d},
                           {lat + d, lon + d},
                           {lat + d, lon - d},
                           {lat - d, lon - d}}}};
  std::string ring;
  for (const auto& c : mesh.rings.front()) {
    ring += fmt::format("{}[{:.4f},{:.4f}]", ring.empty() ? "" : ",", c.longitude, c.latitude);
  }
  disaster::Shape shape;
  shape.add(mesh);
  disaster::Overlay o{
      .region_id = region_id,
      .gateway_id = g.id,
      .event_id = "DEMO-OUTAGE-1",
      .kind = "outage",
      .name = "北条地区 停電（デモ）",
      .geojson = fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature",)"
                             R"("properties":{{"name":"北条 配電区域"}},"geometry":{{"type":)"
                             R"("MultiPolygon","coordinates":[[[{}]]]}}}}]}})",
                             ring),
      .content_hash = "demo",
      .features = 1,
      .received_at = now};
  o.id = store.add_overlay(o).first;
  std::vector<disaster::Home> inside;
  for (const auto& home : store.homes(region_id)) {
    if (shape.contains(home.location)) inside.push_back(home);
  }
  store.add_overlay_persons(o.id, inside);
}

}  // namespace

void seed_disaster_register(storage::Transaction& tx, RegionId region_id,
                            const std::vector<PersonId>& persons, UserId by, UnixSeconds now) {
  auto& store = tx.disaster();
  std::vector<disaster::AreaId> areas;
  for (const char* town : kDemoTowns) {
    areas.push_back(store.add_area(region_id, fmt::format("{}地区", town), now));
  }
  for (std::size_t i = 0; i < persons.size(); ++i) {
    if (i % 6 == 5) continue;  // not everyone needs support
    const auto town = i % std::size(kDemoTowns);
    // Spread around the town's middle by a few hundred metres, the same every time.
    const double lat = kTownCenters[town][0] + static_cast<double>((i * 37) % 11 - 5) * 0.0011;
    const double lon = kTownCenters[town][1] + static_cast<double>((i * 53) % 13 - 6) * 0.0011;
    auto needs = needs_of(i);
    store.put_support_needs(region_id,
                            {.person_id = persons[i],
                             .reasons = needs.reasons,
                             .priority = needs.priority,
                             .location = disaster::Coordinates{lat, lon},
                             .area_id = areas[town]},
                            by, now);
  }
  seed_outage_sample(tx, region_id, now);
}

}  // namespace musubi::cli
