// What one-time codes need from storage: each user's TOTP secret and recovery codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::auth {

using Id = std::int64_t;

struct TotpSecret {
  Id user_id = 0;
  std::string secret;  // raw bytes
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> confirmed_at;  // unconfirmed: enrolment not finished
  std::int64_t last_step = 0;
};

class SecondFactorStore {
 public:
  virtual ~SecondFactorStore() = default;
  virtual std::optional<TotpSecret> totp(Id user_id) = 0;
  // Starts (or restarts) enrolment: an unconfirmed secret replaces any earlier one.
  virtual void put_totp(Id user_id, const std::string& secret, UnixSeconds now) = 0;
  virtual void confirm_totp(Id user_id, std::int64_t step, UnixSeconds now) = 0;
  // False when another request used this step or a later one first.
  virtual bool advance_step(Id user_id, std::int64_t step) = 0;
  // Removes the secret and the recovery codes.
  virtual void remove(Id user_id) = 0;
  virtual void replace_recovery_codes(Id user_id, const std::vector<std::string>& hashes) = 0;
  virtual bool use_recovery_code(Id user_id, const std::string& hash, UnixSeconds now) = 0;
  virtual std::int64_t recovery_codes_left(Id user_id) = 0;
};

}  // namespace musubi::auth
