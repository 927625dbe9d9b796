#include "http/json/auth.hpp"

namespace musubi::http {

using nlohmann::json;

const char* second_factor_code(auth::SecondFactor f) {
  return f == auth::SecondFactor::totp ? "totp" : "certificate";
}

json to_json(const auth::Session& s, std::int64_t current_session_id) {
  return {{"id", s.id},
          {"created_at", format_iso8601(s.created_at)},
          {"last_seen_at", format_iso8601(s.last_seen_at)},
          {"ip", s.ip},
          {"user_agent", s.user_agent},
          {"current", s.id == current_session_id}};
}

json to_json(const auth::Device& d, UnixSeconds now) {
  return {{"id", d.id},
          {"user_id", d.user_id},
          {"name", d.name},
          {"serial", d.serial},
          {"fingerprint", d.fingerprint},
          {"issued_at", format_iso8601(d.issued_at)},
          {"expires_at", format_iso8601(d.expires_at)},
          {"revoked_at", d.revoked_at ? json(format_iso8601(*d.revoked_at)) : json(nullptr)},
          {"last_used_at", d.last_used_at ? json(format_iso8601(*d.last_used_at)) : json(nullptr)},
          {"last_ip", d.last_ip},
          {"downloaded", d.downloaded},
          {"usable", d.usable(now)}};
}

json to_json(const auth::Invitation& i, UnixSeconds now) {
  const char* state = i.used_at             ? "used"
                      : i.cancelled_at      ? "replaced"
                      : now >= i.expires_at ? "expired"
                                            : "open";
  return {{"id", i.id},
          {"user_id", i.user_id},
          {"sets_password", i.sets_password},
          {"second_factor", second_factor_code(i.second_factor)},
          {"device_name", i.device_name},
          {"created_at", format_iso8601(i.created_at)},
          {"expires_at", format_iso8601(i.expires_at)},
          {"used_at", i.used_at ? json(format_iso8601(*i.used_at)) : json(nullptr)},
          {"state", state},
          {"mail_status", i.mail_status},
          {"mail_error", i.mail_error}};
}

json status_json(const auth::SecondFactorStatus& st) {
  return {{"totp_allowed", st.totp_allowed},
          {"enrolled", st.enrolled},
          {"recovery_codes_left", st.recovery_codes_left}};
}

}  // namespace musubi::http
