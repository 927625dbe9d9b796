// The emergency lookup (救急情報連携): the fire department's door, and the only one its crews'
// accounts have besides their own account.
#include <nlohmann/json.hpp>

#include "ems/emergency_call_service.hpp"
#include "ems/ems_service.hpp"
#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/ems.hpp"
#include "http/json_body.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

std::string query(const Context& c, const char* name) {
  return c.request.query_param(name).value_or("");
}

// The reason and incident every lookup carries, checked with the rest of its input.
ems::LookupReason reason_of(const Context& c, Validator& v) {
  return ems::checked_reason(query(c, "reason"), query(c, "incident"), v);
}

ems::EmsService& service(Services& s) {
  if (!s.ems) throw Error(ErrorCode::not_found);
  return *s.ems;
}

Response get_ems_reasons(Services&, Context&) {
  return json_response(200, lookup_reasons_json().dump());
}

Response get_ems_search(Services& s, Context& c) {
  Validator v;
  auto reason = reason_of(c, v);
  v.throw_if_any();
  ems::SearchInput in{.name_kana = query(c, "name_kana"),
                      .name = query(c, "name"),
                      .birth_date = query(c, "birth_date"),
                      .phone = query(c, "phone"),
                      .address = query(c, "address"),
                      .sex = query(c, "sex")};
  return json_response(200, to_json(service(s).search(c.actor(), in, reason)).dump());
}

Response get_ems_person(Services& s, Context& c) {
  Validator v;
  auto reason = reason_of(c, v);
  v.throw_if_any();
  auto person_id = c.id<PersonId>("id");
  return json_response(200, to_json(service(s).view(c.actor(), person_id, reason)).dump());
}

// 活動内容を共有する: the reason and incident come in the body with the report.
Response post_ems_transport(Services& s, Context& c) {
  auto person_id = c.id<PersonId>("id");
  JsonBody body(c.request);
  auto reason =
      ems::checked_reason(body.string("reason"), body.string("incident"), body.problems());
  const auto occurred_at = body.string("occurred_at");
  ems::TransportInput in{.outcome = body.string("outcome"),
                         .hospital_id = body.id<FacilityId>("hospital_id"),
                         .hospital_name = body.string("hospital_name"),
                         .note = body.string("note")};
  body.finish();
  // The minute it happened, in Japan time: "YYYY-MM-DDTHH:MM".
  auto at = occurred_at.size() == 16
                ? deadline_jst(occurred_at, "occurred_at", "日時が正しくありません")
                : std::nullopt;
  if (!at) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"occurred_at", "日時を入力してください"}});
  }
  in.occurred_at = *at;
  auto t = service(s).report_transport(c.actor(), person_id, in, reason);
  return json_response(201, to_json(t).dump());
}

Response get_ems_hospitals(Services& s, Context& c) {
  json items = json::array();
  for (const auto& f : service(s).hospitals(c.actor())) {
    items.push_back({{"id", f.id}, {"name", f.name}, {"phone", f.phone}});
  }
  return json_response(200, json{{"items", items}}.dump());
}

// The care team's side: what the fire department did for its person (members only).
Response get_person_ems_activity(Services& s, Context& c) {
  auto person_id = c.id<PersonId>("id");
  return json_response(200, to_json(service(s).team_activity(c.actor(), person_id)).dump());
}

// The review's filter: days in Japan time (`to` inclusive) and paging by entry id.
ems::LookupQuery lookup_query(const Request& r) {
  ems::LookupQuery q{.from = query_jst_day(r, "from"), .to = query_jst_day(r, "to", 1)};
  if (auto before = query_id(r, "before")) q.before_id = *before;
  return q;
}

Response get_ems_lookups(Services& s, Context& c) {
  auto q = lookup_query(c.request);
  q.limit = std::min<std::int64_t>(query_limit(c.request, 100), 500);
  auto records = service(s).lookups(c.actor(), q);
  json items = json::array();
  for (const auto& r : records) items.push_back(to_json(r));
  json next =
      records.size() == static_cast<std::size_t>(q.limit) ? json(records.back().id) : json(nullptr);
  return json_response(200, json{{"items", items}, {"next_before", next}}.dump());
}

