// The SQLite session store (see auth/auth_store.hpp for what it promises).
#pragma once

#include "auth/auth_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteSessionStore final : public auth::SessionStore {
 public:
  explicit SqliteSessionStore(Connection& c) : c_(c) {}
  auth::Id insert(const std::string& token_hash, const auth::Session& s) override;
  std::optional<auth::Session> find_open(const std::string& token_hash) override;
  void touch(auth::Id session_id, UnixSeconds at) override;
  void end(auth::Id session_id, UnixSeconds at, const std::string& reason) override;
  std::int64_t end_all_for_user(auth::Id user_id, UnixSeconds at, const std::string& reason,
                                std::optional<auth::Id> except_session) override;
  std::vector<auth::Session> open_for_user(auth::Id user_id) override;
  std::vector<auth::Session> open_among(const std::vector<auth::Id>& session_ids) override;
  std::int64_t end_all_for_device(auth::Id device_id, UnixSeconds at,
                                  const std::string& reason) override;
  std::int64_t end_all_without_device(auth::Id region_id, UnixSeconds at,
                                      const std::string& reason) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
