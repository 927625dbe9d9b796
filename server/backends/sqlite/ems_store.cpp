#include "backends/sqlite/ems_store.hpp"

#include <algorithm>

#include "backends/sqlite/person_store.hpp"
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

}  // namespace musubi::backends::sqlite
