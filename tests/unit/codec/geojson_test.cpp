// GeoJSON from a gateway, read strictly: the shapes come back as read (a Polygon kept as a
// MultiPolygon, positions from the numbers), homes fall inside or outside as they should (holes
// included), and every broken document is refused once, saying where.
#include "codec/geojson.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace musubi::codec {
namespace {

using nlohmann::json;

json square(double lat, double lon, double d) {
  return json::array({json::array({json::array({lon - d, lat - d}), json::array({lon + d, lat - d}),
                                   json::array({lon + d, lat + d}), json::array({lon - d, lat + d}),
                                   json::array({lon - d, lat - d})})});
}

std::string problem(const json& geojson) {
  Validator v;
  parse_overlay_geojson(geojson, v);
  return v.errors().empty() ? "" : v.errors().front().message;
}

TEST(GeoJsonTest, AFeatureCollectionIsReadAndKeptAsShapesAndNames) {
  json doc = {
      {"type", "FeatureCollection"},
      {"features",
       {{{"type", "Feature"},
         {"properties", {{"name", "北条"}, {"secret", "<script>"}}},
         {"geometry", {{"type", "Polygon"}, {"coordinates", square(36.2, 140.1, 0.01)}}}}}}};
  Validator v;
  auto parsed = parse_overlay_geojson(doc, v);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(parsed.features, 1);
  EXPECT_TRUE(parsed.shape.contains({.latitude = 36.2, .longitude = 140.1}));
  EXPECT_FALSE(parsed.shape.contains({.latitude = 36.3, .longitude = 140.1}));
  auto kept = json::parse(parsed.geojson);
  EXPECT_EQ(kept["features"][0]["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(kept["features"][0]["properties"], (json{{"name", "北条"}}));
  EXPECT_EQ(parsed.geojson.find("script"), std::string::npos);
}

TEST(GeoJsonTest, AHoleIsOutside) {
  auto rings = square(36.2, 140.1, 0.02);
  rings.push_back(square(36.2, 140.1, 0.005)[0]);
  Validator v;
  auto parsed = parse_overlay_geojson({{"type", "Polygon"}, {"coordinates", rings}}, v);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(parsed.shape.contains({.latitude = 36.2, .longitude = 140.1}));
  EXPECT_TRUE(parsed.shape.contains({.latitude = 36.215, .longitude = 140.1}));
}

TEST(GeoJsonTest, BrokenDocumentsAreRefusedSayingWhere) {
  auto open = square(36.2, 140.1, 0.01);
  open[0].erase(open[0].end() - 1);
  open[0].push_back(json::array({140.0, 36.0}));
  EXPECT_NE(problem({{"type", "Polygon"}, {"coordinates", open}}).find("閉じていません"),
            std::string::npos);
  EXPECT_NE(problem({{"type", "Point"}, {"coordinates", {140, 36}}}).find("FeatureCollection"),
            std::string::npos);
  EXPECT_NE(problem({{"type", "Polygon"}, {"coordinates", square(95, 140, 0.01)}}).find("緯度"),
            std::string::npos);
  EXPECT_NE(problem({{"type", "FeatureCollection"}, {"features", json::array()}}).find("features"),
            std::string::npos);
  auto strings = square(36.2, 140.1, 0.01);
  strings[0][1] = json::array({"140", "36"});
  EXPECT_NE(problem({{"type", "Polygon"}, {"coordinates", strings}}).find("数値"),
            std::string::npos);
  json feature = {{"type", "FeatureCollection"},
                  {"features", {{{"type", "Feature"}, {"geometry", nullptr}}}}};
  EXPECT_NE(problem(feature).find("features[0].geometry"), std::string::npos);
  EXPECT_NE(problem(json::array()).find("FeatureCollection"), std::string::npos);
}

TEST(GeoJsonTest, SizesAreBounded) {
  json features = json::array();
  for (std::size_t i = 0; i <= disaster::kMaxOverlayFeatures; ++i) {
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", square(36, 140, 1)}}}});
  }
  EXPECT_NE(problem({{"type", "FeatureCollection"}, {"features", features}}).find("5000"),
            std::string::npos);
}

}  // namespace
}  // namespace musubi::codec
