// Who may manage which account, how user input is checked, and how a CSV row becomes input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/csv.hpp"
#include "core/validation.hpp"
#include "region/region_service.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::region {

// Region administrators manage everyone in their region; facility administrators manage the
// staff of their own facility, never a region administrator.
bool may_manage(const access::Actor& actor, std::optional<Id> facility_id, const RoleSet& roles);

// Checks every field (adding problems to v) and the actor's right to give those roles there.
UserPatch validate_user(Validator& v, storage::Transaction& tx, const access::Actor& actor,
                        const UserInput& input);

struct UserCsvColumns {
  int login_id = -1, name = -1, name_kana = -1, facility = -1, profession = -1, email = -1,
      phone = -1, roles = -1;
  std::string missing;  // names of required columns that are absent
};
UserCsvColumns user_csv_columns(const csv::Row& header);
UserInput user_input_from_row(const csv::Row& row, const UserCsvColumns& columns,
                              const std::vector<Facility>& facilities,
                              const std::vector<Profession>& professions, Validator& v);

}  // namespace musubi::region
