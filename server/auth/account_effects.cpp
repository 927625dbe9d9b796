#include "auth/account_effects.hpp"

#include "auth/auth_store.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

void AccountEffects::end_sessions_of(storage::Transaction& tx, std::int64_t user_id,
                                     UnixSeconds now, const char* reason) {
  tx.sessions().end_all_for_user(user_id, now, reason);
}

std::int64_t AccountEffects::end_sessions_without_device(storage::Transaction& tx,
                                                         std::int64_t region_id, UnixSeconds now) {
  return tx.sessions().end_all_without_device(region_id, now, "certificate_required");
}

void AccountEffects::set_temporary_password(storage::Transaction& tx, std::int64_t user_id,
                                            const std::string& hash, UnixSeconds now) {
  tx.credentials().set_password(user_id, hash, true, now);
}

}  // namespace musubi::auth
