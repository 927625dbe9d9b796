// Disaster mode as the API's JSON (docs/api.md, "Disaster mode"). The lists of persons (the
// map's 10,000 entries, a team's list) are written by codec::JsonWriter, without a document.
#pragma once

#include <nlohmann/json.hpp>

#include "codec/json_writer.hpp"
#include "disaster/disaster_service.hpp"
#include "disaster/overlay.hpp"
#include "disaster/types.hpp"

namespace musubi::http {

nlohmann::json disaster_codes_json();
nlohmann::json to_json(const disaster::Area& area);
nlohmann::json to_json(const disaster::SupportNeeds& needs);
nlohmann::json to_json(const disaster::Disaster& d);
nlohmann::json to_json(const disaster::Report& r);
nlohmann::json to_json(const disaster::Summary& s);
void write_entry(codec::JsonWriter& w, const disaster::Entry& e);
// {"items":[{"id","name","kind","kind_label","version","gateway_name","received_at","features",
// "persons_inside","power_persons","geojson"}]}
std::string overlays_json(const std::vector<disaster::Overlay>& overlays);
// The map as points: {"version","full","areas":[[id,"name"]],"fields":[…],"items":[[…]]}, each
// item an array in the order of "fields".
std::string map_points_json(const disaster::MapPoints& map);
// {"version", "full"?, "items":[Entry]}
std::string entries_json(const std::vector<disaster::Entry>& items, std::int64_t version,
                         std::optional<bool> full);

}  // namespace musubi::http
