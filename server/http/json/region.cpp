#include "http/json/region.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

std::string_view facility_kind_label(region::FacilityKind kind) {
  for (const auto& k : region::facility_kinds()) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

}  // namespace

json to_json(const region::Region& r) {
  return {{"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"password_policy",
           {{"min_length", r.password_policy.min_length},
            {"require_letter_and_digit", r.password_policy.require_letter_and_digit}}},
          {"max_upload_bytes", r.max_upload_bytes},
          {"certificate_required", r.certificate_required},
          {"max_devices_per_user", r.max_devices_per_user},
          {"device_validity_days", r.device_validity_days},
          {"totp_roles", codes_of(r.totp_roles)},
          {"session_idle_timeout_seconds", r.session_idle_timeout_seconds},
          {"session_absolute_timeout_seconds", r.session_absolute_timeout_seconds},
          {"ems_idle_timeout_seconds", r.ems_idle_timeout_seconds},
          {"consent_required_for", r.consent_required_for},
          {"contact_access", region::contact_access_code(r.contact_access)}};
}

json to_json(const region::Facility& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"name_kana", f.name_kana},
          {"kind", region::facility_kind_code(f.kind)},
          {"kind_label", facility_kind_label(f.kind)},
          {"postal_code", f.postal_code},
          {"address", f.address},
          {"phone", f.phone},
          {"contact_user_id", optional_value(f.contact_user_id)},
          {"contact_user_name", f.contact_user_name},
          {"active", f.active},
          {"user_count", f.user_count},
          {"updated_at", format_iso8601(f.updated_at)}};
}

json to_json(const region::User& u) {
  json roles = json::array();
  for (auto r : u.roles.list()) roles.push_back(access::role_code(r));
  return {{"id", u.id},
          {"login_id", u.login_id},
          {"name", u.name},
          {"name_kana", u.name_kana},
          {"facility_id", optional_value(u.facility_id)},
          {"facility_name", u.facility_name},
          {"profession_id", optional_value(u.profession_id)},
          {"profession_name", u.profession_name},
          {"email", u.email},
          {"phone", u.phone},
          {"roles", roles},
          {"active", u.active},
          {"must_change_password", u.must_change_password},
          {"last_login_at", optional_time(u.last_login_at)},
          {"updated_at", format_iso8601(u.updated_at)}};
}

json to_json(const region::Profession& p) {
  return {{"id", p.id}, {"name", p.name}, {"builtin", p.builtin}};
}

json created_user_json(const region::CreatedUser& created) {
  auto out = to_json(created.user);
  out["temporary_password"] = created.temporary_password;
  return out;
}

}  // namespace musubi::http
