// Disaster mode (災害対応, C8): the register of persons who need evacuation support (要援護者),
// the disasters a city opens, and the safety status (安否) their teams report during one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace musubi::disaster {

using DisasterId = StrongId<struct DisasterTag>;
using AreaId = StrongId<struct AreaTag>;

struct Code {
  std::string_view code;
  std::string_view label;
};

// Why a person needs support; a person has one or more.
const std::vector<Code>& reasons();
bool is_reason(std::string_view code);
// The reasons that need electricity: these persons come first inside an outage.
bool needs_power(std::string_view reason);
// The same for a person's reasons as stored, comma-separated ("ventilator,bedridden").
bool any_needs_power(std::string_view stored_reasons);

enum class Status { unchecked, safe, noted, unreachable };
const std::vector<Code>& statuses();
std::optional<Status> status_from_code(std::string_view code);
std::string_view status_code(Status status);

// The city's own marks on a person during a disaster (赤・青・黄); "" for none.
const std::vector<Code>& labels();
bool is_label(std::string_view code);

const std::vector<Code>& kinds();
bool is_kind(std::string_view code);
std::string_view kind_label(std::string_view code);

constexpr int kTopPriority = 1;
constexpr int kLowestPriority = 3;
std::string_view priority_label(int priority);

struct Area {
  AreaId id;
  std::string name;
  std::int64_t persons = 0;  // registered persons in the area
};

struct Coordinates {
  double latitude = 0;
  double longitude = 0;
};

// A person's entry in the register.
struct SupportNeeds {
  PersonId person_id;
  std::vector<std::string> reasons;
  int priority = kLowestPriority;
  std::optional<Coordinates> location;
  std::optional<AreaId> area_id;
  std::string area_name;
  std::string note;
  UnixSeconds updated_at = 0;
  std::string updated_by_name;
};

struct Disaster {
  DisasterId id;
  RegionId region_id;
  std::string name;
  std::string kind;
  bool drill = false;
  std::vector<Area> areas;  // none: the whole region
  UnixSeconds started_at = 0;
  std::optional<UnixSeconds> closed_at;
  std::string opened_by_name;
  std::int64_t version = 0;

  bool open() const { return !closed_at; }
};

struct Report {
  std::int64_t id = 0;
  PersonId person_id;
  Status status = Status::unchecked;
  std::string note;
  UnixSeconds observed_at = 0;
  UnixSeconds received_at = 0;
  UserId reported_by;
  std::optional<FacilityId> facility_id;
  std::string reported_by_name;
  std::string reported_facility;
  std::string client_key;
  // Sent later from a phone's queue with the time it was tapped: on the same second it does not
  // override the report already there (a tap sent at once does: it is the newer by arrival).
  bool queued = false;
};

// One registered person as the lists and the map show them during a disaster.
struct Entry {
  PersonId person_id;
  std::string name;
  std::string name_kana;
  std::string address;
  std::string phone;
  std::optional<AreaId> area_id;
  std::string area_name;
  int priority = kLowestPriority;
  std::vector<std::string> reasons;
  std::optional<Coordinates> location;
  Status status = Status::unchecked;
  std::string note;
  std::optional<UnixSeconds> observed_at;
  std::string reported_by_name;
  std::string reported_facility;
  std::string label;
  std::int64_t version = 0;
  bool in_outage = false;  // the home is inside the newest version of an outage overlay
};

// A person as the city's map draws them: a point in the colour of their status, nothing else
// (the rest is fetched when the person is opened).
struct MapPoint {
  PersonId person_id;
  std::string name;
  std::optional<Coordinates> location;
  std::optional<AreaId> area_id;
  int priority = kLowestPriority;
  Status status = Status::unchecked;
  std::string label;
  bool needs_power = false;
  bool in_outage = false;
  std::int64_t version = 0;
};

// Counts by status, for the whole disaster, an area or a priority.
struct Tally {
  std::int64_t all = 0;
  std::int64_t unchecked = 0;
  std::int64_t safe = 0;
  std::int64_t noted = 0;
  std::int64_t unreachable = 0;

  void add(Status s);
};

struct AreaTally {
  std::optional<AreaId> area_id;
  std::string name;
  Tally tally;
};

struct Summary {
  std::int64_t version = 0;
  Tally totals;
  std::vector<AreaTally> areas;
  std::vector<std::pair<int, Tally>> priorities;
};

// A list to print (by area, then priority), each person with whom on their team to call.
struct PrintLine {
  Entry entry;
  std::string contact;  // 「つくしの里 鈴木 一郎 029-…」, or ""
};

struct PrintList {
  Disaster disaster;
  std::string filter;  // what the list holds, in words: 「北条地区・未確認」; "" for everyone
  UnixSeconds printed_at = 0;
  std::vector<PrintLine> lines;
};

}  // namespace musubi::disaster
