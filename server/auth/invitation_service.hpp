// Invitations (C3): an administrator registers a user and Musubi mails a one-time link (72 hours,
// once). Following it, the user chooses a password (first time) and gets a device certificate,
// or, for account kinds the region lets in with a one-time code, enrols an authenticator app.
// The same flow adds a second device or replaces a lost one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/actor_for.hpp"
#include "auth/invitation_store.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "mail/outbox_store.hpp"
#include "region/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::auth {

class DeviceService;

constexpr UnixSeconds kInvitationSeconds = UnixSeconds{72} * 3600;

// What the link page shows before anything is done.
struct InvitationView {
  std::string login_id;
  std::string user_name;
  std::string region_name;
  bool sets_password = false;
  SecondFactor second_factor = SecondFactor::certificate;
  std::string device_name;
  UnixSeconds expires_at = 0;
  access::PasswordPolicy password_policy;
};

struct AcceptedInvitation {
  std::string login_id;
  SecondFactor second_factor = SecondFactor::certificate;
  // certificate: the one-time download and its import password (shown once)
  std::string download_token;
  std::string import_password;
  UnixSeconds device_expires_at = 0;
  // totp: codes for a lost phone (shown once)
  std::vector<std::string> recovery_codes;
};

struct TotpEnrolment {
  std::string secret_base32;
  std::string provisioning_uri;
};

class InvitationService {
 public:
  InvitationService(storage::Storage& storage, const Clock& clock, DeviceService& devices,
                    Config::Mail mail, std::string public_origin,
                    std::function<void()> wake_mailer = {})
      : storage_(storage),
        clock_(clock),
        devices_(devices),
        mail_(std::move(mail)),
        public_origin_(std::move(public_origin)),
        wake_mailer_(std::move(wake_mailer)) {}

  // Region administrators for any user of the region; facility administrators for their
  // facility's users. Earlier open links of the user stop working.
  Invitation invite(const Actor& actor, Id user_id, const std::string& device_name);
  std::vector<Invitation> of_user(const Actor& actor, Id user_id);

  // The region's outgoing mail, newest first, without bodies (region administrators).
  std::vector<mail::QueuedMail> recent_mail(const Actor& actor);

  // Public (the user has no session yet). Unknown, used, replaced or expired links are refused
  // with not_found and audited.
  InvitationView look(const std::string& token, const Origin& origin);
  // For a one-time-code invitation: a new secret for the app to scan (replacing any earlier one).
  TotpEnrolment start_totp(const std::string& token, const Origin& origin);
  // Uses the link: sets the password if it is the first sign-in, then issues the certificate or
  // confirms the app with its first code. All or nothing.
  AcceptedInvitation accept(const std::string& token, const std::string& password,
                            const std::string& one_time_code, const Origin& origin);

 private:
  Invitation require_open(const std::string& token, const Origin& origin, const char* action);
  storage::Storage& storage_;
  const Clock& clock_;
  DeviceService& devices_;
  Config::Mail mail_;
  std::string public_origin_;
  std::function<void()> wake_mailer_;
};

}  // namespace musubi::auth
