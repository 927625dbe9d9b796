#include "http/board_json.hpp"

#include "http/json_mapping.hpp"

namespace musubi::http {

using nlohmann::json;

json to_json(const board::Request& r, UnixSeconds now) {
  json addressees = json::array();
  for (const auto& a : r.addressees) {
    addressees.push_back({{"user_id", a.user_id},
                          {"name", a.name},
                          {"facility_name", a.facility_name},
                          {"via_facility", a.via_facility_id ? json{{"id", *a.via_facility_id},
                                                                    {"name", a.via_facility_name}}
                                                             : json(nullptr)},
                          {"state", board::addressee_state_code(a.state)},
                          {"done", r.done(a)}});
  }
  return {{"kind", board::request_kind_code(r.kind)},
          {"deadline", optional_time(r.deadline)},
          {"overdue", r.overdue(now)},
          {"addressees", addressees}};
}

json to_json(const board::Post& p, UnixSeconds now) {
  json replies = json::array();
  for (const auto& r : p.replies) replies.push_back(to_json(r, now));
  json attachments = json::array();
  for (const auto& a : p.attachments) attachments.push_back(to_json(a));
  return {
      {"request", p.request ? to_json(*p.request, now) : json(nullptr)},
      {"id", p.id},
      {"team_id", p.team_id},
      {"parent_id", p.parent_id ? json(*p.parent_id) : json(nullptr)},
      {"author",
       {{"user_id", p.author_id}, {"name", p.author_name}, {"facility_name", p.author_facility}}},
      {"body", p.body},
      {"tag", p.tag_id ? json{{"id", *p.tag_id}, {"name", p.tag_name}} : json(nullptr)},
      {"important", p.important},
      {"restricted", p.restricted},
      {"audience", p.audience},
      {"version", p.version},
      {"created_at", format_iso8601(p.created_at)},
      {"edited_at", optional_time(p.edited_at)},
      {"deleted_at", optional_time(p.deleted_at)},
      {"delete_reason", p.delete_reason},
      {"acknowledgements", p.acknowledgements},
      {"acknowledged_by_me", p.acknowledged_by_me},
      {"read_by_me", p.read_by_me},
      {"attachments", attachments},
      {"replies", replies}};
}

json team_json(const board::CareTeam& t) {
  return {{"id", t.id},
          {"person",
           {{"id", t.person_id}, {"name", t.person_name}, {"name_kana", t.person_name_kana}}}};
}

}  // namespace musubi::http
