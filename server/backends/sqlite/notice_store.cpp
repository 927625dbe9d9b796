// Region notices in SQLite: the audience is one predicate over users, used both to count it
// and to write the recipient rows of a notice in the same statement.
#include <nlohmann/json.hpp>

#include "backends/sqlite/notice_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::notice;

namespace {

// ?1 region, ?2 facility kind codes (JSON), ?3 profession ids (JSON), ?4 facility or NULL.
constexpr const char* kAudience =
    "FROM users u LEFT JOIN facilities f ON f.id = u.facility_id WHERE u.region_id = ?1 AND "
    "u.active = 1 AND (?2 = '[]' OR f.kind IN (SELECT value FROM json_each(?2))) AND "
    "(?3 = '[]' OR u.profession_id IN (SELECT value FROM json_each(?3))) AND "
    "(?4 IS NULL OR u.facility_id = ?4)";

std::string kinds_json(const Audience& a) {
  auto out = nlohmann::json::array();
  for (auto k : a.facility_kinds) out.push_back(std::string(region::facility_kind_code(k)));
  return out.dump();
}

Statement& bind_audience(Statement& s, Id region_id, const Audience& a) {
  return s.bind_all(region_id, kinds_json(a), nlohmann::json(a.profession_ids).dump(),
                    a.facility_id);
}

// Columns 0–13 of every notice read; 14–15 a recipient's state or 14–16 the counts.
constexpr const char* kNoticeColumns =
    "SELECT n.id, n.region_id, n.publisher_id, p.name, COALESCE(pf.name, ''), n.title, n.body, "
    "n.important, n.ack_requested, n.facility_kinds, n.profession_ids, n.facility_id, "
    "n.published_at, n.reminded_at";
constexpr const char* kNoticeFrom =
    " FROM notices n JOIN users p ON p.id = n.publisher_id LEFT JOIN facilities pf ON pf.id = "
    "p.facility_id";
constexpr const char* kCounts =
    ", (SELECT COUNT(*) FROM notice_recipients r WHERE r.notice_id = n.id), (SELECT "
    "COUNT(r.read_at) FROM notice_recipients r WHERE r.notice_id = n.id), (SELECT "
    "COUNT(r.acknowledged_at) FROM notice_recipients r WHERE r.notice_id = n.id)";

Notice read_notice(Statement& s) {
  Notice n;
  n.id = s.int64(0);
  n.region_id = s.int64(1);
  n.publisher_id = s.int64(2);
  n.publisher_name = s.text(3);
  n.publisher_facility = s.text(4);
  n.title = s.text(5);
  n.body = s.text(6);
  n.important = s.int64(7) != 0;
  n.ack_requested = s.int64(8) != 0;
  for (const auto& code : nlohmann::json::parse(s.text(9))) {
    if (auto k = region::facility_kind_from_code(code.get<std::string>())) {
      n.audience.facility_kinds.push_back(*k);
    }
  }
  n.audience.profession_ids = nlohmann::json::parse(s.text(10)).get<std::vector<Id>>();
  n.audience.facility_id = s.optional_int64(11);
  n.published_at = s.int64(12);
  n.reminded_at = s.optional_int64(13);
  return n;
}

Notice read_received(Statement& s) {
  auto n = read_notice(s);
  n.read_at = s.optional_int64(14);
  n.acknowledged_at = s.optional_int64(15);
  return n;
}

Notice read_with_counts(Statement& s) {
  auto n = read_notice(s);
  n.recipients = s.int64(14);
  n.read = s.int64(15);
  n.acknowledged = s.int64(16);
  return n;
}

}  // namespace

std::int64_t SqliteNoticeStore::count_audience(Id region_id, const Audience& audience) {
  auto s = c_.prepare(std::string("SELECT COUNT(*) ") + kAudience);
  bind_audience(s, region_id, audience);
  s.step();
  return s.int64(0);
}

Id SqliteNoticeStore::publish(const Notice& n, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO notices (region_id, publisher_id, title, body, important, ack_requested, "
        "facility_kinds, profession_ids, facility_id, published_at) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10)")
      .bind_all(n.region_id, n.publisher_id, n.title, n.body, n.important, n.ack_requested,
                kinds_json(n.audience), nlohmann::json(n.audience.profession_ids).dump(),
                n.audience.facility_id, now)
      .run();
  auto id = c_.last_insert_rowid();
  auto s = c_.prepare(std::string("INSERT INTO notice_recipients (notice_id, user_id) SELECT ?5, "
                                  "u.id ") +
                      kAudience);
  bind_audience(s, n.region_id, n.audience).bind(5, id).run();
  return id;
}

std::optional<Notice> SqliteNoticeStore::find_for(Id notice_id, Id user_id) {
  auto s = c_.prepare(std::string(kNoticeColumns) + ", r.read_at, r.acknowledged_at" + kNoticeFrom +
                      " JOIN notice_recipients r ON r.notice_id = n.id AND r.user_id = ?2 WHERE "
                      "n.id = ?1");
  s.bind_all(notice_id, user_id);
  if (!s.step()) return std::nullopt;
  return read_received(s);
}

