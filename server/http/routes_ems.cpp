// The emergency lookup (救急情報連携): the fire department's door, and the only one its crews'
// accounts have besides their own account.
#include <nlohmann/json.hpp>

#include "ems/ems_service.hpp"
#include "http/app.hpp"
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

}  // namespace

void add_ems_routes(Router& router, Services& s) {
  const auto crews = Access::any_of(RoleSet{Role::ems});
  router.add("GET", "/api/v1/ems/reasons", crews, bind(s, get_ems_reasons));
  router.add("GET", "/api/v1/ems/search", crews, bind(s, get_ems_search));
  router.add("GET", "/api/v1/ems/persons/{id}", crews, bind(s, get_ems_person));
}

}  // namespace musubi::http
