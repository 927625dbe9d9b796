// The SQLite second factor store (see auth/second_factor_store.hpp for what it promises).
#pragma once

#include "auth/second_factor_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteSecondFactorStore final : public auth::SecondFactorStore {
 public:
  explicit SqliteSecondFactorStore(Connection& c) : c_(c) {}
  std::optional<auth::TotpSecret> totp(auth::Id user_id) override;
  void put_totp(auth::Id user_id, const std::string& secret, UnixSeconds now) override;
  void confirm_totp(auth::Id user_id, std::int64_t step, UnixSeconds now) override;
  bool advance_step(auth::Id user_id, std::int64_t step) override;
  void remove(auth::Id user_id) override;
  void replace_recovery_codes(auth::Id user_id, const std::vector<std::string>& hashes) override;
  bool use_recovery_code(auth::Id user_id, const std::string& hash, UnixSeconds now) override;
  std::int64_t recovery_codes_left(auth::Id user_id) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