std::optional<Notice> SqliteNoticeStore::find_in_region(Id notice_id, Id region_id) {
  auto s = c_.prepare(std::string(kNoticeColumns) + kCounts + kNoticeFrom +
                      " WHERE n.id = ?1 AND n.region_id = ?2");
  s.bind_all(notice_id, region_id);
  if (!s.step()) return std::nullopt;
  return read_with_counts(s);
}

std::vector<Notice> SqliteNoticeStore::received(Id user_id, std::optional<Id> before_id,
                                                std::int64_t limit) {
  auto s = c_.prepare(std::string(kNoticeColumns) + ", r.read_at, r.acknowledged_at" +
                      " FROM notice_recipients r JOIN notices n ON n.id = r.notice_id JOIN users "
                      "p ON p.id = n.publisher_id LEFT JOIN facilities pf ON pf.id = "
                      "p.facility_id WHERE r.user_id = ?1 AND (?2 IS NULL OR r.notice_id < ?2) "
                      "ORDER BY r.notice_id DESC LIMIT ?3");
  s.bind_all(user_id, before_id, limit);
  std::vector<Notice> out;
  while (s.step()) out.push_back(read_received(s));
  return out;
}

std::vector<Notice> SqliteNoticeStore::published(std::optional<Id> publisher_id, Id region_id,
                                                 std::optional<Id> before_id, std::int64_t limit) {
  auto s = c_.prepare(std::string(kNoticeColumns) + kCounts + kNoticeFrom +
                      " WHERE n.region_id = ?1 AND (?2 IS NULL OR n.publisher_id = ?2) AND "
                      "(?3 IS NULL OR n.id < ?3) ORDER BY n.id DESC LIMIT ?4");
  s.bind_all(region_id, publisher_id, before_id, limit);
  std::vector<Notice> out;
  while (s.step()) out.push_back(read_with_counts(s));
  return out;
}

std::vector<Recipient> SqliteNoticeStore::recipients(Id notice_id, RecipientFilter filter,
                                                     std::optional<Id> after_user_id,
                                                     std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT r.user_id, u.name, COALESCE(f.name, ''), COALESCE(pr.name, ''), r.read_at, "
      "r.acknowledged_at FROM notice_recipients r JOIN users u ON u.id = r.user_id LEFT JOIN "
      "facilities f ON f.id = u.facility_id LEFT JOIN professions pr ON pr.id = u.profession_id "
      "WHERE r.notice_id = ?1 AND (?2 = 0 OR (?2 = 1 AND r.read_at IS NULL) OR (?2 = 2 AND "
      "r.acknowledged_at IS NULL)) AND (?3 IS NULL OR r.user_id > ?3) ORDER BY r.user_id LIMIT ?4");
  s.bind_all(notice_id, static_cast<std::int64_t>(filter), after_user_id, limit);
  std::vector<Recipient> out;
  while (s.step()) {
    out.push_back({.user_id = s.int64(0),
                   .name = s.text(1),
                   .facility = s.text(2),
                   .profession = s.text(3),
                   .read_at = s.optional_int64(4),
                   .acknowledged_at = s.optional_int64(5)});
  }
  return out;
}

void SqliteNoticeStore::mark_read(Id notice_id, Id user_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE notice_recipients SET read_at = ?3 WHERE notice_id = ?1 AND user_id = ?2 AND "
        "read_at IS NULL")
      .bind_all(notice_id, user_id, now)
      .run();
}

void SqliteNoticeStore::acknowledge(Id notice_id, Id user_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE notice_recipients SET acknowledged_at = ?3, read_at = COALESCE(read_at, ?3) "
        "WHERE notice_id = ?1 AND user_id = ?2 AND acknowledged_at IS NULL")
      .bind_all(notice_id, user_id, now)
      .run();
}

NoticeCounts SqliteNoticeStore::counts(Id user_id) {
  auto s = c_.prepare(
      "SELECT COUNT(*) FILTER (WHERE r.read_at IS NULL), COUNT(*) FILTER (WHERE n.ack_requested "
      "= 1 AND r.acknowledged_at IS NULL) FROM notice_recipients r JOIN notices n ON n.id = "
      "r.notice_id WHERE r.user_id = ?1");
  s.bind_all(user_id);
  s.step();
  return {.unread = s.int64(0), .unacknowledged = s.int64(1)};
}

void SqliteNoticeStore::set_reminded(Id notice_id, UnixSeconds now) {
  c_.prepare("UPDATE notices SET reminded_at = ?2 WHERE id = ?1").bind_all(notice_id, now).run();
}

std::vector<Id> SqliteNoticeStore::recipient_ids(Id notice_id) {
  auto s =
      c_.prepare("SELECT user_id FROM notice_recipients WHERE notice_id = ?1 ORDER BY user_id");
  s.bind_all(notice_id);
  std::vector<Id> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

}  // namespace musubi::backends::sqlite
