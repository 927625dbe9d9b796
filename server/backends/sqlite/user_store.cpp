#include "backends/sqlite/user_store.hpp"
#include "backends/sqlite/cursor.hpp"
#include "backends/sqlite/region_store.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::region;

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
