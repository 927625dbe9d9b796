// What administering a user or the region's sign-in policy does to signing in, which the account
// domain (auth/) owns: region administration asks for it through this interface, inside its own
// transaction, and never reaches into sessions or credentials itself.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::region {

class SignInEffects {
 public:
  virtual ~SignInEffects() = default;
  // Ends every open session of the user (deactivated, password reset).
  virtual void end_sessions_of(storage::Transaction& tx, std::int64_t user_id, UnixSeconds now,
                               const char* reason) = 0;
  // Ends the region's sessions opened without a device certificate; returns how many.
  virtual std::int64_t end_sessions_without_device(storage::Transaction& tx, std::int64_t region_id,
                                                   UnixSeconds now) = 0;
  // A password the user must change at the next login.
  virtual void set_temporary_password(storage::Transaction& tx, std::int64_t user_id,
                                      const std::string& hash, UnixSeconds now) = 0;
};

}  // namespace musubi::region
