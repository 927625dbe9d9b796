#include "cli/demo_disaster.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string>

#include "disaster/disaster_store.hpp"
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
}

}  // namespace musubi::cli
