#include "http/board_json.hpp"

#include <ctime>

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/json_mapping.hpp"
#include "person/consent.hpp"

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
      {"has_poll", p.has_poll},
      {"attachments", attachments},
      {"replies", replies}};
}

json team_json(const board::CareTeam& t) {
  return {{"id", t.id},
          {"kind", board::board_kind_code(t.kind)},
          {"name", t.name},
          {"person", t.kind == board::BoardKind::care ? json{{"id", t.person_id},
                                                             {"name", t.person_name},
                                                             {"name_kana", t.person_name_kana}}
                                                      : json(nullptr)}};
}

json to_json(const board::Member& m) {
  return {
      {"user_id", m.user_id},
      {"name", m.name},
      {"name_kana", m.name_kana},
      {"facility_name", m.facility_name},
      {"profession_name", m.profession_name},
      {"team_role", m.team_role},
      {"team_role_label", std::string(board::team_role_label(m.team_role).value_or(m.team_role))},
      {"is_admin", m.is_admin},
      {"joined_at", format_iso8601(m.joined_at)}};
}

// Only I learn whether I muted the board.
json me_json(const board::Member& m) {
  auto out = to_json(m);
  out["muted"] = m.muted;
  out["muted_until"] = optional_time(m.muted_until);
  return out;
}

json members_json(const std::vector<board::Member>& members) {
  json out = json::array();
  for (const auto& m : members) out.push_back(to_json(m));
  return out;
}

json to_json(const board::AcknowledgementView& v) {
  json acked = json::array();
  for (const auto& a : v.acknowledged) {
    acked.push_back({{"user_id", a.user_id}, {"name", a.name}, {"at", format_iso8601(a.at)}});
  }
  return {{"acknowledged", acked}, {"not_yet", members_json(v.not_yet)}};
}

json record_badges_json(const person::RecordBadges& r) {
  return {
      {"consent", person::consent_state_code(r.consent)},
      {"consent_expires_on",
       r.consent_expires_on.empty() ? json(nullptr) : json(r.consent_expires_on)},
      {"acp_headline", r.acp_headline},
      {"acp_discussed_on", r.acp_discussed_on.empty() ? json(nullptr) : json(r.acp_discussed_on)}};
}

json to_json(const board::TeamView& v, const std::string& mail_domain) {
  const bool care = v.team.kind == board::BoardKind::care;
  const bool has_address = v.team.kind == board::BoardKind::group && v.me && !mail_domain.empty() &&
                           !v.team.mail_key.empty();
  return {{"mail_address",
           has_address ? json("group-" + v.team.mail_key + "@" + mail_domain) : json(nullptr)},
          {"id", v.team.id},
          {"kind", board::board_kind_code(v.team.kind)},
          {"name", v.team.name},
          {"description", v.team.description},
          {"open", v.team.open},
          {"hidden", v.team.hidden},
          {"person", care ? http::to_json(v.person) : json(nullptr)},
          {"members", members_json(v.members)},
          {"me", v.me ? me_json(*v.me) : json(nullptr)},
          {"record", v.record ? record_badges_json(*v.record) : json(nullptr)},
          {"created_at", format_iso8601(v.team.created_at)}};
}

json to_json(const board::TeamSummary& t) {
  auto out = team_json(t.team);
  out.update(
      json{{"my_role", t.my_role},
           {"my_role_label", std::string(board::team_role_label(t.my_role).value_or(t.my_role))},
           {"i_am_admin", t.i_am_admin},
           {"unread", t.unread},
           {"last_post_at", optional_time(t.last_post_at)},
           {"muted", t.muted}});
  return out;
}

// "YYYY-MM-DD" (the end of that day) or "YYYY-MM-DDTHH:MM", both in Japan time (UTC+9).
std::optional<UnixSeconds> deadline_jst(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::tm tm{};
  int hour = 23;
  int minute = 59;
  bool ok = false;
  if (text.size() == 10 && text::is_iso_date(text)) {
    ok = true;
  } else if (text.size() == 16 && text[10] == 'T' && text::is_iso_date(text.substr(0, 10)) &&
             text[13] == ':') {
    try {
      hour = std::stoi(text.substr(11, 2));
      minute = std::stoi(text.substr(14, 2));
      ok = hour >= 0 && hour < 24 && minute >= 0 && minute < 60;
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"deadline", "期限の日時が正しくありません"}});
  }
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = hour;
  tm.tm_min = minute;
  return static_cast<UnixSeconds>(timegm(&tm)) - UnixSeconds{9} * 3600;
}

}  // namespace musubi::http
