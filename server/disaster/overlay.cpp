#include "disaster/overlay.hpp"

#include <algorithm>

namespace musubi::disaster {

void Shape::add(Polygon p) {
  if (!p.rings.empty()) {
    for (const auto& c : p.rings.front()) {
      min_lat = std::min(min_lat, c.latitude);
      max_lat = std::max(max_lat, c.latitude);
      min_lon = std::min(min_lon, c.longitude);
      max_lon = std::max(max_lon, c.longitude);
    }
  }
  polygons.push_back(std::move(p));
}

bool inside_ring(const std::vector<Coordinates>& ring, const Coordinates& c) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& a = ring[i];
    const auto& b = ring[j];
    const bool crosses = (a.latitude > c.latitude) != (b.latitude > c.latitude);
    if (crosses && c.longitude < (b.longitude - a.longitude) * (c.latitude - a.latitude) /
                                         (b.latitude - a.latitude) +
                                     a.longitude) {
      inside = !inside;
    }
  }
  return inside;
}

bool Shape::contains(const Coordinates& c) const {
  if (c.latitude < min_lat || c.latitude > max_lat || c.longitude < min_lon ||
      c.longitude > max_lon) {
    return false;
  }
  return std::any_of(polygons.begin(), polygons.end(), [&](const Polygon& p) {
    if (p.rings.empty() || !inside_ring(p.rings.front(), c)) return false;
    return std::none_of(p.rings.begin() + 1, p.rings.end(),
                        [&](const auto& hole) { return inside_ring(hole, c); });
  });
}

const std::vector<Code>& overlay_kinds() {
  static const std::vector<Code> list = {
      {"outage", "停電"}, {"flood", "浸水"}, {"other", "その他"}};
  return list;
}

bool is_overlay_kind(std::string_view code) {
  const auto& list = overlay_kinds();
  return std::any_of(list.begin(), list.end(), [&](const Code& k) { return k.code == code; });
}

}  // namespace musubi::disaster
