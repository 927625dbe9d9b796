// Outside overlays on the disaster map (a power company's outage meshes, a flood map): their
// shapes as polygons, and which registered persons' homes lie inside.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "disaster/types.hpp"

namespace musubi::disaster {

// The first ring is the outline, the others holes; each ring closed (last point = first).
struct Polygon {
  std::vector<std::vector<Coordinates>> rings;
};

struct Shape {
  std::vector<Polygon> polygons;
  // The bounding box, so that most homes are ruled out without walking a ring.
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;

  void add(Polygon p);
  bool contains(const Coordinates& c) const;
};

// A ring's inside by the even-odd rule (a point on the edge may fall either way).
bool inside_ring(const std::vector<Coordinates>& ring, const Coordinates& c);

const std::vector<Code>& overlay_kinds();
bool is_overlay_kind(std::string_view code);

struct OverlayGateway {
  std::int64_t id = 0;
  RegionId region_id;
  std::string name;  // 「東京電力パワーグリッド 停電情報」
  UserId user_id;    // the account its posts are written by (no role; never signs in)
  bool active = true;
};

// What a gateway sends, its GeoJSON already checked and read (codec/geojson.hpp).
struct OverlayInput {
  std::string event_id;
  std::string kind;
  std::string name;
  std::string geojson;  // as stored and served: re-serialised, nothing but the shapes
  Shape shape;
  std::int64_t features = 0;
};

struct Overlay {
  std::int64_t id = 0;
  RegionId region_id;
  std::int64_t gateway_id = 0;
  std::string gateway_name;
  std::string event_id;
  std::string kind;
  std::string name;
  std::int64_t version = 0;
  std::string geojson;
  std::string content_hash;
  std::int64_t features = 0;
  UnixSeconds received_at = 0;
  std::int64_t persons_inside = 0;
  std::int64_t power_persons = 0;  // of them, with a device that needs electricity
};

// A registered person's home, for the overlays.
struct Home {
  PersonId person_id;
  Coordinates location;
  bool needs_power = false;
};

constexpr std::size_t kMaxOverlayFeatures = 5000;
constexpr std::size_t kMaxOverlayPositions = 200000;

}  // namespace musubi::disaster
