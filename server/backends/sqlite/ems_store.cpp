#include "backends/sqlite/ems_store.hpp"

#include <algorithm>

#include "backends/sqlite/person_store.hpp"
#include "ems/transport.hpp"
#include "person/types.hpp"

namespace musubi::backends::sqlite {

namespace {

// Past every character a key may continue with: [key, key + kKeyEnd) is "starts with key".
constexpr const char* kKeyEnd = "\xF4\x8F\xBF\xBF";

// The columns read_person() takes (person_store.hpp), named through `p` so that a join may stand
// beside them.
constexpr const char* kColumns =
    "SELECT p.id, p.region_id, p.registered_by_facility_id, p.name, p.name_kana, p.birth_date, "
    "p.sex, p.postal_code, p.address, p.phone, p.version, p.created_at, p.updated_at, "
    "p.search_key ";

// One search as SQL: the most selective criterion that is set drives it through its index — a
// reading or name through person_name_keys, else the reversed phone digits, else the birth date,
// else (the address alone) the region's persons in reading order — and the others are checked on
// the rows it finds. Values are bound as ?2, ?3 … in the order they are added.
struct Search {
  std::string from;
  std::string where = "p.region_id = ?1";
  std::string order;
  std::vector<std::string> texts;

  // `condition` marks each value with `@`.
  void add(const std::string& condition, std::initializer_list<std::string> values) {
    std::string c = condition;
    for (const auto& v : values) {
      texts.push_back(v);
      c.replace(c.find('@'), 1, "?" + std::to_string(texts.size() + 1));
    }
    where += " AND " + c;
  }
  std::string limit_param() const { return "?" + std::to_string(texts.size() + 2); }
  void bind(Statement& s, RegionId region_id, std::int64_t limit) const {
    s.bind(1, region_id);
    for (std::size_t i = 0; i < texts.size(); ++i) s.bind(static_cast<int>(i) + 2, texts[i]);
    s.bind(static_cast<int>(texts.size()) + 2, limit);
  }
};

Search search_of(const ems::SearchCriteria& c) {
  Search q;
  if (!c.name_key.empty()) {
    q.from = "FROM person_name_keys k JOIN persons p ON p.id = k.person_id ";
    q.add("k.region_id = ?1 AND k.key >= @ AND k.key < @", {c.name_key, c.name_key + kKeyEnd});
    q.order = "k.key, k.person_id";
  } else if (!c.phone_key.empty()) {
    q.from = "FROM persons p ";
    q.add("p.phone_key <> '' AND p.phone_key >= @ AND p.phone_key < @",
          {c.phone_key, c.phone_key + kKeyEnd});
    q.order = "p.phone_key, p.id";
  } else if (!c.birth_from.empty()) {
    q.from = "FROM persons p ";
    q.order = "p.birth_date, p.id";
  } else {
    q.from = "FROM persons p ";
    q.order = "p.search_key, p.id";
  }
  if (!c.second_name_key.empty()) {
    q.add(
        "p.id IN (SELECT k2.person_id FROM person_name_keys k2 WHERE k2.region_id = ?1 AND "
        "k2.key >= @ AND k2.key < @)",
        {c.second_name_key, c.second_name_key + kKeyEnd});
  }
  if (!c.phone_key.empty() && !c.name_key.empty()) {
    q.add("p.phone_key >= @ AND p.phone_key < @", {c.phone_key, c.phone_key + kKeyEnd});
  }
  if (!c.birth_from.empty()) {
    q.add("p.birth_date >= @ AND p.birth_date < @", {c.birth_from, c.birth_until});
  }
  if (!c.address_part.empty()) q.add("instr(p.address, @) > 0", {c.address_part});
  if (c.sex) q.add("p.sex = @", {std::string(person::sex_code(*c.sex))});
  return q;
}

}  // namespace

ems::Matches SqliteEmsStore::search(RegionId region_id, const ems::SearchCriteria& criteria,
                                    std::int64_t limit, std::int64_t count_cap) {
  const auto q = search_of(criteria);
  ems::Matches out;
  // A person found by two of their name keys comes twice: read twice the page, keep each once.
  auto rows = c_.prepare(std::string(kColumns) + q.from + "WHERE " + q.where + " ORDER BY " +
                         q.order + " LIMIT " + q.limit_param());
  q.bind(rows, region_id, limit * 2);
  std::vector<person::Id> seen;
  while (rows.step() && static_cast<std::int64_t>(out.persons.size()) < limit) {
    auto p = read_person(rows);
    if (std::find(seen.begin(), seen.end(), p.id) != seen.end()) continue;
    seen.push_back(p.id);
    out.persons.push_back(std::move(p));
  }
  // Counted up to one past the cap, so that "more than the cap" shows without counting them all.
  auto count = c_.prepare("SELECT COUNT(*) FROM (SELECT DISTINCT p.id " + q.from + "WHERE " +
                          q.where + " LIMIT " + q.limit_param() + ")");
  q.bind(count, region_id, count_cap + 1);
  count.step();
  out.total = count.int64(0);
  return out;
}

std::int64_t SqliteEmsStore::add_transport(RegionId region_id, const ems::Transport& t) {
  c_.prepare(
        "INSERT INTO ems_transports (region_id, person_id, fire_facility_id, reported_by, "
        "occurred_at, outcome, hospital_id, hospital_name, note, incident, post_id, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      .bind_all(region_id, t.person_id, t.fire_facility_id, t.reported_by, t.occurred_at,
                std::string(ems::transport_outcome_code(t.outcome)), t.hospital_id, t.hospital_name,
                t.note, t.incident, t.post_id, t.created_at)
      .run();
  return c_.last_insert_rowid();
}

std::vector<ems::Transport> SqliteEmsStore::transports(PersonId person_id, std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT t.id, t.person_id, t.fire_facility_id, COALESCE(f.name, ''), t.reported_by, "
      "t.occurred_at, t.outcome, t.hospital_id, t.hospital_name, t.note, t.incident, t.post_id, "
      "t.created_at FROM ems_transports t LEFT JOIN facilities f ON f.id = t.fire_facility_id "
      "WHERE t.person_id = ?1 ORDER BY t.occurred_at DESC, t.id DESC LIMIT ?2");
  s.bind_all(person_id, limit);
  std::vector<ems::Transport> out;
  while (s.step()) {
    out.push_back({.id = s.int64(0),
                   .person_id = s.id<PersonId>(1),
                   .fire_facility_id = s.optional_id<FacilityId>(2),
                   .fire_facility = s.text(3),
                   .reported_by = s.id<UserId>(4),
                   .occurred_at = s.int64(5),
                   .outcome = ems::transport_outcome_from_code(s.text(6)).value_or(
                       ems::TransportOutcome::transported),
                   .hospital_id = s.optional_id<FacilityId>(7),
                   .hospital_name = s.text(8),
                   .note = s.text(9),
                   .incident = s.text(10),
                   .post_id = s.optional_id<PostId>(11),
                   .created_at = s.int64(12)});
  }
  return out;
}

