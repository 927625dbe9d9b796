// Disaster mode (災害対応, C8): the register on a person, the disasters, the one-tap safety
// status and the city's picture. Who sees what is decided in disaster/ from the actor.
#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <iterator>

#include "codec/geojson.hpp"
#include "disaster/disaster_service.hpp"
#include "disaster/overlay_service.hpp"
#include "disaster/register_service.hpp"
#include "files/media.hpp"
#include "http/app.hpp"
#include "http/compression.hpp"
#include "http/json/disaster.hpp"
#include "http/json_body.hpp"
#include "pdf/safety_list_pdf.hpp"

namespace musubi::http {

using access::Role;
using access::RoleSet;
using disaster::DisasterId;
using nlohmann::json;

namespace {

disaster::RegisterService& register_of(Services& s) {
  if (!s.disaster_register) throw Error(ErrorCode::not_found);
  return *s.disaster_register;
}

disaster::DisasterService& disasters_of(Services& s) {
  if (!s.disasters) throw Error(ErrorCode::not_found);
  return *s.disasters;
}

Response get_codes(Services&, Context&) {
  return json_response(200, disaster_codes_json().dump());
}

Response get_map_config(Services& s, Context&) {
  return json_response(200, s.map_config);
}

Response get_areas(Services& s, Context& c) {
  json items = json::array();
  for (const auto& a : register_of(s).areas(c.actor())) items.push_back(to_json(a));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_area(Services& s, Context& c) {
  JsonBody body(c.request);
  auto name = body.string("name");
  body.finish();
  return json_response(201, to_json(register_of(s).add_area(c.actor(), name)).dump());
}

json needs_json(const std::optional<disaster::SupportNeeds>& needs) {
  return needs ? to_json(*needs) : json{{"registered", false}};
}

Response get_support_needs(Services& s, Context& c) {
  auto needs = register_of(s).support_needs(c.actor(), c.id<PersonId>("id"));
  return json_response(200, needs_json(needs).dump());
}

Response put_support_needs(Services& s, Context& c) {
  JsonBody body(c.request);
  disaster::SupportNeedsInput in{.registered = body.boolean("registered", true)};
  in.reasons = body.strings("reasons");
  in.priority = body.integer("priority");
  in.latitude = body.number("latitude");
  in.longitude = body.number("longitude");
  in.area_id = body.id<disaster::AreaId>("area_id");
  in.note = body.string("note");
  body.finish();
  auto needs = register_of(s).put_support_needs(c.actor(), c.id<PersonId>("id"), in);
  return json_response(200, needs_json(needs).dump());
}

// 避難行動要支援者名簿: CSV in the body (UTF-8, BOM allowed); `?dry_run=1` only checks.
Response post_register_import(Services& s, Context& c) {
  const bool dry_run = c.request.query_param("dry_run").value_or("") == "1";
  auto result = register_of(s).import(c.actor(), c.request.body, dry_run);
  json errors = json::array();
  for (const auto& e : result.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  const int status = !result.errors.empty() ? 422 : result.imported && !dry_run ? 201 : 200;
  return json_response(status, json{{"imported", result.imported && !dry_run},
                                    {"dry_run", dry_run},
                                    {"matched", result.matched},
                                    {"created", result.created},
                                    {"areas_created", result.areas_created},
                                    {"errors", errors}}
                                   .dump());
}

Response get_disasters(Services& s, Context& c) {
  json items = json::array();
  for (const auto& d : disasters_of(s).list(c.actor())) items.push_back(to_json(d));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_disaster(Services& s, Context& c) {
  JsonBody body(c.request);
  disaster::OpenInput in{.name = body.string("name"),
                         .kind = body.string("kind"),
                         .drill = body.boolean("drill", false),
                         .area_ids = body.ids<disaster::AreaId>("area_ids")};
  body.finish();
  auto [d, told] = disasters_of(s).open(c.actor(), in);
  auto out = to_json(d);
  out["teams_told"] = told;
  return json_response(201, out.dump());
}

Response get_disaster(Services& s, Context& c) {
  return json_response(200,
                       to_json(disasters_of(s).find(c.actor(), c.id<DisasterId>("id"))).dump());
}

Response post_close(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       to_json(disasters_of(s).close(c.actor(), c.id<DisasterId>("id"))).dump());
}

Response get_mine(Services& s, Context& c) {
  std::int64_t version = 0;
  auto items = disasters_of(s).mine(c.actor(), c.id<DisasterId>("id"), version);
  return compressed_json_response(c.request, 200, entries_json(items, version, std::nullopt));
}

Response post_status(Services& s, Context& c) {
  JsonBody body(c.request);
  disaster::StatusInput in{
      .person_id = PersonId{body.required_id("person_id", "対象者を指定してください")},
      .status = body.string("status"),
      .note = body.string("note"),
      .client_key = body.string("client_key"),
      .observed_at = body.string("observed_at")};
  body.finish();
  auto receipt = disasters_of(s).report(c.actor(), c.id<DisasterId>("id"), in);
  return json_response(
      receipt.replayed ? 200 : 201,
      json{{"report", to_json(receipt.report)}, {"replayed", receipt.replayed}}.dump());
}

Response get_person(Services& s, Context& c) {
  auto [entry, history] =
      disasters_of(s).person(c.actor(), c.id<DisasterId>("id"), c.id<PersonId>("person_id"));
  codec::JsonWriter w;
  write_entry(w, entry);
  json reports = json::array();
  for (const auto& r : history) reports.push_back(to_json(r));
  return json_response(200, "{\"entry\":" + w.take() + ",\"history\":" + reports.dump() + "}");
}

Response get_summary(Services& s, Context& c) {
  return json_response(200,
                       to_json(disasters_of(s).summary(c.actor(), c.id<DisasterId>("id"))).dump());
}

Response get_map(Services& s, Context& c) {
  std::optional<std::int64_t> since;
  if (auto v = c.request.query_param("since"); v && !v->empty()) {
    std::int64_t n = -1;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < 0) {
      throw Error(ErrorCode::invalid_input, "since は 0 以上の整数です",
                  {{"since", "since は 0 以上の整数です"}});
    }
    since = n;
  }
  if (c.request.query_param("format").value_or("") == "points") {
    auto points = disasters_of(s).map_points(c.actor(), c.id<DisasterId>("id"), since);
    return compressed_json_response(c.request, 200, map_points_json(points));
  }
  auto data = disasters_of(s).map(c.actor(), c.id<DisasterId>("id"), since);
  return compressed_json_response(c.request, 200,
                                  entries_json(data.items, data.version, data.full));
}

// 印刷: the list as a PDF, `?area_id=&status=` to narrow it.
Response get_list_pdf(Services& s, Context& c) {
  std::optional<disaster::Status> status;
  if (auto code = c.request.query_param("status"); code && !code->empty()) {
    status = disaster::status_from_code(*code);
    if (!status) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"status", "安否の状態が正しくありません"}});
    }
  }
  auto list = disasters_of(s).print_list(c.actor(), c.id<DisasterId>("id"),
                                         query_id<disaster::AreaId>(c.request, "area_id"), status);
  Response r;
  r.body = pdf::render_safety_list(list);
  r.content_type = "application/pdf";
  r.set_header("Content-Disposition",
               files::content_disposition(true, "安否確認リスト_" + list.disaster.name + ".pdf"));
  // The browser's PDF viewer may show it in a frame of this site; nothing else loads.
  r.set_header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
  return r;
}

