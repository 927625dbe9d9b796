// What invitations need from storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::auth {

using Id = std::int64_t;

enum class SecondFactor { certificate, totp };

struct Invitation {
  Id id = 0;
  Id region_id = 0;
  Id user_id = 0;
  bool sets_password = false;  // the first sign-in: the user chooses a password
  SecondFactor second_factor = SecondFactor::certificate;
  std::string device_name;
  std::optional<Id> created_by;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;
  std::optional<UnixSeconds> used_at;
  std::optional<UnixSeconds> cancelled_at;
  std::optional<Id> device_id;
  std::optional<Id> mail_id;
  // From the mail queue, on list reads: queued, sent or failed, with the relay's last answer.
  std::string mail_status;
  std::string mail_error;
};

class InvitationStore {
 public:
  virtual ~InvitationStore() = default;
  virtual Id insert(const Invitation& invitation, const std::string& token_hash) = 0;
  virtual void set_mail(Id invitation_id, Id mail_id) = 0;
  virtual std::optional<Invitation> find_by_token(const std::string& token_hash) = 0;
  virtual std::vector<Invitation> of_user(Id user_id) = 0;
  // Earlier links of the user stop working when a new one is sent; returns how many.
  virtual std::int64_t cancel_open(Id user_id, UnixSeconds now) = 0;
  // Marks it used if it still was open; false when another request used it first.
  virtual bool use(Id invitation_id, std::optional<Id> device_id, UnixSeconds now) = 0;
};

}  // namespace musubi::auth
