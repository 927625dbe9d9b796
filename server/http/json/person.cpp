#include "http/json/person.hpp"

#include "codec/record_json.hpp"

namespace musubi::http {

using nlohmann::json;

json to_json(const person::Person& p) {
  return {{"id", p.id},
          {"name", p.fields.name},
          {"name_kana", p.fields.name_kana},
          {"birth_date", p.fields.birth_date},
          {"sex", person::sex_code(p.fields.sex)},
          {"postal_code", p.fields.postal_code},
          {"address", p.fields.address},
          {"phone", p.fields.phone},
          {"version", p.version},
          {"registered_by_facility_id", optional_value(p.registered_by_facility_id)},
          {"created_at", format_iso8601(p.created_at)},
          {"updated_at", format_iso8601(p.updated_at)}};
}

json version_json(const person::SummaryVersion& v) {
  return {{"version", v.version},
          {"changes", v.changes},
          {"changed_by_name", v.changed_by_name},
          {"changed_at", v.version ? json(format_iso8601(v.changed_at)) : json(nullptr)}};
}

json summary_json(const person::SummaryView& view) {
  auto out = version_json(view.current);
  out["summary"] = codec::to_json(view.current.summary);
  out["has_insurance"] = view.has_insurance;
  return out;
}

json acp_json(const person::AcpEntry& e) {
  return {{"version", e.version},
          {"plan", codec::to_json(e.plan)},
          {"headline", person::headline(e.plan)},
          {"recorded_by_name", e.recorded_by_name},
          {"recorded_at", format_iso8601(e.recorded_at)}};
}

json consent_json(const person::Consent& c) {
  return {{"id", c.id},
          {"consenter", c.consenter},
          {"consenter_name", c.consenter_name},
          {"proxy_relation", c.proxy_relation},
          {"consented_on", c.consented_on},
          {"expires_on", c.expires_on.empty() ? json(nullptr) : json(c.expires_on)},
          {"scope", codec::to_json(c.scope)},
          {"document", c.document_attachment_id ? json{{"attachment_id", *c.document_attachment_id},
                                                       {"file_name", c.document_name}}
                                                : json(nullptr)},
          {"note", c.note},
          {"recorded_by_name", c.recorded_by_name},
          {"recorded_at", format_iso8601(c.recorded_at)},
          {"withdrawn_at", optional_time(c.withdrawn_at)},
          {"withdrawn_by_name", c.withdrawn_by_name},
          {"withdrawn_reason", c.withdrawn_reason}};
}

json form_json(const person::Form& f, bool with_values) {
  const auto* t = person::find_template(f.template_code);
  json out = {{"id", f.id},
              {"person_id", f.person_id},
              {"template", f.template_code},
              {"title", t ? std::string(t->title) : f.template_code},
              {"state", f.state},
              {"version", f.version},
              {"created_by_name", f.created_by_name},
              {"created_at", format_iso8601(f.created_at)},
              {"updated_by_name", f.updated_by_name},
              {"updated_at", format_iso8601(f.updated_at)},
              {"finalized_at", optional_time(f.finalized_at)},
              {"finalized_by_name", f.finalized_by_name}};
  if (with_values) out["values"] = codec::to_json(f.values);
  return out;
}

json template_json(const person::FormTemplate& t) {
  json sections = json::array();
  for (const auto& s : t.sections) {
    json fields = json::array();
    for (const auto& f : s.fields) {
      json options = json::array();
      for (auto o : f.options) options.push_back(std::string(o));
      fields.push_back({{"key", f.key},
                        {"label", f.label},
                        {"kind", person::field_kind_code(f.kind)},
                        {"options", options},
                        {"half", f.half}});
    }
    sections.push_back({{"title", s.title}, {"fields", fields}});
  }
  return {
      {"code", t.code}, {"title", t.title}, {"description", t.description}, {"sections", sections}};
}

}  // namespace musubi::http
