// Use cases of the region's directory: regions and their 職種, facilities, and user accounts
// (including CSV import). Every change is authorised here and audited in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "region/region_store.hpp"
#include "region/sign_in_effects.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::region {

struct FacilityInput {
  std::string name;
  std::string name_kana;
  std::string kind;
  std::string postal_code;
  std::string address;
  std::string phone;
  std::optional<Id> contact_user_id;
  bool active = true;
};

struct UserInput {
  std::string login_id;  // only on create
  std::optional<Id> facility_id;
  std::string name;
  std::string name_kana;
  std::optional<Id> profession_id;
  std::string email;
  std::string phone;
  std::vector<std::string> roles;
};

struct CreatedUser {
  User user;
  std::string temporary_password;  // shown once to the administrator
};

struct ImportRowError {
  std::size_t row = 0;  // 1-based data row (the header is row 0)
  std::string field;
  std::string message;
};

struct ImportResult {
  bool imported = false;  // all or nothing
  std::vector<ImportRowError> errors;
  std::vector<CreatedUser> created;
};

struct NewRegion {
  std::string code;
  std::string name;
  std::string admin_login_id;
  std::string admin_name;
  std::string admin_name_kana;
  std::string admin_password;
};

class RegionService {
 public:
  RegionService(storage::Storage& storage, const Clock& clock, SignInEffects& sign_in)
      : storage_(storage), clock_(clock), sign_in_(sign_in) {}

  // `musubi init`/`demo`: a region with its built-in 職種 and a first administrator.
  std::pair<Region, User> create_region(const NewRegion& input);

  Region region(const access::Actor& actor);
  void update_password_policy(const access::Actor& actor, const PasswordPolicy& policy);
  // The largest attachment, 1 MB to 2 GB.
  void update_max_upload_mb(const access::Actor& actor, std::int64_t megabytes);
  // Turning it on ends every session of the region opened without a device certificate.
  void update_certificate_required(const access::Actor& actor, bool required);
  // Which actions need a person's valid consent (codes of consent_actions()).
  void update_consent_policy(const access::Actor& actor, const std::vector<std::string>& actions);
  // Devices per user (1–20), certificate validity in days (0: the server's default, else
  // 30–3650) and the account kinds that may use a one-time code instead of a certificate
  // (never administrators: their accounts open everything).
  void update_device_policy(const access::Actor& actor, std::int64_t max_devices_per_user,
                            std::int64_t device_validity_days, const RoleSet& totp_roles);
  // Idle timeout 5–120 minutes, absolute 1–24 hours; 0 for either: the server's setting. Applies
  // to sessions opened from now on.
  // `ems_idle_minutes`: a crew's sessions (accounts with the ems role only), 1–60.
  void update_session_policy(const access::Actor& actor, std::int64_t idle_minutes,
                             std::int64_t absolute_hours, std::int64_t ems_idle_minutes = 10);
  // What facility contacts brought in by requests read, for those on boards already too.
  void update_contact_access(const access::Actor& actor, ContactAccess access);

  std::vector<Profession> professions(const access::Actor& actor);
  Profession add_profession(const access::Actor& actor, const std::string& name);

  std::vector<Facility> facilities(const access::Actor& actor, const std::string& query,
                                   const std::string& kind, bool include_inactive);
  Facility facility(const access::Actor& actor, Id id);
  Facility create_facility(const access::Actor& actor, const FacilityInput& input);
  Facility update_facility(const access::Actor& actor, Id id, const FacilityInput& input);

  // The signed-in user's own account.
  User self(const access::Actor& actor);
  UserPageResult users(const access::Actor& actor, UserQuery query);
  // The region's active professionals by name, kana or login ID, for choosing care-team members
  // and addressees: any signed-in user may look colleagues up.
  std::vector<User> professionals(const access::Actor& actor, const std::string& query);
  User user(const access::Actor& actor, Id id);
  CreatedUser create_user(const access::Actor& actor, const UserInput& input);
  User update_user(const access::Actor& actor, Id id, const UserInput& input);
  User set_user_active(const access::Actor& actor, Id id, bool active);
  // Issues a temporary password that must be changed at the next login; ends the user's sessions.
  CreatedUser reset_password(const access::Actor& actor, Id id);
  ImportResult import_users(const access::Actor& actor, const std::string& csv, bool dry_run);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
  SignInEffects& sign_in_;
};

}  // namespace musubi::region
