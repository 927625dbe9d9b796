// The region's consent rule applied where an action happens (a post on the board, a form made
// final, a FHIR export): shared by the board and the record services.
#pragma once

#include <string_view>

#include "access/actor.hpp"
#include "person/consent.hpp"
#include "person/types.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::person {

// The person's consent state today (Japan time).
ConsentStatus current_consent(storage::Transaction& tx, Id person_id, UnixSeconds now);

// Throws Error(forbidden) with the reason when the actor's region makes `action` depend on a
// valid consent and the person has none that covers the actor's facility or profession.
void require_consent(storage::Transaction& tx, const access::Actor& actor, Id person_id,
                     std::string_view action, UnixSeconds now);

}  // namespace musubi::person
