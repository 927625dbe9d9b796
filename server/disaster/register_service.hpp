// 要援護者台帳: the areas a city defines and, on each person, whether they need evacuation
// support, why, how urgently, and where they live. Kept by the person's care team and the city.
#pragma once

#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "disaster/inputs.hpp"
#include "disaster/register_import.hpp"
#include "disaster/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::disaster {

class RegisterService {
 public:
  RegisterService(storage::Storage& storage, const Clock& clock)
      : storage_(storage), clock_(clock) {}

  // Every area's name; the counts for the city only (0 for a professional).
  std::vector<Area> areas(const access::Actor& actor);
  Area add_area(const access::Actor& actor, const std::string& name);

  // nullopt: the person is not in the register. Audited.
  std::optional<SupportNeeds> support_needs(const access::Actor& actor, PersonId person_id);
  // `in.registered = false` takes the person out (their safety reports stay).
  std::optional<SupportNeeds> put_support_needs(const access::Actor& actor, PersonId person_id,
                                                const SupportNeedsInput& in);
  // The city's 避難行動要支援者名簿 (register_import.hpp): all rows or none; `dry_run` only
  // checks and counts.
  ImportResult import(const access::Actor& actor, const std::string& csv_text, bool dry_run);

 private:
  // Checks every row, then writes them all in one transaction; throws to roll back.
  void import_rows(const access::Actor& actor, const std::vector<csv::Row>& rows,
                   const ImportColumns& columns, bool dry_run, ImportResult& result);

  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::disaster
