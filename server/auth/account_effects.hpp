// The account side of region administration (region/sign_in_effects.hpp): sessions ended and
// temporary passwords set when an administrator deactivates a user, resets a password or turns
// on the device-certificate policy.
#pragma once

#include "region/sign_in_effects.hpp"

namespace musubi::auth {

class AccountEffects final : public region::SignInEffects {
 public:
  void end_sessions_of(storage::Transaction& tx, std::int64_t user_id, UnixSeconds now,
                       const char* reason) override;
  std::int64_t end_sessions_without_device(storage::Transaction& tx, std::int64_t region_id,
                                           UnixSeconds now) override;
  void set_temporary_password(storage::Transaction& tx, std::int64_t user_id,
                              const std::string& hash, UnixSeconds now) override;
};

}  // namespace musubi::auth
