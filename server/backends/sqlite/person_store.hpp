// The SQLite person store (see person/person_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "person/person_store.hpp"

namespace musubi::backends::sqlite {

// The columns of a person row (a select up to `FROM persons `), and its reader: the emergency
// lookup's search reads persons the same way.
extern const char* const kPersonSelect;
person::Person read_person(Statement& s);

class SqlitePersonStore final : public person::PersonStore {
 public:
  explicit SqlitePersonStore(Connection& c) : c_(c) {}
  person::Id insert(person::Id region_id, std::optional<person::Id> facility_id,
                    const person::PersonFields& f, UnixSeconds now) override;
  bool update(person::Id id, std::int64_t expected_version, const person::PersonFields& f,
              UnixSeconds now) override;
  std::optional<person::Person> find(person::Id region_id, person::Id id) override;
  person::PersonPageResult list(person::Id region_id, const person::PersonQuery& q) override;
  std::int64_t count(person::Id region_id) override;
  std::vector<person::Person> find_exact(person::Id region_id, const std::string& name_kana,
                                         const std::string& birth_date) override;
  std::optional<person::CareTeamPlace> care_team_place(person::Id region_id, person::Id person_id,
                                                       person::Id user_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
