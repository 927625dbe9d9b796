#include <string>

#include "backends/sqlite/region_store.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::region;

std::string composite_search_key(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (auto part : parts) {
    if (!key.empty()) key += '|';
    key += text::search_key(part);
  }
  return key;
}

// Upper bound for a prefix range scan: every key that starts with `prefix` sorts below it.
std::string prefix_end(const std::string& prefix) {
  return prefix + "\xF4\x8F\xBF\xBF";
}

namespace {

Region read_region(Statement& s) {
  Region r;
  r.id = s.int64(0);
  r.code = s.text(1);
  r.name = s.text(2);
  r.password_policy.min_length = s.int64(3);
  r.password_policy.require_letter_and_digit = s.int64(4) != 0;
  r.created_at = s.int64(5);
  r.max_upload_bytes = s.int64(6);
  r.certificate_required = s.int64(7) != 0;
  r.max_devices_per_user = s.int64(8);
  r.device_validity_days = s.int64(9);
  r.totp_roles = RoleSet::from_codes(s.text(10)).value_or(RoleSet{});
  r.session_idle_timeout_seconds = s.int64(11);
  r.session_absolute_timeout_seconds = s.int64(12);
  const auto actions = s.text(13);
  for (std::size_t pos = 0; pos < actions.size();) {
    auto end = actions.find(',', pos);
    if (end == std::string::npos) end = actions.size();
    if (end > pos) r.consent_required_for.push_back(actions.substr(pos, end - pos));
    pos = end + 1;
  }
  r.contact_access =
      region::contact_access_from_code(s.text(14)).value_or(region::ContactAccess::record);
  r.ems_idle_timeout_seconds = s.int64(15);
  return r;
}

constexpr const char* kRegionColumns =
    "id, code, name, password_min_length, password_require_letter_and_digit, created_at, "
    "max_upload_bytes, certificate_required, max_devices_per_user, device_validity_days, "
    "totp_roles, session_idle_timeout_seconds, session_absolute_timeout_seconds, "
    "consent_required_for, contact_access, ems_idle_timeout_seconds";

}  // namespace

Id SqliteRegionStore::insert(const Region& r) {
  c_.prepare(
        "INSERT INTO regions (code, name, password_min_length, password_require_letter_and_digit, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(r.code, r.name, r.password_policy.min_length,
                r.password_policy.require_letter_and_digit, r.created_at)
      .run();
  return c_.last_insert_rowid();
}

std::optional<Region> SqliteRegionStore::find(Id id) {
  static const std::string sql =
      std::string("SELECT ") + kRegionColumns + " FROM regions WHERE id = ?1";
  auto s = c_.prepare(sql);
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_region(s);
}

std::optional<Region> SqliteRegionStore::find_by_code(const std::string& code) {
  auto s = c_.prepare(std::string("SELECT ") + kRegionColumns + " FROM regions WHERE code = ?1");
  s.bind_all(code);
  if (!s.step()) return std::nullopt;
  return read_region(s);
}

std::vector<Region> SqliteRegionStore::list() {
  auto s = c_.prepare(std::string("SELECT ") + kRegionColumns + " FROM regions ORDER BY id");
  std::vector<Region> out;
  while (s.step()) out.push_back(read_region(s));
  return out;
}

void SqliteRegionStore::update_consent_required_for(Id id,
                                                    const std::vector<std::string>& actions) {
  std::string codes;
  for (const auto& a : actions) codes += (codes.empty() ? "" : ",") + a;
  c_.prepare("UPDATE regions SET consent_required_for = ?2 WHERE id = ?1")
      .bind_all(id, codes)
      .run();
}

std::int64_t SqliteRegionStore::update_contact_access(Id id, region::ContactAccess access) {
  const bool request_only = access == region::ContactAccess::request;
  c_.prepare("UPDATE regions SET contact_access = ?2 WHERE id = ?1")
      .bind_all(id, std::string(region::contact_access_code(access)))
      .run();
  c_.prepare(
        "UPDATE board_members SET request_only = ?2 WHERE via_facility_id IS NOT NULL AND "
        "request_only != ?2 AND board_id IN (SELECT t.id FROM boards t WHERE t.region_id = "
        "?1)")
      .bind_all(id, request_only)
      .run();
  return c_.changes();
}

void SqliteRegionStore::update_certificate_required(Id id, bool required) {
  c_.prepare("UPDATE regions SET certificate_required = ?2 WHERE id = ?1")
      .bind_all(id, required)
      .run();
}

void SqliteRegionStore::update_device_policy(Id id, std::int64_t max_devices_per_user,
                                             std::int64_t device_validity_days,
                                             const RoleSet& totp_roles) {
  c_.prepare(
        "UPDATE regions SET max_devices_per_user = ?2, device_validity_days = ?3, totp_roles = ?4 "
        "WHERE id = ?1")
      .bind_all(id, max_devices_per_user, device_validity_days, totp_roles.to_codes())
      .run();
}

void SqliteRegionStore::update_session_policy(Id id, std::int64_t idle_seconds,
                                              std::int64_t absolute_seconds,
                                              std::int64_t ems_idle_seconds) {
  c_.prepare(
        "UPDATE regions SET session_idle_timeout_seconds = ?2, session_absolute_timeout_seconds = "
        "?3, ems_idle_timeout_seconds = ?4 WHERE id = ?1")
      .bind_all(id, idle_seconds, absolute_seconds, ems_idle_seconds)
      .run();
}

void SqliteRegionStore::update_max_upload_bytes(Id id, std::int64_t bytes) {
  c_.prepare("UPDATE regions SET max_upload_bytes = ?2 WHERE id = ?1").bind_all(id, bytes).run();
}

void SqliteRegionStore::update_password_policy(Id id, const PasswordPolicy& p) {
  c_.prepare(
        "UPDATE regions SET password_min_length = ?2, password_require_letter_and_digit = ?3 "
        "WHERE id = ?1")
      .bind_all(id, p.min_length, p.require_letter_and_digit)
      .run();
}

std::vector<Profession> SqliteRegionStore::professions(Id region_id) {
  auto s = c_.prepare("SELECT id, name, builtin FROM professions WHERE region_id = ?1 ORDER BY id");
  s.bind_all(region_id);
  std::vector<Profession> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.int64(2) != 0});
  return out;
}

Id SqliteRegionStore::insert_profession(Id region_id, const std::string& name, bool builtin) {
  c_.prepare("INSERT INTO professions (region_id, name, builtin) VALUES (?1, ?2, ?3)")
      .bind_all(region_id, name, builtin)
      .run();
  return c_.last_insert_rowid();
}

bool SqliteRegionStore::profession_exists(Id region_id, Id profession_id) {
  auto s = c_.prepare("SELECT 1 FROM professions WHERE region_id = ?1 AND id = ?2");
  s.bind_all(region_id, profession_id);
  return s.step();
}

bool SqliteRegionStore::profession_name_exists(Id region_id, const std::string& name) {
  auto s = c_.prepare("SELECT 1 FROM professions WHERE region_id = ?1 AND name = ?2");
  s.bind_all(region_id, name);
  return s.step();
}

// ---- facilities ----

}  // namespace musubi::backends::sqlite
