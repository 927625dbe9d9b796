#include "http/json/notice.hpp"

namespace musubi::http {

using nlohmann::json;

json to_json(const notice::Notice& n, bool with_counts) {
  json kinds = json::array();
  for (auto k : n.audience.facility_kinds) kinds.push_back(region::facility_kind_code(k));
  json out = {
      {"id", n.id},
      {"title", n.title},
      {"body", n.body},
      {"important", n.important},
      {"ack_requested", n.ack_requested},
      {"publisher",
       {{"id", n.publisher_id}, {"name", n.publisher_name}, {"facility", n.publisher_facility}}},
      {"audience",
       {{"facility_kinds", kinds},
        {"profession_ids", n.audience.profession_ids},
        {"facility_id", n.audience.facility_id ? json(*n.audience.facility_id) : json(nullptr)}}},
      {"published_at", format_iso8601(n.published_at)},
      {"read_at", optional_time(n.read_at)},
      {"acknowledged_at", optional_time(n.acknowledged_at)}};
  if (with_counts) {
    out["recipients"] = n.recipients;
    out["read"] = n.read;
    out["acknowledged"] = n.acknowledged;
    out["reminded_at"] = optional_time(n.reminded_at);
  }
  return out;
}

json notice_page_json(const std::vector<notice::Notice>& list, std::int64_t limit,
                      bool with_counts) {
  json items = json::array();
  for (const auto& n : list) items.push_back(to_json(n, with_counts));
  json next = nullptr;
  if (static_cast<std::int64_t>(list.size()) == limit && !list.empty()) next = list.back().id;
  return {{"items", items}, {"next_before", next}};
}

}  // namespace musubi::http
