// Who may do what in disaster mode. The city (a region administrator or a 防災担当) sees every
// registered person of the region; a professional sees the persons of their own care teams only.
#pragma once

#include "access/actor.hpp"
#include "core/ids.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::disaster {

bool is_city(const access::Actor& actor);
void require_city(const access::Actor& actor);
// A member of the person's care team who sees the record (not a contact asked one request).
bool is_team_member(storage::Transaction& tx, const access::Actor& actor, PersonId person_id);
// The city, or a member of the person's care team; 403 otherwise (404 for no such person).
void require_city_or_team(storage::Transaction& tx, const access::Actor& actor, PersonId person_id);

}  // namespace musubi::disaster
