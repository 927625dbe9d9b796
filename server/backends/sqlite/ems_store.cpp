#include "backends/sqlite/ems_store.hpp"

#include "backends/sqlite/person_store.hpp"
#include "person/types.hpp"

namespace musubi::backends::sqlite {

namespace {

// Past every character a key may continue with: [key, key + kKeyEnd) is "starts with key".
constexpr const char* kKeyEnd = "\xF4\x8F\xBF\xBF";

// The conditions of the criteria that are set, each a range of an index where it can be (a
// reading or name through person_name_keys, a birth date, the reversed digits of a phone); the
// address part is checked on the rows the others found (or on the region's rows alone). Bound
// as ?2 … in the order they are added.
struct Where {
  std::string sql = "p.region_id = ?1";
  std::vector<std::string> texts;

  // `condition` marks each value with `@`; they become ?2, ?3 … in order.
  void add(const std::string& condition, std::initializer_list<std::string> values) {
    std::string c = condition;
    for (const auto& v : values) {
      texts.push_back(v);
      c.replace(c.find('@'), 1, "?" + std::to_string(texts.size() + 1));
    }
    sql += " AND " + c;
  }
};

Where where_of(const ems::SearchCriteria& c) {
  Where w;
  auto name_key = [&](const std::string& key) {
    w.add(
        "p.id IN (SELECT k.person_id FROM person_name_keys k WHERE k.region_id = ?1 AND "
        "k.key >= @ AND k.key < @)",
        {key, key + kKeyEnd});
  };
  if (!c.name_key.empty()) name_key(c.name_key);
  if (!c.second_name_key.empty()) name_key(c.second_name_key);
  if (!c.birth_from.empty()) {
    w.add("p.birth_date >= @ AND p.birth_date < @", {c.birth_from, c.birth_until});
  }
  if (!c.phone_key.empty()) {
    w.add("p.phone_key >= @ AND p.phone_key < @", {c.phone_key, c.phone_key + kKeyEnd});
  }
  if (!c.address_part.empty()) w.add("instr(p.address, @) > 0", {c.address_part});
  if (c.sex) w.add("p.sex = @", {std::string(person::sex_code(*c.sex))});
  return w;
}

void bind_where(Statement& s, RegionId region_id, const Where& w) {
  s.bind(1, region_id);
  for (std::size_t i = 0; i < w.texts.size(); ++i) s.bind(static_cast<int>(i) + 2, w.texts[i]);
}

}  // namespace

ems::Matches SqliteEmsStore::search(RegionId region_id, const ems::SearchCriteria& criteria,
                                    std::int64_t limit, std::int64_t count_cap) {
  auto w = where_of(criteria);
  const auto next = std::to_string(w.texts.size() + 2);
  ems::Matches out;
  auto rows = c_.prepare(std::string(kPersonSelect) + "p WHERE " + w.sql +
                         " ORDER BY p.search_key, p.id LIMIT ?" + next);
  bind_where(rows, region_id, w);
  rows.bind(static_cast<int>(w.texts.size()) + 2, limit);
  while (rows.step()) out.persons.push_back(read_person(rows));
  // Counted up to one past the cap, so that "more than the cap" shows without counting them all.
  auto count = c_.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM persons p WHERE " + w.sql +
                          " LIMIT ?" + next + ")");
  bind_where(count, region_id, w);
  count.bind(static_cast<int>(w.texts.size()) + 2, count_cap + 1);
  count.step();
  out.total = count.int64(0);
  return out;
}

}  // namespace musubi::backends::sqlite