Response get_ems_lookups_csv(Services& s, Context& c) {
  auto q = lookup_query(c.request);
  q.limit = 10000;
  Response r;
  r.body = ems::lookups_csv(service(s).lookups(c.actor(), q));
  r.content_type = "text/csv; charset=utf-8";
  r.set_header("Content-Disposition", "attachment; filename=\"musubi-ems-lookups.csv\"");
  return r;
}

json card_json(const ems::PersonCard& card) {
  return {{"number", card.number},
          {"path", "/ems/card/" + card.token},
          {"issued_at", format_iso8601(card.issued_at)},
          {"issued_by_name", card.issued_by_name}};
}

Response get_person_card(Services& s, Context& c) {
  auto card = service(s).card(c.actor(), c.id<PersonId>("id"));
  if (!card) throw Error(ErrorCode::not_found, "情報カードはまだ発行されていません");
  return json_response(200, card_json(*card).dump());
}

Response post_person_card(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(201,
                       card_json(service(s).issue_card(c.actor(), c.id<PersonId>("id"))).dump());
}

Response get_ems_card(Services& s, Context& c) {
  Validator v;
  auto reason = reason_of(c, v);
  v.throw_if_any();
  const auto token = c.param("token");
  return json_response(200, to_json(service(s).view_by_card(c.actor(), token, reason)).dump());
}

// 緊急通報システム連携: the alarm centre's event, with its gateway's token as a bearer token.
// Not for browsers: no session.
Response post_emergency_call(Services& s, Context& c) {
  if (!s.emergency_calls) throw Error(ErrorCode::not_found);
  const auto token = bearer_token(c.request);
  JsonBody body(c.request);
  ems::CallInput in{.event_id = body.string("event_id"),
                    .person_id = body.integer("person_id"),
                    .kind = body.string("kind"),
                    .occurred_at = body.string("occurred_at"),
                    .note = body.string("note")};
  body.finish();
  auto receipt = s.emergency_calls->receive(token, in, origin_of(c.request));
  const auto& call = receipt.call;
  return json_response(receipt.replayed ? 200 : 201,
                       json{{"id", call.id},
                            {"event_id", call.event_id},
                            {"person_id", call.person_id},
                            {"kind", ems::call_kind_code(call.kind)},
                            {"post_id", call.post_id ? json(*call.post_id) : json(nullptr)},
                            {"replayed", receipt.replayed}}
                           .dump());
}

}  // namespace

void add_ems_routes(Router& router, Services& s) {
  const auto crews = Access::any_of(RoleSet{Role::ems});
  router.add("GET", "/api/v1/ems/reasons", crews, bind(s, get_ems_reasons));
  router.add("GET", "/api/v1/ems/search", crews, bind(s, get_ems_search));
  router.add("GET", "/api/v1/ems/persons/{id}", crews, bind(s, get_ems_person));
  router.add("POST", "/api/v1/ems/persons/{id}/transports", crews, bind(s, post_ems_transport));
  router.add("GET", "/api/v1/ems/hospitals", crews, bind(s, get_ems_hospitals));
  router.add("GET", "/api/v1/ems/cards/{token}", crews, bind(s, get_ems_card));
  const auto professionals = Access::any_of(RoleSet{Role::professional});
  router.add("GET", "/api/v1/persons/{id}/card", professionals, bind(s, get_person_card));
  router.add("POST", "/api/v1/persons/{id}/card", professionals, bind(s, post_person_card));
  // No session, so no CSRF token: the bearer token is the credential (a browser never has it).
  router.add("POST", "/api/v1/gateway/emergency-calls", Access::everyone(),
             bind(s, post_emergency_call), {.csrf_exempt = true});
  const auto region_admin = Access::any_of(RoleSet{Role::region_admin});
  router.add("GET", "/api/v1/ems/lookups", region_admin, bind(s, get_ems_lookups));
  router.add("GET", "/api/v1/ems/lookups.csv", region_admin, bind(s, get_ems_lookups_csv),
             {.lane = Lane::heavy});
  router.add("GET", "/api/v1/persons/{id}/ems-activity", professionals,
             bind(s, get_person_ems_activity));
}

}  // namespace musubi::http