Response put_label(Services& s, Context& c) {
  JsonBody body(c.request);
  auto label = body.string("label");
  body.finish();
  auto entry = disasters_of(s).set_label(c.actor(), c.id<DisasterId>("id"),
                                         c.id<PersonId>("person_id"), label);
  codec::JsonWriter w;
  write_entry(w, entry);
  return json_response(200, w.take());
}

// 停電情報連携: a gateway's overlay, its token as a bearer token (no session, not for browsers).
Response post_overlay(Services& s, Context& c) {
  if (!s.overlays) throw Error(ErrorCode::not_found);
  const auto token = bearer_token(c.request);
  JsonBody body(c.request);
  disaster::OverlayInput in{.event_id = body.string("event_id"),
                            .kind = body.string("kind"),
                            .name = body.string("name")};
  const auto& geojson = body.value("geojson");
  body.finish();
  Validator v;
  auto parsed = codec::parse_overlay_geojson(geojson, v);
  if (!v.ok()) s.overlays->refuse_input(token, v.errors(), origin_of(c.request));
  in.geojson = std::move(parsed.geojson);
  in.shape = std::move(parsed.shape);
  in.features = parsed.features;
  auto receipt = s.overlays->receive(token, in, origin_of(c.request));
  const auto& o = receipt.overlay;
  return json_response(receipt.replayed ? 200 : 201, json{{"id", o.id},
                                                          {"event_id", o.event_id},
                                                          {"name", o.name},
                                                          {"version", o.version},
                                                          {"features", o.features},
                                                          {"persons_inside", o.persons_inside},
                                                          {"power_persons", o.power_persons},
                                                          {"teams_told", receipt.teams_told},
                                                          {"replayed", receipt.replayed}}
                                                         .dump());
}

