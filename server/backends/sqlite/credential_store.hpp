// The SQLite credential store (see auth/auth_store.hpp for what it promises).
#pragma once

#include "auth/auth_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteCredentialStore final : public auth::CredentialStore {
 public:
  explicit SqliteCredentialStore(Connection& c) : c_(c) {}
  std::optional<auth::Credential> find_by_login(const std::string& login_id) override;
  std::optional<auth::Credential> find_by_user(auth::Id user_id) override;
  void record_failure(auth::Id user_id, std::int64_t failed, UnixSeconds locked_until) override;
  void record_success(auth::Id user_id, UnixSeconds at, const std::string& ip) override;
  void set_password(auth::Id user_id, const std::string& hash, bool must_change,
                    UnixSeconds at) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
