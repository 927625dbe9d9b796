// A person's record for their care team: 患者サマリ with its versions, もしものとき (ACP), 同意書
// and 定型文書 with their PDF, and the vocabularies and form templates the screens are built from.
#include <nlohmann/json.hpp>

#include "codec/record_json.hpp"
#include "fhir/bundle.hpp"
#include "files/media.hpp"
#include "http/app.hpp"
#include "http/json/person.hpp"
#include "http/json_body.hpp"
#include "pdf/form_pdf.hpp"
#include "person/person_service.hpp"
#include "person/record_codes.hpp"
#include "person/record_service.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

std::int64_t required_version(JsonBody& body) {
  auto version = body.integer("version");
  if (!version) body.problems().add("version", "必須です");
  return version.value_or(0);
}

template <class T, class F>
T read_body(const Request& request, const char* field, F&& decode) {
  JsonBody body(request);
  T value = decode(body.value(field), body.problems());
  body.finish();
  return value;
}

Response get_record_vocabularies(Services&, Context&) {
  json out = json::object();
  for (const auto* v : person::all_vocabularies()) {
    json codes = json::array();
    for (const auto& c : v->codes) codes.push_back({{"code", c.code}, {"label", c.label}});
    out[std::string(v->name)] = {{"title", v->title}, {"codes", codes}};
  }
  return json_response(200, out.dump());
}

Response get_form_templates(Services&, Context&) {
  json items = json::array();
  for (const auto& t : person::form_templates()) items.push_back(template_json(t));
  return json_response(200, json{{"items", items}}.dump());
}

Response get_person_summary(Services& s, Context& c) {
  auto version = query_id(c.request, "version");
  return json_response(200, summary_json(s.records.summary(c.actor(), c.id("id"), version)).dump());
}

Response put_person_summary(Services& s, Context& c) {
  JsonBody body(c.request);
  auto version = body.integer("version");
  if (!version) body.problems().add("version", "必須です");
  auto summary = codec::summary_from_json(body.value("summary"), body.problems());
  body.finish();
  return json_response(
      200, summary_json(s.records.save_summary(c.actor(), c.id("id"), *version, summary)).dump());
}

Response get_person_summary_history(Services& s, Context& c) {
  json items = json::array();
  for (const auto& v : s.records.summary_history(c.actor(), c.id("id"))) {
    items.push_back(version_json(v));
  }
  return json_response(200, json{{"items", items}}.dump());
}

// A POST, not a GET: revealing is a deliberate act, and it is audited.
Response post_person_summary_insurance(Services& s, Context& c) {
  no_fields(c.request);
  return json_response(200,
                       codec::to_json(s.records.reveal_insurance(c.actor(), c.id("id"))).dump());
}

Response get_person_acp(Services& s, Context& c) {
  json items = json::array();
  for (const auto& e : s.records.acp(c.actor(), c.id("id"))) items.push_back(acp_json(e));
  return json_response(200, json{{"items", items}}.dump());
}

Response post_person_acp(Services& s, Context& c) {
  auto plan = read_body<person::AdvanceCarePlan>(c.request, "plan", codec::acp_from_json);
  return json_response(201, acp_json(s.records.add_acp(c.actor(), c.id("id"), plan)).dump());
}

Response get_person_consents(Services& s, Context& c) {
  auto o = s.records.consents(c.actor(), c.id("id"));
  json items = json::array();
  for (const auto& x : o.consents) items.push_back(consent_json(x));
  return json_response(
      200, json{{"state", person::consent_state_code(o.status.state)},
                {"current", o.status.current ? consent_json(*o.status.current) : json(nullptr)},
                {"required_for", o.required_for},
                {"items", items}}
               .dump());
}

Response post_person_consents(Services& s, Context& c) {
  JsonBody body(c.request);
  person::ConsentInput in;
  in.consenter = body.string("consenter");
  in.consenter_name = body.string("consenter_name");
  in.proxy_relation = body.string("proxy_relation");
  in.consented_on = body.string("consented_on");
  in.expires_on = body.string("expires_on");
  in.scope = codec::scope_from_json(body.value("scope"), body.problems());
  in.document_attachment_id = body.id("document_attachment_id");
  in.note = body.string("note");
  body.finish();
  return json_response(201, consent_json(s.records.add_consent(c.actor(), c.id("id"), in)).dump());
}

Response post_consent_withdraw(Services& s, Context& c) {
  JsonBody body(c.request);
  auto reason = body.string("reason");
  body.finish();
  return json_response(
      200, consent_json(s.records.withdraw_consent(c.actor(), c.id("id"), reason)).dump());
}

Response get_person_forms(Services& s, Context& c) {
  json items = json::array();
  for (const auto& f : s.records.forms(c.actor(), c.id("id"))) {
    items.push_back(form_json(f.form, false));
  }
  return json_response(200, json{{"items", items}}.dump());
}

Response post_person_forms(Services& s, Context& c) {
  JsonBody body(c.request);
  auto code = body.string("template");
  body.finish();
  return json_response(201,
                       form_json(s.records.create_form(c.actor(), c.id("id"), code), true).dump());
}

Response get_form(Services& s, Context& c) {
  return json_response(200, form_json(s.records.form(c.actor(), c.id("id")), true).dump());
}

