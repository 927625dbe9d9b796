#include "http/json/disaster.hpp"

#include "http/json/common.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

json codes_json(const std::vector<disaster::Code>& codes) {
  json out = json::array();
  for (const auto& c : codes) out.push_back({{"code", c.code}, {"label", c.label}});
  return out;
}

json tally_json(const disaster::Tally& t) {
  return {{"all", t.all},
          {"unchecked", t.unchecked},
          {"safe", t.safe},
          {"noted", t.noted},
          {"unreachable", t.unreachable}};
}

}  // namespace

json disaster_codes_json() {
  json priorities = json::array();
  for (int p = disaster::kTopPriority; p <= disaster::kLowestPriority; ++p) {
    priorities.push_back({{"value", p}, {"label", disaster::priority_label(p)}});
  }
  return {{"reasons", codes_json(disaster::reasons())},
          {"statuses", codes_json(disaster::statuses())},
          {"labels", codes_json(disaster::labels())},
          {"kinds", codes_json(disaster::kinds())},
          {"priorities", priorities}};
}

json to_json(const disaster::Area& area) {
  return {{"id", area.id}, {"name", area.name}, {"persons", area.persons}};
}

json to_json(const disaster::SupportNeeds& needs) {
  return {{"registered", true},
          {"reasons", needs.reasons},
          {"priority", needs.priority},
          {"latitude", needs.location ? json(needs.location->latitude) : json(nullptr)},
          {"longitude", needs.location ? json(needs.location->longitude) : json(nullptr)},
          {"area_id", needs.area_id ? json(*needs.area_id) : json(nullptr)},
          {"area_name", needs.area_name},
          {"note", needs.note},
          {"updated_at", format_iso8601(needs.updated_at)},
          {"updated_by_name", needs.updated_by_name}};
}

json to_json(const disaster::Disaster& d) {
  json areas = json::array();
  json area_ids = json::array();
  for (const auto& a : d.areas) {
    areas.push_back({{"id", a.id}, {"name", a.name}});
    area_ids.push_back(a.id);
  }
  return {{"id", d.id},
          {"name", d.name},
          {"kind", d.kind},
          {"kind_label", disaster::kind_label(d.kind)},
          {"drill", d.drill},
          {"area_ids", area_ids},
          {"areas", areas},
          {"started_at", format_iso8601(d.started_at)},
          {"closed_at", optional_time(d.closed_at)},
          {"opened_by_name", d.opened_by_name},
          {"version", d.version}};
}

json to_json(const disaster::Report& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"status", disaster::status_code(r.status)},
          {"note", r.note},
          {"observed_at", format_iso8601(r.observed_at)},
          {"received_at", format_iso8601(r.received_at)},
          {"reported_by_name", r.reported_by_name},
          {"reported_facility", r.reported_facility},
          {"client_key", r.client_key}};
}

json to_json(const disaster::Summary& s) {
  json areas = json::array();
  for (const auto& a : s.areas) {
    auto item = tally_json(a.tally);
    item["area_id"] = a.area_id ? json(*a.area_id) : json(nullptr);
    item["name"] = a.name;
    areas.push_back(std::move(item));
  }
  json priorities = json::array();
  for (const auto& [priority, tally] : s.priorities) {
    auto item = tally_json(tally);
    item["priority"] = priority;
    item["label"] = disaster::priority_label(priority);
    priorities.push_back(std::move(item));
  }
  return {{"version", s.version},
          {"totals", tally_json(s.totals)},
          {"areas", areas},
          {"priorities", priorities}};
}

void write_entry(codec::JsonWriter& w, const disaster::Entry& e) {
  w.begin_object();
  w.num("person_id", e.person_id.value());
  w.str("name", e.name);
  w.str("name_kana", e.name_kana);
  w.str("address", e.address);
  w.str("phone", e.phone);
  w.num_or_null("area_id",
                e.area_id ? std::optional<std::int64_t>(e.area_id->value()) : std::nullopt);
  w.str("area_name", e.area_name);
  w.num("priority", e.priority);
  w.key("reasons").begin_array();
  for (const auto& r : e.reasons) w.string(r);
  w.end_array();
  if (e.location) {
    w.key("latitude").decimal(e.location->latitude, 6);
    w.key("longitude").decimal(e.location->longitude, 6);
  } else {
    w.null("latitude");
    w.null("longitude");
  }
  w.str("status", disaster::status_code(e.status));
  w.str("note", e.note);
  w.time_or_null("observed_at", e.observed_at);
  w.str("reported_by_name", e.reported_by_name);
  w.str("reported_facility", e.reported_facility);
  w.str("label", e.label);
  w.num("version", e.version);
  w.flag("in_outage", e.in_outage);
  w.end_object();
}

std::string entries_json(const std::vector<disaster::Entry>& items, std::int64_t version,
                         std::optional<bool> full) {
  codec::JsonWriter w(256 + items.size() * 320);
  w.begin_object();
  w.num("version", version);
  if (full) w.flag("full", *full);
  w.key("items").begin_array();
  for (const auto& e : items) write_entry(w, e);
  w.end_array();
  w.end_object();
  return w.take();
}

std::string overlays_json(const std::vector<disaster::Overlay>& overlays) {
  codec::JsonWriter w;
  w.begin_object();
  w.key("items").begin_array();
  for (const auto& o : overlays) {
    w.begin_object();
    w.num("id", o.id);
    w.str("name", o.name);
    w.str("kind", o.kind);
    for (const auto& k : disaster::overlay_kinds()) {
      if (k.code == o.kind) w.str("kind_label", k.label);
    }
    w.num("version", o.version);
    w.str("gateway_name", o.gateway_name);
    w.time("received_at", o.received_at);
    w.num("features", o.features);
    w.num("persons_inside", o.persons_inside);
    w.num("power_persons", o.power_persons);
    w.key("geojson").raw(o.geojson);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string map_points_json(const disaster::MapPoints& map) {
  codec::JsonWriter w(256 + map.items.size() * 90);
  w.begin_object();
  w.num("version", map.version);
  w.flag("full", map.full);
  w.key("areas").begin_array();
  for (const auto& a : map.areas) {
    w.begin_array();
    w.number(a.id.value());
    w.string(a.name);
    w.end_array();
  }
  w.end_array();
  w.key("fields").begin_array();
  for (const char* f : {"person_id", "name", "latitude", "longitude", "area_id", "priority",
                        "status", "label", "needs_power", "in_outage", "version"}) {
    w.string(f);
  }
  w.end_array();
  w.key("items").begin_array();
  for (const auto& p : map.items) {
    w.begin_array();
    w.number(p.person_id.value());
    w.string(p.name);
    if (p.location) {
      w.decimal(p.location->latitude, 5);  // about a metre
      w.decimal(p.location->longitude, 5);
    } else {
      w.null();
      w.null();
    }
    p.area_id ? w.number(p.area_id->value()) : w.null();
    w.number(p.priority);
    w.string(disaster::status_code(p.status));
    w.string(p.label);
    w.number(p.needs_power ? 1 : 0);
    w.number(p.in_outage ? 1 : 0);
    w.number(p.version);
    w.end_array();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace musubi::http
