#include "backends/sqlite/audit_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::audit;

namespace {

constexpr const char* kAuditSelect =
    "SELECT id, at, region_id, actor_user_id, actor_login, action, target_type, target_id, "
    "outcome, "
    "detail, ip, request_id, prev_hash, hash FROM audit_log ";

Entry read_entry(Statement& s) {
  Entry e;
  e.id = s.int64(0);
  e.at = s.int64(1);
  e.region_id = s.optional_int64(2);
  e.actor_user_id = s.optional_int64(3);
  e.actor_login = s.text(4);
  e.action = s.text(5);
  e.target_type = s.text(6);
  e.target_id = s.text(7);
  e.outcome = s.text(8);
  e.detail = s.text(9);
  e.ip = s.text(10);
  e.request_id = s.text(11);
  e.prev_hash = s.text(12);
  e.hash = s.text(13);
  return e;
}

}  // namespace

Id SqliteAuditStore::append(const Entry& e) {
  c_.prepare(
        "INSERT INTO audit_log (id, at, region_id, actor_user_id, actor_login, action, "
        "target_type, "
        "target_id, outcome, detail, ip, request_id, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
      .bind_all(e.id, e.at, e.region_id, e.actor_user_id, e.actor_login, e.action, e.target_type,
                e.target_id, e.outcome, e.detail, e.ip, e.request_id, e.prev_hash, e.hash)
      .run();
  return e.id;
}

std::optional<Entry> SqliteAuditStore::last() {
  auto s = c_.prepare(std::string(kAuditSelect) + "ORDER BY id DESC LIMIT 1");
  if (!s.step()) return std::nullopt;
  return read_entry(s);
}

std::optional<Entry> SqliteAuditStore::find(Id id) {
  auto s = c_.prepare(std::string(kAuditSelect) + "WHERE id = ?1");
  s.bind_all(id);
  if (!s.step()) return std::nullopt;
  return read_entry(s);
}

std::vector<Entry> SqliteAuditStore::search(const Query& q) {
  auto s = c_.prepare(std::string(kAuditSelect) +
                      "WHERE (region_id = ?1 OR region_id IS NULL) AND (?2 IS NULL OR at >= ?2) "
                      "AND (?3 IS NULL OR at < ?3) "
                      "AND (?4 = '' OR actor_login = ?4 COLLATE NOCASE) "
                      "AND (?5 = '' OR substr(action, 1, length(?5)) = ?5) "
                      "AND (?6 = '' OR target_type = ?6) AND (?7 = '' OR target_id = ?7) "
                      "AND (?8 IS NULL OR id < ?8) ORDER BY id DESC LIMIT ?9");
  s.bind_all(q.region_id, q.from, q.to, q.actor_login, q.action_prefix, q.target_type, q.target_id,
             q.before_id, q.limit);
  std::vector<Entry> out;
  while (s.step()) out.push_back(read_entry(s));
  return out;
}

void SqliteAuditStore::scan(const std::function<bool(const Entry&)>& visit) {
  auto s = c_.prepare(std::string(kAuditSelect) + "ORDER BY id");
  while (s.step()) {
    if (!visit(read_entry(s))) break;
  }
}

std::int64_t SqliteAuditStore::journal_sealed_through() {
  auto s = c_.prepare("SELECT sealed_through FROM audit_journal_state WHERE id = 1");
  return s.step() ? s.int64(0) : 0;
}

void SqliteAuditStore::set_journal_sealed_through(std::int64_t seq) {
  c_.prepare(
        "INSERT INTO audit_journal_state (id, sealed_through) VALUES (1, ?1) "
        "ON CONFLICT (id) DO UPDATE SET sealed_through = excluded.sealed_through")
      .bind_all(seq)
      .run();
}

}  // namespace musubi::backends::sqlite
