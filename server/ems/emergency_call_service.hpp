// Receiving the emergency-call system's events (緊急通報システム連携): a gateway proves itself with
// its token, each event is checked, and a new one becomes an important post on the person's care
// team (notified to its members) in the same transaction that keeps it; an event sent again
// posts nothing. Everything refused — a wrong token, bad input, an unknown person — is audited.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "ems/emergency_call.hpp"

namespace musubi::storage {
class Storage;
}
namespace musubi::board {
class BoardService;
}

namespace musubi::ems {

class EmergencyCallService {
 public:
  EmergencyCallService(storage::Storage& storage, const Clock& clock, board::BoardService& board)
      : storage_(storage), clock_(clock), board_(board) {}

  // Error(unauthenticated) for a token no active gateway has; Error(invalid_input) with fields;
  // Error(not_found) for a person the gateway's region does not have.
  CallReceipt receive(std::string_view token, const CallInput& input, const access::Origin& origin);

  // For the command line: a gateway of the region with its own account (in `facility_id`, no
  // role, never signs in: its name is what the care team reads as the author) and a new token,
  // returned once — only its SHA-256 is kept.
  std::pair<Gateway, std::string> enrol(RegionId region_id, const std::string& name,
                                        FacilityId facility_id);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
  board::BoardService& board_;
};

}  // namespace musubi::ems
