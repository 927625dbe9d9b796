// GeoJSON from an outside gateway (RFC 7946), read strictly: a FeatureCollection of Polygon and
// MultiPolygon features, or one such geometry. Positions are [longitude, latitude] numbers in
// range; every ring has at least four positions and is closed; sizes are bounded. What is kept is
// re-serialised from what was read — the shapes and each feature's name, nothing else.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/validation.hpp"
#include "disaster/overlay.hpp"

namespace musubi::codec {

struct ParsedOverlay {
  disaster::Shape shape;
  std::string geojson;  // a FeatureCollection
  std::int64_t features = 0;
};

// Problems go to `v` under the field "geojson", with where in the document they are.
ParsedOverlay parse_overlay_geojson(const nlohmann::json& geojson, Validator& v);

}  // namespace musubi::codec
