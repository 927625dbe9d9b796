// What the region domain needs from storage. Implemented by backends/sqlite (and later postgres).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "region/types.hpp"

namespace musubi::region {

class RegionStore {
 public:
  virtual ~RegionStore() = default;
  virtual Id insert(const Region& region) = 0;
  virtual std::optional<Region> find(Id id) = 0;
  virtual std::optional<Region> find_by_code(const std::string& code) = 0;
  virtual std::vector<Region> list() = 0;
  virtual void update_password_policy(Id id, const PasswordPolicy& policy) = 0;
  virtual void update_max_upload_bytes(Id id, std::int64_t bytes) = 0;
  virtual void update_certificate_required(Id id, bool required) = 0;
  virtual void update_consent_required_for(Id id, const std::vector<std::string>& actions) = 0;
  virtual void update_device_policy(Id id, std::int64_t max_devices_per_user,
                                    std::int64_t device_validity_days,
                                    const RoleSet& totp_roles) = 0;
  virtual void update_session_policy(Id id, std::int64_t idle_seconds,
                                     std::int64_t absolute_seconds,
                                     std::int64_t ems_idle_seconds) = 0;
  // Sets the region's rule and applies it to the facility contacts already on its boards;
  // returns how many contacts changed.
  virtual std::int64_t update_contact_access(Id id, ContactAccess access) = 0;

  virtual std::vector<Profession> professions(Id region_id) = 0;
  virtual Id insert_profession(Id region_id, const std::string& name, bool builtin) = 0;
  virtual bool profession_exists(Id region_id, Id profession_id) = 0;
  virtual bool profession_name_exists(Id region_id, const std::string& name) = 0;
};

struct FacilityQuery {
  std::string search_key;  // matches name kana or name; empty: all
  std::optional<FacilityKind> kind;
  bool include_inactive = false;
};

class FacilityStore {
 public:
  virtual ~FacilityStore() = default;
  virtual Id insert(Id region_id, const FacilityPatch& facility, UnixSeconds now) = 0;
  virtual void update(Id id, const FacilityPatch& facility, UnixSeconds now) = 0;
  virtual std::optional<Facility> find(Id region_id, Id id) = 0;
  virtual std::vector<Facility> list(Id region_id, const FacilityQuery& query) = 0;
  virtual bool name_exists(Id region_id, const std::string& name, std::optional<Id> except) = 0;
};

struct UserQuery {
  std::string search_key;  // matches kana, name or login ID; empty: all
  std::optional<Id> facility_id;
  bool include_inactive = true;
  std::int64_t limit = 50;
  std::optional<std::string> after;  // cursor of the last row of the previous page
};

struct UserPageResult {
  std::vector<User> users;
  std::optional<std::string> next_cursor;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  virtual Id insert(Id region_id, const std::string& login_id, const UserPatch& user,
                    const std::string& password_hash, bool must_change_password,
                    UnixSeconds now) = 0;
  virtual void update(Id id, const UserPatch& user, UnixSeconds now) = 0;
  virtual void set_active(Id id, bool active, UnixSeconds now) = 0;
  virtual std::optional<User> find(Id region_id, Id id) = 0;
  virtual bool login_id_exists(const std::string& login_id) = 0;
  virtual UserPageResult list(Id region_id, const UserQuery& query) = 0;
  virtual std::int64_t count(Id region_id) = 0;
};

}  // namespace musubi::region
