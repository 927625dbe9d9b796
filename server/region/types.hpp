// Regions (tenants), facilities, professions and users: who belongs where in a regional network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/password.hpp"
#include "access/roles.hpp"
#include "core/clock.hpp"

namespace musubi::region {

using Id = std::int64_t;
// Who may do what (access/), named here too because a user and a region carry them.
using access::PasswordPolicy;
using access::Role;
using access::RoleSet;

// What a region may make depend on a person's valid consent (person/consent.hpp).
struct ConsentAction {
  std::string_view code;
  std::string_view label;
};
const std::vector<ConsentAction>& consent_actions();  // post, forms, fhir_export

// A facility's contact (病院の地域連携室) brought onto a board by a request addressed to the
// facility reads the whole board and the person's record, or only the requests addressed to them.
enum class ContactAccess { record, request };
std::string_view contact_access_code(ContactAccess access);
std::optional<ContactAccess> contact_access_from_code(std::string_view code);

struct Region {
  Id id = 0;
  std::string code;  // short ASCII id, e.g. "tsukuba"
  std::string name;  // e.g. つくば市
  PasswordPolicy password_policy;
  UnixSeconds created_at = 0;
  std::int64_t max_upload_bytes = std::int64_t{100} * 1024 * 1024;  // largest attachment
  // Login only over the certificate listener, with the user's own device certificate.
  bool certificate_required = true;
  // Device certificates: how many usable ones a user may hold, and for how long a new one is
  // valid (0: the server's pki.device_validity_days).
  std::int64_t max_devices_per_user = 5;
  std::int64_t device_validity_days = 0;
  // Account kinds that sign in with a password and a one-time code (TOTP) instead of a device
  // certificate, e.g. family members on their own phones. Empty: none.
  RoleSet totp_roles;
  // Session timeouts for the region's users (0: the server's session.* settings).
  std::int64_t session_idle_timeout_seconds = 0;
  std::int64_t session_absolute_timeout_seconds = 0;
  // A fire department crew's account (ems only): the idle timeout of its sessions, shorter.
  std::int64_t ems_idle_timeout_seconds = 600;
  // Actions that need the person's valid consent (consent_actions()), e.g.
  // {"post", "forms"}. Empty: a missing consent only warns.
  std::vector<std::string> consent_required_for;
  // What a facility's contact reads after a request to the facility brought them onto a board.
  ContactAccess contact_access = ContactAccess::record;

  bool requires_consent_for(std::string_view action) const;
};

enum class FacilityKind {
  hospital,
  clinic,
  dental_clinic,
  pharmacy,
  visiting_nurse_station,
  care_management_office,
  community_support_center,
  care_service,
  city_office,
  fire_department,
  other,
};

struct FacilityKindInfo {
  FacilityKind kind;
  std::string_view code;   // API and storage value
  std::string_view label;  // Japanese
};
const std::vector<FacilityKindInfo>& facility_kinds();
std::optional<FacilityKind> facility_kind_from_code(std::string_view code);
std::string_view facility_kind_code(FacilityKind kind);

struct Facility {
  Id id = 0;
  Id region_id = 0;
  std::string name;
  std::string name_kana;
  FacilityKind kind = FacilityKind::other;
  std::string postal_code;
  std::string address;
  std::string phone;
  std::optional<Id> contact_user_id;  // designated contact (e.g. a hospital's 地域連携室)
  std::string contact_user_name;      // filled on reads
  bool active = true;
  std::int64_t user_count = 0;  // filled on list reads
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

struct FacilityPatch {
  std::string name;
  std::string name_kana;
  FacilityKind kind = FacilityKind::other;
  std::string postal_code;
  std::string address;
  std::string phone;
  std::optional<Id> contact_user_id;
  bool active = true;
};

struct Profession {
  Id id = 0;
  std::string name;
  bool builtin = true;
};
// The 職種 every region starts with; a region administrator may add more.
const std::vector<std::string_view>& builtin_professions();

struct User {
  Id id = 0;
  Id region_id = 0;
  std::optional<Id> facility_id;
  std::string facility_name;  // filled on reads
  std::string login_id;
  std::string name;
  std::string name_kana;
  std::optional<Id> profession_id;
  std::string profession_name;  // filled on reads
  std::string email;
  std::string phone;
  RoleSet roles;
  bool active = true;
  bool must_change_password = false;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  std::optional<UnixSeconds> last_login_at;
};

struct UserPatch {
  std::optional<Id> facility_id;
  std::string name;
  std::string name_kana;
  std::optional<Id> profession_id;
  std::string email;
  std::string phone;
  RoleSet roles;
};

struct Page {
  std::int64_t limit = 50;
  std::optional<std::string> cursor;  // opaque, from the previous page
};

}  // namespace musubi::region
