// Use cases on persons. Until care teams exist, persons are managed by region administrators
// (all of the region) and facility administrators (the persons their facility registered).
// Every read and write is audited.
#pragma once

#include <string>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/validation.hpp"
#include "person/person_store.hpp"
#include "person/summary.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::person {

struct PersonInput {
  std::string name;
  std::string name_kana;
  std::string birth_date;
  std::string sex;
  std::string postal_code;
  std::string address;
  std::string phone;
  // The one duplicate rule (registering and importing alike): a person the caller may see with
  // the same reading and birth date is a conflict that names them, unless the caller says this
  // is a different person (namesakes, twins). Persons the caller may not see are never
  // considered, so the answer says nothing about them.
  bool different_person = false;
};

// A person's fields as entered, checked: every problem goes to `v` by field.
PersonFields validate_fields(const PersonInput& in, Validator& v);

// Whether `actor` administers `p`: region administrators every person of their region, facility
// administrators the persons their facility registered.
bool in_scope(const access::Actor& actor, const Person& p);

class PersonService {
 public:
  PersonService(storage::Storage& storage, const Clock& clock) : storage_(storage), clock_(clock) {}

  PersonPageResult list(const access::Actor& actor, const std::string& query, std::int64_t limit,
                        const std::optional<std::string>& cursor);
  Person get(const access::Actor& actor, Id id);
  Person create(const access::Actor& actor, const PersonInput& input);
  // A person and the start of their summary from another system (FHIR import): both or nothing.
  // Duplicates as for create().
  Person import_record(const access::Actor& actor, const PersonInput& input, Summary summary);
  // `version` is the one the editor started from; a newer stored version gives a conflict.
  Person update(const access::Actor& actor, Id id, std::int64_t version, const PersonInput& input);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::person
