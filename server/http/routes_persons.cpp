// Persons (支援対象者): list with kana search, read, create, edit.
#include <nlohmann/json.hpp>

#include "http/app.hpp"
#include "http/json/board.hpp"
#include "http/json/person.hpp"
#include "http/json_body.hpp"
#include "person/person_service.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using nlohmann::json;

namespace {

person::PersonInput person_input(JsonBody& body) {
  person::PersonInput in;
  in.name = body.string("name");
  in.name_kana = body.string("name_kana");
  in.birth_date = body.string("birth_date");
  in.sex = body.string("sex");
  in.postal_code = body.string("postal_code");
  in.address = body.string("address");
  in.phone = body.string("phone");
  return in;
}

Response get_persons(Services& s, Context& c) {
  auto cursor = c.request.query_param("cursor");
  if (cursor && cursor->empty()) cursor.reset();
  auto page = s.persons.list(c.actor(), c.request.query_param("q").value_or(""),
                             query_limit(c.request, 50), cursor);
  json items = json::array();
  for (const auto& p : page.persons) items.push_back(to_json(p));
  return json_response(
      200, json{{"items", items},
                {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json(nullptr)}}
               .dump());
}

Response get_person(Services& s, Context& c) {
  return json_response(200, to_json(s.persons.get(c.actor(), c.id("id"))).dump());
}

Response post_persons(Services& s, Context& c) {
  JsonBody body(c.request);
  auto in = person_input(body);
  in.different_person = body.boolean("different_person", false);
  body.finish();
  return json_response(201, to_json(s.persons.create(c.actor(), in)).dump());
}

Response put_person(Services& s, Context& c) {
  auto id = c.id("id");
  JsonBody body(c.request);
  auto in = person_input(body);
  auto version = body.integer("version");
  body.finish();
  if (!version) {
    throw Error(ErrorCode::invalid_input, "version がありません", {{"version", "必須です"}});
  }
  return json_response(200, to_json(s.persons.update(c.actor(), id, *version, in)).dump());
}

}  // namespace

void add_person_routes(Router& router, Services& s) {
  const auto managers = Access::any_of(RoleSet{Role::region_admin, Role::facility_admin});
  router.add("GET", "/api/v1/persons", managers, bind(s, get_persons));
  router.add("GET", "/api/v1/persons/{id}", managers, bind(s, get_person));
  router.add("POST", "/api/v1/persons", managers, bind(s, post_persons));
  router.add("PUT", "/api/v1/persons/{id}", managers, bind(s, put_person));
}

}  // namespace musubi::http
