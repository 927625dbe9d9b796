// What the person domain needs from storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "person/types.hpp"

namespace musubi::person {

struct PersonQuery {
  std::string search_key;  // text::search_key of what was typed: a prefix of a name key; empty: all
  std::optional<Id> registered_by_facility_id;  // scope for facility administrators
  std::int64_t limit = 50;
  std::optional<std::string> after;
};

// Where a user stands on a person's care team: the record is the team's, so this is what every
// read and change of it asks first (the board domain keeps the team; this is its answer for the
// record, without the person domain reaching into the board's stores).
struct CareTeamPlace {
  Id board_id = 0;
  bool is_admin = false;
  bool request_only = false;  // a facility's contact who came for a request only
};

struct PersonPageResult {
  std::vector<Person> persons;
  std::optional<std::string> next_cursor;
};

class PersonStore {
 public:
  virtual ~PersonStore() = default;
  virtual Id insert(Id region_id, std::optional<Id> facility_id, const PersonFields& fields,
                    UnixSeconds now) = 0;
  // Returns false if the stored version is not `expected_version` (someone else saved first).
  virtual bool update(Id id, std::int64_t expected_version, const PersonFields& fields,
                      UnixSeconds now) = 0;
  virtual std::optional<Person> find(Id region_id, Id id) = 0;
  virtual PersonPageResult list(Id region_id, const PersonQuery& query) = 0;
  virtual std::int64_t count(Id region_id) = 0;
  // Exact reading (kana, normalised) and birth date: how someone not yet on the team finds a
  // person without browsing the region's list.
  virtual std::vector<Person> find_exact(Id region_id, const std::string& name_kana,
                                         const std::string& birth_date) = 0;
  // The user's place on the person's care team; nullopt when there is no team or they are not
  // on it.
  virtual std::optional<CareTeamPlace> care_team_place(Id region_id, Id person_id, Id user_id) = 0;
};

}  // namespace musubi::person
