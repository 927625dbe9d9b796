// One-time codes for signed-in users and their administrators: the state of a user's app,
// fresh recovery codes, and a reset when a phone is lost (then a new invitation enrols again).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/actor_for.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::auth {

using Id = std::int64_t;

struct SecondFactorStatus {
  bool totp_allowed = false;  // the region lets this account kind use one-time codes
  bool enrolled = false;
  std::int64_t recovery_codes_left = 0;
};

class SecondFactorService {
 public:
  SecondFactorService(storage::Storage& storage, const Clock& clock)
      : storage_(storage), clock_(clock) {}

  // The actor's own, or (administrators) a user's they manage.
  SecondFactorStatus status(const Actor& actor, Id user_id);
  // Replaces the actor's recovery codes; needs a current code from the app. Shown once.
  std::vector<std::string> new_recovery_codes(const Actor& actor, const std::string& code);
  // Removes a user's app and recovery codes (a lost phone); ends the user's sessions.
  void reset(const Actor& actor, Id user_id);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::auth
