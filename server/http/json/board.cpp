#include "http/json/board.hpp"
#include "http/json/person.hpp"

#include <ctime>

#include "core/error.hpp"
#include "core/text.hpp"
#include "person/consent.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

void write_request(codec::JsonWriter& w, const board::Request& r, UnixSeconds now) {
  w.begin_object();
  w.str("kind", board::request_kind_code(r.kind));
  w.time_or_null("deadline", r.deadline);
  w.flag("overdue", r.overdue(now));
  w.key("addressees").begin_array();
  for (const auto& a : r.addressees) {
    w.begin_object();
    w.num("user_id", a.user_id);
    w.str("name", a.name);
    w.str("facility_name", a.facility_name);
    if (a.via_facility_id) {
      w.key("via_facility").begin_object();
      w.num("id", *a.via_facility_id);
      w.str("name", a.via_facility_name);
      w.end_object();
    } else {
      w.null("via_facility");
    }
    w.str("state", board::addressee_state_code(a.state));
    w.flag("done", r.done(a));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

void write_attachment(codec::JsonWriter& w, const board::Attachment& a) {
  const std::string base = "/api/v1/attachments/" + std::to_string(a.id);
  w.begin_object();
  w.num("id", a.id);
  w.num_or_null("post_id", a.post_id);
  w.str("file_name", a.file_name);
  w.str("media_type", a.media_type);
  w.str("kind", a.kind);
  w.num("size", a.size);
  w.num_or_null("width", a.width);
  w.num_or_null("height", a.height);
  w.key("uploader").begin_object();
  w.num("user_id", a.uploader_id);
  w.str("name", a.uploader_name);
  w.end_object();
  w.time("created_at", a.created_at);
  w.str("url", base);
  if (a.thumbnail_blob_id) {
    w.str("thumbnail_url", base + "/thumbnail");
  } else {
    w.null("thumbnail_url");
  }
  w.end_object();
}

void write_post(codec::JsonWriter& w, const board::Post& p, UnixSeconds now) {
  w.begin_object();
  w.num("id", p.id);
  w.num("board_id", p.board_id);
  w.num_or_null("parent_id", p.parent_id);
  w.key("author").begin_object();
  w.num("user_id", p.author_id);
  w.str("name", p.author_name);
  w.str("facility_name", p.author_facility);
  w.end_object();
  w.str("body", p.body);
  if (p.tag_id) {
    w.key("tag").begin_object();
    w.num("id", *p.tag_id);
    w.str("name", p.tag_name);
    w.end_object();
  } else {
    w.null("tag");
  }
  w.flag("important", p.important);
  w.flag("restricted", p.restricted);
  w.key("audience").begin_array();
  for (auto id : p.audience) w.number(id);
  w.end_array();
  w.num("version", p.version);
  w.time("created_at", p.created_at);
  w.time_or_null("edited_at", p.edited_at);
  w.time_or_null("deleted_at", p.deleted_at);
  w.str("delete_reason", p.delete_reason);
  w.num("acknowledgements", p.acknowledgements);
  w.flag("acknowledged_by_me", p.acknowledged_by_me);
  w.flag("read_by_me", p.read_by_me);
  w.flag("has_poll", p.has_poll);
  if (p.request) {
    w.key("request");
    write_request(w, *p.request, now);
  } else {
    w.null("request");
  }
  w.key("attachments").begin_array();
  for (const auto& a : p.attachments) write_attachment(w, a);
  w.end_array();
  w.key("replies").begin_array();
  for (const auto& r : p.replies) write_post(w, r, now);
  w.end_array();
  w.end_object();
}

json to_json(const board::Attachment& a) {
  codec::JsonWriter w(512);
  write_attachment(w, a);
  return json::parse(w.take());
}

std::string post_text(const board::Post& p, UnixSeconds now) {
  codec::JsonWriter w(2048);
  write_post(w, p, now);
  return w.take();
}

json to_json(const board::Post& p, UnixSeconds now) {
  return json::parse(post_text(p, now));
}

void write_board(codec::JsonWriter& w, const board::Board& t) {
  w.begin_object();
  w.num("id", t.id);
  w.str("kind", board::board_kind_code(t.kind));
  w.str("name", t.name);
  if (t.kind == board::BoardKind::care) {
    w.key("person").begin_object();
    w.num("id", t.person_id);
    w.str("name", t.person_name);
    w.str("name_kana", t.person_name_kana);
    w.end_object();
  } else {
    w.null("person");
  }
  w.end_object();
}

json board_json(const board::Board& t) {
  codec::JsonWriter w(256);
  write_board(w, t);
  return json::parse(w.take());
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
      {"joined_at", format_iso8601(m.joined_at)},
      {"via_facility", m.via_facility_id
                           ? json{{"id", *m.via_facility_id}, {"name", m.via_facility_name}}
                           : json(nullptr)},
      {"request_only", m.request_only}};
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

json to_json(const board::BoardView& v, const std::string& mail_domain) {
  const bool care = v.board.kind == board::BoardKind::care;
  const bool has_address = v.board.kind == board::BoardKind::group && v.me &&
                           !mail_domain.empty() && !v.board.mail_key.empty();
  return {{"mail_address",
           has_address ? json("group-" + v.board.mail_key + "@" + mail_domain) : json(nullptr)},
          {"id", v.board.id},
          {"kind", board::board_kind_code(v.board.kind)},
          {"name", v.board.name},
          {"description", v.board.description},
          {"open", v.board.open},
          {"hidden", v.board.hidden},
          {"person", care ? http::to_json(v.person) : json(nullptr)},
          {"members", members_json(v.members)},
          {"me", v.me ? me_json(*v.me) : json(nullptr)},
          {"record", v.record ? record_badges_json(*v.record) : json(nullptr)},
          {"created_at", format_iso8601(v.board.created_at)}};
}

json to_json(const board::BoardSummary& t) {
  auto out = board_json(t.board);
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
std::optional<UnixSeconds> deadline_jst(const std::string& text, const char* field,
                                        const char* message) {
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
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください", {{field, message}});
  }
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  tm.tm_hour = hour;
  tm.tm_min = minute;
  return static_cast<UnixSeconds>(timegm(&tm)) - UnixSeconds{9} * 3600;
}

json tag_json(const board::Tag& t) {
  return {{"id", t.id}, {"name", t.name}, {"sort_order", t.sort_order}, {"retired", t.retired}};
}

json group_summary_json(const board::GroupSummary& g) {
  return {{"id", g.group.id},
          {"name", g.group.name},
          {"description", g.group.description},
          {"open", g.group.open},
          {"hidden", g.group.hidden},
          {"member_count", g.member_count},
          {"member", g.member},
          {"i_am_admin", g.i_am_admin},
          {"join_requested", g.join_requested},
          {"unread", g.unread},
          {"last_post_at", optional_time(g.last_post_at)},
          {"muted", g.muted}};
}

void write_counts(codec::JsonWriter& w, const board::InboxCounts& c) {
  w.begin_object();
  w.num("requests", c.requests);
  w.num("overdue", c.overdue);
  w.num("important", c.important);
  w.num("replies", c.replies);
  w.num("unread", c.unread);
  w.num("polls", c.polls);
  w.num("needs_me", c.requests + c.polls + c.important + c.replies);
  w.end_object();
}

json to_json(const board::InboxCounts& c) {
  codec::JsonWriter w(256);
  write_counts(w, c);
  return json::parse(w.take());
}

}  // namespace musubi::http
