// The SQLite user store (see region/region_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "region/region_store.hpp"

namespace musubi::backends::sqlite {

class SqliteUserStore final : public region::UserStore {
 public:
  explicit SqliteUserStore(Connection& c) : c_(c) {}
  region::Id insert(region::Id region_id, const std::string& login_id, const region::UserPatch& u,
                    const std::string& password_hash, bool must_change_password,
                    UnixSeconds now) override;
  void update(region::Id id, const region::UserPatch& u, UnixSeconds now) override;
  void set_active(region::Id id, bool active, UnixSeconds now) override;
  std::optional<region::User> find(region::Id region_id, region::Id id) override;
  bool login_id_exists(const std::string& login_id) override;
  region::UserPageResult list(region::Id region_id, const region::UserQuery& q) override;
  std::int64_t count(region::Id region_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
