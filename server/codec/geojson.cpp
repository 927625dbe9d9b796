#include "codec/geojson.hpp"

#include <fmt/format.h>

namespace musubi::codec {

namespace {

using nlohmann::json;

constexpr const char* kField = "geojson";

// Reads as much as it can; the first problem stops it (a broken document says so once).
class Reader {
 public:
  explicit Reader(Validator& v) : v_(v) {}
  bool failed() const { return failed_; }

  void fail(const std::string& where, const std::string& what) {
    if (failed_) return;
    failed_ = true;
    v_.add(kField, where.empty() ? what : fmt::format("{}: {}", where, what));
  }

  std::vector<disaster::Coordinates> ring(const json& j, const std::string& where) {
    std::vector<disaster::Coordinates> out;
    if (!j.is_array() || j.size() < 4) {
      fail(where, "リングは4点以上の座標の配列です");
      return out;
    }
    for (const auto& p : j) {
      if (++positions_ > disaster::kMaxOverlayPositions) {
        fail("", fmt::format("座標は合わせて {} 点までです", disaster::kMaxOverlayPositions));
        return out;
      }
      if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
        fail(where, "座標は [経度, 緯度] の数値です");
        return out;
      }
      const double lon = p[0].get<double>();
      const double lat = p[1].get<double>();
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        fail(where, "経度は -180〜180、緯度は -90〜90 です");
        return out;
      }
      out.push_back({.latitude = lat, .longitude = lon});
    }
    if (out.front().latitude != out.back().latitude ||
        out.front().longitude != out.back().longitude) {
      fail(where, "リングが閉じていません（最初と最後の座標が違います）");
    }
    return out;
  }

  disaster::Polygon polygon(const json& j, const std::string& where) {
    disaster::Polygon p;
    if (!j.is_array() || j.empty()) {
      fail(where, "ポリゴンはリングの配列です");
      return p;
    }
    for (std::size_t i = 0; i < j.size() && !failed_; ++i) {
      p.rings.push_back(ring(j[i], fmt::format("{}[{}]", where, i)));
    }
    return p;
  }

  // A Polygon or MultiPolygon geometry into the shape, and its GeoJSON as kept.
  json geometry(const json& g, const std::string& where, disaster::Shape& shape) {
    const auto type = g.is_object() && g.contains("type") && g["type"].is_string()
                          ? g["type"].get<std::string>()
                          : std::string();
    if (type != "Polygon" && type != "MultiPolygon") {
      fail(where, "形は Polygon か MultiPolygon です");
      return nullptr;
    }
    if (!g.contains("coordinates")) {
      fail(where, "coordinates がありません");
      return nullptr;
    }
    const auto& c = g["coordinates"];
    disaster::Shape read;
    if (type == "Polygon") {
      read.add(polygon(c, where + ".coordinates"));
    } else {
      if (!c.is_array() || c.empty()) fail(where, "MultiPolygon はポリゴンの配列です");
      for (std::size_t i = 0; i < c.size() && !failed_; ++i) {
        read.add(polygon(c[i], fmt::format("{}.coordinates[{}]", where, i)));
      }
    }
    // Written again from the numbers read: nothing of the sender's text is kept but them.
    json kept = json::array();
    for (auto& p : read.polygons) {
      json rings = json::array();
      for (const auto& ring : p.rings) {
        json points = json::array();
        for (const auto& at : ring) points.push_back({at.longitude, at.latitude});
        rings.push_back(std::move(points));
      }
      kept.push_back(std::move(rings));
      shape.add(std::move(p));
    }
    return json{{"type", "MultiPolygon"}, {"coordinates", kept}};
  }

 private:
  Validator& v_;
  bool failed_ = false;
  std::size_t positions_ = 0;
};

std::string feature_name(const json& f) {
  if (!f.contains("properties") || !f["properties"].is_object()) return "";
  const auto& p = f["properties"];
  for (const char* key : {"name", "名称", "area"}) {
    if (p.contains(key) && p[key].is_string()) return p[key].get<std::string>().substr(0, 200);
  }
  return "";
}

}  // namespace

ParsedOverlay parse_overlay_geojson(const json& geojson, Validator& v) {
  ParsedOverlay out;
  Reader r(v);
  json features = json::array();
  const auto type = geojson.is_object() && geojson.contains("type") && geojson["type"].is_string()
                        ? geojson["type"].get<std::string>()
                        : std::string();
  if (type == "FeatureCollection") {
    const auto& list = geojson.contains("features") ? geojson["features"] : json();
    if (!list.is_array() || list.empty()) r.fail("", "features がありません");
    if (list.is_array() && list.size() > disaster::kMaxOverlayFeatures) {
      r.fail("", fmt::format("feature は {} 件までです", disaster::kMaxOverlayFeatures));
    }
    for (std::size_t i = 0; list.is_array() && i < list.size() && !r.failed(); ++i) {
      const auto& f = list[i];
      const auto where = fmt::format("features[{}]", i);
      if (!f.is_object() || !f.contains("geometry")) {
        r.fail(where, "Feature に geometry がありません");
        break;
      }
      auto kept = r.geometry(f["geometry"], where + ".geometry", out.shape);
      features.push_back({{"type", "Feature"},
                          {"properties", {{"name", feature_name(f)}}},
                          {"geometry", std::move(kept)}});
    }
  } else if (type == "Polygon" || type == "MultiPolygon") {
    auto kept = r.geometry(geojson, "", out.shape);
    features.push_back(
        {{"type", "Feature"}, {"properties", {{"name", ""}}}, {"geometry", std::move(kept)}});
  } else {
    r.fail("", "GeoJSON の FeatureCollection、Polygon、MultiPolygon のいずれかを送ってください");
  }
  if (r.failed()) return {};
  out.features = static_cast<std::int64_t>(features.size());
  out.geojson = json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
  return out;
}

}  // namespace musubi::codec