std::vector<ems::CrewView> SqliteEmsStore::views(PersonId person_id, UnixSeconds since,
                                                 std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT a.at, COALESCE(f.name, '') FROM audit_log a LEFT JOIN users u ON u.id = "
      "a.actor_user_id LEFT JOIN facilities f ON f.id = u.facility_id WHERE a.target_type = "
      "'person' AND a.target_id = ?1 AND a.action = 'ems.view' AND a.outcome = 'success' AND "
      "a.at >= ?2 ORDER BY a.id DESC LIMIT ?3");
  s.bind_all(std::to_string(person_id.value()), since, limit);
  std::vector<ems::CrewView> out;
  while (s.step()) out.push_back({.at = s.int64(0), .fire_facility = s.text(1)});
  return out;
}

ems::LookupNames SqliteEmsStore::names(RegionId region_id, const std::vector<PersonId>& persons,
                                       const std::vector<UserId>& crews) {
  ems::LookupNames out;
  auto p = c_.prepare(
      "SELECT id, name FROM persons WHERE region_id = ?1 AND id IN (SELECT value FROM "
      "json_each(?2))");
  p.bind_all(region_id, id_array(persons));
  while (p.step()) out.persons.emplace(p.id<PersonId>(0), p.text(1));
  auto u = c_.prepare(
      "SELECT u.id, u.name, COALESCE(f.name, '') FROM users u LEFT JOIN facilities f ON f.id = "
      "u.facility_id WHERE u.region_id = ?1 AND u.id IN (SELECT value FROM json_each(?2))");
  u.bind_all(region_id, id_array(crews));
  while (u.step()) out.crews.emplace(u.id<UserId>(0), std::make_pair(u.text(1), u.text(2)));
  return out;
}

