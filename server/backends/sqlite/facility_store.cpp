#include "backends/sqlite/facility_store.hpp"
#include "backends/sqlite/region_store.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::region;

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

}  // namespace musubi::backends::sqlite
