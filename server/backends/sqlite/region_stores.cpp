#include <string>

#include "backends/sqlite/cursor.hpp"
#include "backends/sqlite/facility_store.hpp"
#include "backends/sqlite/region_store.hpp"
#include "backends/sqlite/user_store.hpp"
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

namespace {

// Upper bound for a prefix range scan: every key that starts with `prefix` sorts below it.
std::string prefix_end(const std::string& prefix) {
  return prefix + "\xF4\x8F\xBF\xBF";
}

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
  return r;
}

constexpr const char* kRegionColumns =
    "id, code, name, password_min_length, password_require_letter_and_digit, created_at, "
    "max_upload_bytes, certificate_required, max_devices_per_user, device_validity_days, "
    "totp_roles, session_idle_timeout_seconds, session_absolute_timeout_seconds, "
    "consent_required_for, contact_access";

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
                                              std::int64_t absolute_seconds) {
  c_.prepare(
        "UPDATE regions SET session_idle_timeout_seconds = ?2, session_absolute_timeout_seconds = "
        "?3 WHERE id = ?1")
      .bind_all(id, idle_seconds, absolute_seconds)
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

namespace {

constexpr const char* kFacilitySelect =
    "SELECT f.id, f.region_id, f.name, f.name_kana, f.kind, f.postal_code, f.address, f.phone, "
    "f.contact_user_id, COALESCE(u.name, ''), f.active, f.created_at, f.updated_at, "
    "(SELECT COUNT(*) FROM users x WHERE x.facility_id = f.id AND x.active = 1) "
    "FROM facilities f LEFT JOIN users u ON u.id = f.contact_user_id ";

Facility read_facility(Statement& s) {
  Facility f;
  f.id = s.int64(0);
  f.region_id = s.int64(1);
  f.name = s.text(2);
  f.name_kana = s.text(3);
  f.kind = facility_kind_from_code(s.text(4)).value_or(FacilityKind::other);
  f.postal_code = s.text(5);
  f.address = s.text(6);
  f.phone = s.text(7);
  f.contact_user_id = s.optional_int64(8);
  f.contact_user_name = s.text(9);
  f.active = s.int64(10) != 0;
  f.created_at = s.int64(11);
  f.updated_at = s.int64(12);
  f.user_count = s.int64(13);
  return f;
}

}  // namespace

Id SqliteFacilityStore::insert(Id region_id, const FacilityPatch& f, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO facilities (region_id, name, name_kana, search_key, kind, postal_code, "
        "address, "
        "phone, contact_user_id, active, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)")
      .bind_all(region_id, f.name, f.name_kana, composite_search_key({f.name_kana, f.name}),
                facility_kind_code(f.kind), f.postal_code, f.address, f.phone, f.contact_user_id,
                f.active, now)
      .run();
  return c_.last_insert_rowid();
}

void SqliteFacilityStore::update(Id id, const FacilityPatch& f, UnixSeconds now) {
  c_.prepare(
        "UPDATE facilities SET name = ?2, name_kana = ?3, search_key = ?4, kind = ?5, "
        "postal_code = ?6, address = ?7, phone = ?8, contact_user_id = ?9, active = ?10, "
        "updated_at = ?11 WHERE id = ?1")
      .bind_all(id, f.name, f.name_kana, composite_search_key({f.name_kana, f.name}),
                facility_kind_code(f.kind), f.postal_code, f.address, f.phone, f.contact_user_id,
                f.active, now)
      .run();
}

std::optional<Facility> SqliteFacilityStore::find(Id region_id, Id id) {
  auto s = c_.prepare(std::string(kFacilitySelect) + "WHERE f.region_id = ?1 AND f.id = ?2");
  s.bind_all(region_id, id);
  if (!s.step()) return std::nullopt;
  return read_facility(s);
}

std::vector<Facility> SqliteFacilityStore::list(Id region_id, const FacilityQuery& q) {
  auto s = c_.prepare(std::string(kFacilitySelect) +
                      "WHERE f.region_id = ?1 AND (?2 = '' OR instr(f.search_key, ?2) > 0) "
                      "AND (?3 IS NULL OR f.kind = ?3) AND (?4 OR f.active = 1) "
                      "ORDER BY f.search_key, f.id LIMIT 2000");
  std::optional<std::string> kind;
  if (q.kind) kind = std::string(facility_kind_code(*q.kind));
  s.bind_all(region_id, q.search_key, kind, q.include_inactive);
  std::vector<Facility> out;
  while (s.step()) out.push_back(read_facility(s));
  return out;
}

bool SqliteFacilityStore::name_exists(Id region_id, const std::string& name,
                                      std::optional<Id> except) {
  auto s = c_.prepare(
      "SELECT 1 FROM facilities WHERE region_id = ?1 AND name = ?2 AND (?3 IS NULL OR id <> ?3)");
  s.bind_all(region_id, name, except);
  return s.step();
}

// ---- users ----

namespace {

constexpr const char* kUserSelect =
    "SELECT u.id, u.region_id, u.facility_id, COALESCE(f.name, ''), u.login_id, u.name, "
    "u.name_kana, "
    "u.profession_id, COALESCE(p.name, ''), u.email, u.phone, u.roles, u.active, "
    "u.must_change_password, u.created_at, u.updated_at, u.last_login_at, u.search_key "
    "FROM users u LEFT JOIN facilities f ON f.id = u.facility_id "
    "LEFT JOIN professions p ON p.id = u.profession_id ";

User read_user(Statement& s) {
  User u;
  u.id = s.int64(0);
  u.region_id = s.int64(1);
  u.facility_id = s.optional_int64(2);
  u.facility_name = s.text(3);
  u.login_id = s.text(4);
  u.name = s.text(5);
  u.name_kana = s.text(6);
  u.profession_id = s.optional_int64(7);
  u.profession_name = s.text(8);
  u.email = s.text(9);
  u.phone = s.text(10);
  u.roles = RoleSet::from_codes(s.text(11)).value_or(RoleSet{});
  u.active = s.int64(12) != 0;
  u.must_change_password = s.int64(13) != 0;
  u.created_at = s.int64(14);
  u.updated_at = s.int64(15);
  u.last_login_at = s.optional_int64(16);
  return u;
}

}  // namespace

Id SqliteUserStore::insert(Id region_id, const std::string& login_id, const UserPatch& u,
                           const std::string& password_hash, bool must_change_password,
                           UnixSeconds now) {
  c_.prepare(
        "INSERT INTO users (region_id, facility_id, login_id, name, name_kana, search_key, "
        "profession_id, email, phone, roles, password_hash, must_change_password, "
        "password_changed_at, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?13)")
      .bind_all(region_id, u.facility_id, login_id, u.name, u.name_kana,
                composite_search_key({u.name_kana, u.name, login_id}), u.profession_id, u.email,
                u.phone, u.roles.to_codes(), password_hash, must_change_password, now)
      .run();
  return c_.last_insert_rowid();
}

void SqliteUserStore::update(Id id, const UserPatch& u, UnixSeconds now) {
  c_.prepare(
        "UPDATE users SET facility_id = ?2, name = ?3, name_kana = ?4, "
        "search_key = ?5 || '|' || lower(login_id), profession_id = ?6, email = ?7, phone = ?8, "
        "roles = ?9, updated_at = ?10 WHERE id = ?1")
      .bind_all(id, u.facility_id, u.name, u.name_kana, composite_search_key({u.name_kana, u.name}),
                u.profession_id, u.email, u.phone, u.roles.to_codes(), now)
      .run();
}

void SqliteUserStore::set_active(Id id, bool active, UnixSeconds now) {
  c_.prepare("UPDATE users SET active = ?2, updated_at = ?3 WHERE id = ?1")
      .bind_all(id, active, now)
      .run();
}

std::optional<User> SqliteUserStore::find(Id region_id, Id id) {
  static const std::string sql = std::string(kUserSelect) + "WHERE u.region_id = ?1 AND u.id = ?2";
  auto s = c_.prepare(sql);
  s.bind_all(region_id, id);
  if (!s.step()) return std::nullopt;
  return read_user(s);
}

bool SqliteUserStore::login_id_exists(const std::string& login_id) {
  auto s = c_.prepare("SELECT 1 FROM users WHERE login_id = ?1");
  s.bind_all(login_id);
  return s.step();
}

UserPageResult SqliteUserStore::list(Id region_id, const UserQuery& q) {
  std::optional<std::string> after_key;
  std::optional<std::int64_t> after_id;
  if (q.after) {
    if (auto c = decode_cursor(*q.after)) {
      after_key = c->first;
      after_id = c->second;
    }
  }
  auto s = c_.prepare(
      std::string(kUserSelect) +
      "WHERE u.region_id = ?1 AND (?2 IS NULL OR u.facility_id = ?2) "
      "AND (?3 OR u.active = 1) "
      "AND (?4 = '' OR (u.search_key >= ?4 AND u.search_key < ?5) OR instr(u.search_key, ?4) > 0) "
      "AND (?6 IS NULL OR (u.search_key, u.id) > (?6, ?7)) "
      "ORDER BY u.search_key, u.id LIMIT ?8");
  s.bind_all(region_id, q.facility_id, q.include_inactive, q.search_key, prefix_end(q.search_key),
             after_key, after_id, q.limit + 1);
  UserPageResult result;
  std::string last_key;
  while (s.step()) {
    if (static_cast<std::int64_t>(result.users.size()) == q.limit) {
      result.next_cursor = encode_cursor(last_key, result.users.back().id);
      break;
    }
    last_key = s.text(17);
    result.users.push_back(read_user(s));
  }
  return result;
}

std::int64_t SqliteUserStore::count(Id region_id) {
  auto s = c_.prepare("SELECT COUNT(*) FROM users WHERE region_id = ?1 AND active = 1");
  s.bind_all(region_id);
  s.step();
  return s.int64(0);
}

}  // namespace musubi::backends::sqlite
