// What a city or a team sends, checked before anything is read or written: every problem of
// one input is reported at once, by field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/validation.hpp"
#include "disaster/types.hpp"

namespace musubi::disaster {

struct SupportNeedsInput {
  bool registered = true;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> priority;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<AreaId> area_id;
  std::string note;
};
// The register's entry (without its person, area name and author).
SupportNeeds checked_support_needs(const SupportNeedsInput& in, Validator& v);
// Inside Japan, roughly: a point in the sea off Africa (0, 0) or with latitude and longitude
// swapped is a typing mistake, not a home.
bool in_japan(const Coordinates& c);

struct OpenInput {
  std::string name;
  std::string kind;
  bool drill = false;
  std::vector<AreaId> area_ids;
};
OpenInput checked_open(const OpenInput& in, Validator& v);

struct StatusInput {
  PersonId person_id;
  std::string status;
  std::string note;
  std::string client_key;
  std::string observed_at;  // RFC 3339, or "" for now
};
// A report as it will be kept: a time tapped offline is taken, clamped to [started_at, now]
// (a phone's clock may be wrong; the report still counts, never before the disaster began).
Report checked_status(const StatusInput& in, UnixSeconds started_at, UnixSeconds now, Validator& v);

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxNote = 500;
constexpr std::size_t kMaxAreaName = 50;

}  // namespace musubi::disaster