Response put_form(Services& s, Context& c) {
  JsonBody body(c.request);
  auto version = required_version(body);
  auto values = codec::form_values_from_json(body.value("values"), body.problems());
  body.finish();
  return json_response(
      200, form_json(s.records.save_form(c.actor(), c.id("id"), version, values), true).dump());
}

Response post_form_finalize(Services& s, Context& c) {
  JsonBody body(c.request);
  auto version = required_version(body);
  body.finish();
  return json_response(
      200, form_json(s.records.finalize_form(c.actor(), c.id("id"), version), true).dump());
}

Response get_person_fhir(Services& s, Context& c) {
  auto record = s.records.export_record(c.actor(), c.id("id"));
  Response r;
  r.content_type = "application/fhir+json; charset=utf-8";
  r.body = fhir::to_bundle(record, s.clock.now()).dump(2);
  r.set_header("Content-Disposition",
               files::content_disposition(false, record.person.fields.name + "_FHIR.json"));
  return r;
}

// The body is the Bundle itself, as another system exported it.
Response post_fhir_import(Services& s, Context& c) {
  auto bundle = json::parse(c.request.body, nullptr, false);
  if (bundle.is_discarded()) {
    throw Error(ErrorCode::invalid_input, "FHIR のファイル（JSON）として読めません");
  }
  Validator problems;
  auto imported = fhir::from_bundle(bundle, problems);
  if (!problems.ok()) {
    throw Error(ErrorCode::invalid_input,
                "FHIR のファイルに問題があるため、何も取り込みませんでした", problems.errors());
  }
  person::PersonInput in{
      .name = imported.person.name,
      .name_kana = imported.person.name_kana,
      .birth_date = imported.person.birth_date,
      .sex = std::string(person::sex_code(imported.person.sex)),
      .postal_code = imported.person.postal_code,
      .address = imported.person.address,
      .phone = imported.person.phone,
      .different_person = c.request.query_param("different_person").value_or("") == "1"};
  person::Summary summary;
  summary.conditions = imported.conditions;
  summary.allergies = imported.allergies;
  auto p = s.persons.import_record(c.actor(), in, summary);
  return json_response(201, json{{"person", to_json(p)},
                                 {"conditions", imported.conditions.size()},
                                 {"allergies", imported.allergies.size()},
                                 {"skipped", imported.skipped}}
                                .dump());
}

Response get_form_pdf(Services& s, Context& c) {
  auto [form, person] = s.records.form_for_print(c.actor(), c.id("id"));
  Response r;
  r.content_type = "application/pdf";
  r.body = pdf::render_form(*person::find_template(form.template_code), form, person);
  const auto* t = person::find_template(form.template_code);
  r.set_header(
      "Content-Disposition",
      files::content_disposition(true, std::string(t->title) + "_" + person.fields.name + ".pdf"));
  // The browser's PDF viewer may show it in a frame of this site; nothing else loads.
  r.set_header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
  return r;
}

}  // namespace

void add_record_routes(Router& router, Services& s) {
  const auto signed_in = Access::signed_in();
  router.add("GET", "/api/v1/record-vocabularies", signed_in, bind(s, get_record_vocabularies));
  router.add("GET", "/api/v1/form-templates", signed_in, bind(s, get_form_templates));
  router.add("GET", "/api/v1/persons/{id}/summary", signed_in, bind(s, get_person_summary));
  router.add("PUT", "/api/v1/persons/{id}/summary", signed_in, bind(s, put_person_summary));
  router.add("GET", "/api/v1/persons/{id}/summary/history", signed_in,
             bind(s, get_person_summary_history));
  router.add("POST", "/api/v1/persons/{id}/summary/insurance", signed_in,
             bind(s, post_person_summary_insurance));
  router.add("GET", "/api/v1/persons/{id}/acp", signed_in, bind(s, get_person_acp));
  router.add("POST", "/api/v1/persons/{id}/acp", signed_in, bind(s, post_person_acp));
  router.add("GET", "/api/v1/persons/{id}/consents", signed_in, bind(s, get_person_consents));
  router.add("POST", "/api/v1/persons/{id}/consents", signed_in, bind(s, post_person_consents));
  router.add("POST", "/api/v1/consents/{id}/withdraw", signed_in, bind(s, post_consent_withdraw));
  router.add("GET", "/api/v1/persons/{id}/forms", signed_in, bind(s, get_person_forms));
  router.add("POST", "/api/v1/persons/{id}/forms", signed_in, bind(s, post_person_forms));
  router.add("GET", "/api/v1/forms/{id}", signed_in, bind(s, get_form));
  router.add("PUT", "/api/v1/forms/{id}", signed_in, bind(s, put_form));
  router.add("POST", "/api/v1/forms/{id}/finalize", signed_in, bind(s, post_form_finalize));
  router.add("GET", "/api/v1/persons/{id}/fhir", signed_in, bind(s, get_person_fhir),
             {.lane = Lane::heavy});
  router.add(
      "POST", "/api/v1/fhir/import",
      Access::any_of(access::RoleSet{access::Role::region_admin, access::Role::facility_admin}),
      bind(s, post_fhir_import), {.lane = Lane::heavy});
  router.add("GET", "/api/v1/forms/{id}/pdf", signed_in, bind(s, get_form_pdf),
             {.lane = Lane::heavy});
}

}  // namespace musubi::http
