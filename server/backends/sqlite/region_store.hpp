// The SQLite region store (see region/region_store.hpp for what it promises).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "backends/sqlite/connection.hpp"
#include "region/region_store.hpp"

namespace musubi::backends::sqlite {

// "かな|名前|…": kana first so that ordering by it sorts by reading, and every part searchable.
std::string composite_search_key(std::initializer_list<std::string_view> parts);
// Upper bound for a prefix range scan: every key that starts with `prefix` sorts below it.
std::string prefix_end(const std::string& prefix);

class SqliteRegionStore final : public region::RegionStore {
 public:
  explicit SqliteRegionStore(Connection& c) : c_(c) {}
  region::Id insert(const region::Region& region) override;
  std::optional<region::Region> find(region::Id id) override;
  std::optional<region::Region> find_by_code(const std::string& code) override;
  std::vector<region::Region> list() override;
  void update_password_policy(region::Id id, const access::PasswordPolicy& policy) override;
  void update_max_upload_bytes(region::Id id, std::int64_t bytes) override;
  void update_certificate_required(region::Id id, bool required) override;
  void update_consent_required_for(region::Id id, const std::vector<std::string>& actions) override;
  void update_device_policy(region::Id id, std::int64_t max_devices_per_user,
                            std::int64_t device_validity_days,
                            const access::RoleSet& totp_roles) override;
  void update_session_policy(region::Id id, std::int64_t idle_seconds,
                             std::int64_t absolute_seconds, std::int64_t ems_idle_seconds) override;
  std::int64_t update_contact_access(region::Id id, region::ContactAccess access) override;
  std::vector<region::Profession> professions(region::Id region_id) override;
  region::Id insert_profession(region::Id region_id, const std::string& name,
                               bool builtin) override;
  bool profession_exists(region::Id region_id, region::Id profession_id) override;
  bool profession_name_exists(region::Id region_id, const std::string& name) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