Response get_overlays(Services& s, Context& c) {
  if (!s.overlays) throw Error(ErrorCode::not_found);
  return compressed_json_response(c.request, 200, overlays_json(s.overlays->list(c.actor())));
}

bool digits_only(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max && s.find_first_not_of("0123456789") == s.npos;
}

// A map tile from disaster.tile_directory, for a closed network: {layer}/{z}/{x}/{y}.png|.jpg.
// Every segment is checked before it names a file: nothing outside the directory is reachable.
Response get_tile(Services& s, Context& c) {
  if (s.tile_directory.empty()) throw Error(ErrorCode::not_found);
  const auto layer = c.param("layer");
  const auto file = c.param("file");
  const bool layer_ok =
      !layer.empty() && layer.size() <= 32 &&
      layer.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  const auto dot = file.rfind('.');
  const auto extension = dot == std::string::npos ? std::string() : file.substr(dot);
  if (!layer_ok || !digits_only(c.param("z"), 2) || !digits_only(c.param("x"), 8) ||
      dot == std::string::npos || !digits_only(std::string_view(file).substr(0, dot), 8) ||
      (extension != ".png" && extension != ".jpg")) {
    throw Error(ErrorCode::not_found);
  }
  std::ifstream in(
      s.tile_directory + "/" + layer + "/" + c.param("z") + "/" + c.param("x") + "/" + file,
      std::ios::binary);
  if (!in) throw Error(ErrorCode::not_found, "地図の画像がありません");
  Response r;
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  r.content_type = extension == ".png" ? "image/png" : "image/jpeg";
  r.set_header("Cache-Control", "private, max-age=86400");
  return r;
}

}  // namespace

void add_disaster_routes(Router& router, Services& s) {
  const auto anyone = Access::signed_in();
  const auto city = Access::any_of(RoleSet{Role::region_admin, Role::disaster_coordinator});
  const auto teams_or_city =
      Access::any_of(RoleSet{Role::professional, Role::region_admin, Role::disaster_coordinator});
  router.add("GET", "/api/v1/disaster/codes", anyone, bind(s, get_codes));
  router.add("GET", "/api/v1/disaster/map-config", anyone, bind(s, get_map_config));
  router.add("GET", "/api/v1/disaster/areas", teams_or_city, bind(s, get_areas));
  router.add("POST", "/api/v1/disaster/areas", city, bind(s, post_area));
  router.add("POST", "/api/v1/disaster/register/import", city, bind(s, post_register_import),
             {.lane = Lane::heavy});
  router.add("GET", "/api/v1/persons/{id}/support-needs", teams_or_city,
             bind(s, get_support_needs));
  router.add("PUT", "/api/v1/persons/{id}/support-needs", teams_or_city,
             bind(s, put_support_needs));
  router.add("GET", "/api/v1/disasters", anyone, bind(s, get_disasters));
  router.add("POST", "/api/v1/disasters", Access::any_of(RoleSet{Role::region_admin}),
             bind(s, post_disaster), {.lane = Lane::heavy});
  router.add("GET", "/api/v1/disasters/{id}", anyone, bind(s, get_disaster));
  router.add("POST", "/api/v1/disasters/{id}/close", Access::any_of(RoleSet{Role::region_admin}),
             bind(s, post_close));
  router.add("GET", "/api/v1/disasters/{id}/mine", Access::any_of(RoleSet{Role::professional}),
             bind(s, get_mine));
  router.add("POST", "/api/v1/disasters/{id}/statuses", Access::any_of(RoleSet{Role::professional}),
             bind(s, post_status));
  router.add("GET", "/api/v1/disasters/{id}/persons/{person_id}", teams_or_city,
             bind(s, get_person));
  router.add("GET", "/api/v1/disasters/{id}/summary", city, bind(s, get_summary));
  router.add("GET", "/api/v1/disasters/{id}/map", city, bind(s, get_map));
  router.add("PUT", "/api/v1/disasters/{id}/persons/{person_id}/label", city, bind(s, put_label));
  router.add("GET", "/api/v1/disasters/{id}/list.pdf", city, bind(s, get_list_pdf),
             {.lane = Lane::heavy});
  router.add("GET", "/tiles/{layer}/{z}/{x}/{file}", anyone, bind(s, get_tile));
  router.add("GET", "/api/v1/disaster/overlays", city, bind(s, get_overlays));
  // No session, so no CSRF token: the bearer token is the credential (a browser never has it).
  router.add("POST", "/api/v1/gateway/overlays", Access::everyone(), bind(s, post_overlay),
             {.csrf_exempt = true, .lane = Lane::heavy});
}

}  // namespace musubi::http