std::int64_t SqliteEmsStore::add_gateway(const ems::Gateway& gateway, const std::string& token_hash,
                                         UnixSeconds now) {
  c_.prepare(
        "INSERT INTO emergency_gateways (region_id, name, user_id, token_hash, active, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind_all(gateway.region_id, gateway.name, gateway.user_id, token_hash, gateway.active, now)
      .run();
  return c_.last_insert_rowid();
}

std::optional<ems::Gateway> SqliteEmsStore::gateway_by_token(const std::string& token_hash) {
  auto s = c_.prepare(
      "SELECT g.id, g.region_id, g.name, g.user_id, u.facility_id, g.active FROM "
      "emergency_gateways g JOIN users u ON u.id = g.user_id WHERE g.token_hash = ?1");
  s.bind_all(token_hash);
  if (!s.step()) return std::nullopt;
  return ems::Gateway{.id = s.int64(0),
                      .region_id = s.id<RegionId>(1),
                      .name = s.text(2),
                      .user_id = s.id<UserId>(3),
                      .facility_id = s.optional_id<FacilityId>(4),
                      .active = s.int64(5) != 0};
}

std::optional<ems::EmergencyCall> SqliteEmsStore::call_by_event(std::int64_t gateway_id,
                                                                const std::string& event_id) {
  auto s = c_.prepare(
      "SELECT id, gateway_id, event_id, person_id, kind, occurred_at, note, post_id, received_at "
      "FROM emergency_calls WHERE gateway_id = ?1 AND event_id = ?2");
  s.bind_all(gateway_id, event_id);
  if (!s.step()) return std::nullopt;
  return ems::EmergencyCall{
      .id = s.int64(0),
      .gateway_id = s.int64(1),
      .event_id = s.text(2),
      .person_id = s.id<PersonId>(3),
      .kind = ems::call_kind_from_code(s.text(4)).value_or(ems::CallKind::call),
      .occurred_at = s.int64(5),
      .note = s.text(6),
      .post_id = s.optional_id<PostId>(7),
      .received_at = s.int64(8)};
}

std::int64_t SqliteEmsStore::add_call(const ems::EmergencyCall& call) {
  c_.prepare(
        "INSERT INTO emergency_calls (gateway_id, event_id, person_id, kind, occurred_at, note, "
        "post_id, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind_all(call.gateway_id, call.event_id, call.person_id,
                std::string(ems::call_kind_code(call.kind)), call.occurred_at, call.note,
                call.post_id, call.received_at)
      .run();
  return c_.last_insert_rowid();
}

namespace {

constexpr const char* kCardColumns =
    "SELECT c.id, c.person_id, c.number, c.token, c.issued_by, COALESCE(u.name, ''), "
    "c.issued_at FROM person_cards c LEFT JOIN users u ON u.id = c.issued_by ";

ems::PersonCard read_card(Statement& s) {
  return {.id = s.int64(0),
          .person_id = s.id<PersonId>(1),
          .number = s.text(2),
          .token = s.text(3),
          .issued_by = s.id<UserId>(4),
          .issued_by_name = s.text(5),
          .issued_at = s.int64(6)};
}

}  // namespace

std::int64_t SqliteEmsStore::issue_card(RegionId region_id, const ems::PersonCard& card) {
  c_.prepare("UPDATE person_cards SET revoked_at = ?2 WHERE person_id = ?1 AND revoked_at IS NULL")
      .bind_all(card.person_id, card.issued_at)
      .run();
  c_.prepare(
        "INSERT INTO person_cards (region_id, person_id, number, token, issued_by, issued_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind_all(region_id, card.person_id, card.number, card.token, card.issued_by, card.issued_at)
      .run();
  return c_.last_insert_rowid();
}

std::optional<ems::PersonCard> SqliteEmsStore::current_card(PersonId person_id) {
  auto s = c_.prepare(std::string(kCardColumns) +
                      "WHERE c.person_id = ?1 AND c.revoked_at IS NULL ORDER BY c.id DESC LIMIT 1");
  s.bind_all(person_id);
  if (!s.step()) return std::nullopt;
  return read_card(s);
}

std::optional<ems::PersonCard> SqliteEmsStore::card_by_token(RegionId region_id,
                                                             const std::string& token) {
  auto s = c_.prepare(std::string(kCardColumns) +
                      "WHERE c.token = ?1 AND c.region_id = ?2 AND c.revoked_at IS NULL");
  s.bind_all(token, region_id);
  if (!s.step()) return std::nullopt;
  return read_card(s);
}

}  // namespace musubi::backends::sqlite
