#include "backends/sqlite/person_store.hpp"
#include "backends/sqlite/cursor.hpp"
#include "backends/sqlite/region_store.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::person;

const char* const kPersonSelect =
    "SELECT id, region_id, registered_by_facility_id, name, name_kana, birth_date, sex, "
    "postal_code, "
    "address, phone, version, created_at, updated_at, search_key FROM persons ";

Person read_person(Statement& s) {
  Person p;
  p.id = s.int64(0);
  p.region_id = s.int64(1);
  p.registered_by_facility_id = s.optional_int64(2);
  p.fields.name = s.text(3);
  p.fields.name_kana = s.text(4);
  p.fields.birth_date = s.text(5);
  p.fields.sex = sex_from_code(s.text(6)).value_or(Sex::unknown);
  p.fields.postal_code = s.text(7);
  p.fields.address = s.text(8);
  p.fields.phone = s.text(9);
  p.version = s.int64(10);
  p.created_at = s.int64(11);
  p.updated_at = s.int64(12);
  return p;
}

Id SqlitePersonStore::insert(Id region_id, std::optional<Id> facility_id, const PersonFields& f,
                             UnixSeconds now) {
  c_.prepare(
        "INSERT INTO persons (region_id, registered_by_facility_id, name, name_kana, search_key, "
        "birth_date, sex, postal_code, address, phone, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)")
      .bind_all(region_id, facility_id, f.name, f.name_kana,
                composite_search_key({f.name_kana, f.name}), f.birth_date, sex_code(f.sex),
                f.postal_code, f.address, f.phone, now)
      .run();
  return c_.last_insert_rowid();
}

bool SqlitePersonStore::update(Id id, std::int64_t expected_version, const PersonFields& f,
                               UnixSeconds now) {
  c_.prepare(
        "UPDATE persons SET name = ?3, name_kana = ?4, search_key = ?5, birth_date = ?6, sex = ?7, "
        "postal_code = ?8, address = ?9, phone = ?10, updated_at = ?11, version = version + 1 "
        "WHERE id = ?1 AND version = ?2")
      .bind_all(id, expected_version, f.name, f.name_kana,
                composite_search_key({f.name_kana, f.name}), f.birth_date, sex_code(f.sex),
                f.postal_code, f.address, f.phone, now)
      .run();
  return c_.changes() == 1;
}

std::optional<Person> SqlitePersonStore::find(Id region_id, Id id) {
  auto s = c_.prepare(std::string(kPersonSelect) + "WHERE region_id = ?1 AND id = ?2");
  s.bind_all(region_id, id);
  if (!s.step()) return std::nullopt;
  return read_person(s);
}

std::vector<Person> SqlitePersonStore::find_exact(Id region_id, const std::string& name_kana,
                                                  const std::string& birth_date) {
  // The kana is the first part of search_key: "かな|名前", so an exact reading is a range.
  auto key = text::search_key(name_kana);
  std::vector<Person> out;
  if (key.empty()) return out;
  auto s = c_.prepare(std::string(kPersonSelect) +
                      "WHERE region_id = ?1 AND search_key >= ?2 AND search_key < ?3 AND "
                      "birth_date = ?4 ORDER BY id LIMIT 10");
  s.bind_all(region_id, key + "|", key + "}", birth_date);
  while (s.step()) out.push_back(read_person(s));
  return out;
}

PersonPageResult SqlitePersonStore::list(Id region_id, const PersonQuery& q) {
  std::optional<std::string> after_key;
  std::optional<std::int64_t> after_id;
  if (q.after) {
    if (auto c = decode_cursor(*q.after)) {
      after_key = c->first;
      after_id = c->second;
    }
  }
  // Without words: everyone in reading order. With words: the start of a reading or name (whole,
  // or the given name alone) as one range of person_name_keys; a person found by two of their
  // keys is shown once.
  auto s =
      q.search_key.empty()
          ? c_.prepare(std::string(kPersonSelect) +
                       "WHERE region_id = ?1 AND (?2 IS NULL OR registered_by_facility_id = ?2) "
                       "AND (?3 IS NULL OR (search_key, id) > (?3, ?4)) "
                       "ORDER BY search_key, id LIMIT ?5")
          : c_.prepare(
                "SELECT p.id, p.region_id, p.registered_by_facility_id, p.name, p.name_kana, "
                "p.birth_date, p.sex, p.postal_code, p.address, p.phone, p.version, p.created_at, "
                "p.updated_at, k.key FROM person_name_keys k JOIN persons p ON p.id = k.person_id "
                "WHERE k.region_id = ?1 AND (?2 IS NULL OR k.facility_id = ?2) "
                "AND k.key >= ?6 AND k.key < ?7 "
                "AND (?3 IS NULL OR (k.key, k.person_id) > (?3, ?4)) "
                "ORDER BY k.key, k.person_id LIMIT ?5");
  if (q.search_key.empty()) {
    s.bind_all(region_id, q.registered_by_facility_id, after_key, after_id, q.limit + 1);
  } else {
    s.bind_all(region_id, q.registered_by_facility_id, after_key, after_id, q.limit + 1,
               q.search_key, q.search_key + "\xF4\x8F\xBF\xBF");
  }
  PersonPageResult result;
  std::int64_t rows = 0;
  std::string last_key;
  Id last_id = 0;
  while (s.step()) {
    if (++rows > q.limit) {
      result.next_cursor = encode_cursor(last_key, last_id);
      break;
    }
    last_key = s.text(13);
    last_id = s.int64(0);
    auto p = read_person(s);
    bool shown = false;
    for (const auto& other : result.persons) shown = shown || other.id == p.id;
    if (!shown) result.persons.push_back(std::move(p));
  }
  return result;
}

std::int64_t SqlitePersonStore::count(Id region_id) {
  auto s = c_.prepare("SELECT COUNT(*) FROM persons WHERE region_id = ?1");
  s.bind_all(region_id);
  s.step();
  return s.int64(0);
}

std::optional<person::CareTeamPlace> SqlitePersonStore::care_team_place(Id region_id, Id person_id,
                                                                        Id user_id) {
  auto s = c_.prepare(
      "SELECT t.id, m.is_admin, m.request_only FROM boards t JOIN board_members m ON "
      "m.board_id = t.id AND m.user_id = ?3 WHERE t.region_id = ?1 AND t.person_id = ?2 AND "
      "t.kind = 'care'");
  s.bind_all(region_id, person_id, user_id);
  if (!s.step()) return std::nullopt;
  return person::CareTeamPlace{
      .board_id = s.int64(0), .is_admin = s.int64(1) != 0, .request_only = s.int64(2) != 0};
}

}  // namespace musubi::backends::sqlite
