// The SQLite invitation store (see auth/invitation_store.hpp for what it promises).
#pragma once

#include "auth/invitation_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteInvitationStore final : public auth::InvitationStore {
 public:
  explicit SqliteInvitationStore(Connection& c) : c_(c) {}
  auth::Id insert(const auth::Invitation& invitation, const std::string& token_hash) override;
  void set_mail(auth::Id invitation_id, auth::Id mail_id) override;
  std::optional<auth::Invitation> find_by_token(const std::string& token_hash) override;
  std::vector<auth::Invitation> of_user(auth::Id user_id) override;
  std::int64_t cancel_open(auth::Id user_id, UnixSeconds now) override;
  bool use(auth::Id invitation_id, std::optional<auth::Id> device_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
