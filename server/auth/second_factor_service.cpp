#include "auth/second_factor_service.hpp"

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "auth/auth_store.hpp"
#include "auth/second_factor_store.hpp"
#include "auth/totp.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "region/region_store.hpp"
#include "region/user_rules.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

SecondFactorStatus SecondFactorService::status(const Actor& actor, Id user_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto user = tx.users().find(actor.region_id, user_id);
    if (!user ||
        (user_id != actor.user_id && !region::may_manage(actor, user->facility_id, user->roles))) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    auto region = tx.regions().find(actor.region_id);
    auto secret = tx.second_factor().totp(user_id);
    SecondFactorStatus s;
    s.totp_allowed = region && region->totp_roles.intersects(user->roles);
    s.enrolled = secret && secret->confirmed_at;
    s.recovery_codes_left = s.enrolled ? tx.second_factor().recovery_codes_left(user_id) : 0;
    return s;
  });
}

std::vector<std::string> SecondFactorService::new_recovery_codes(const Actor& actor,
                                                                 const std::string& code) {
  auto codes = totp::new_recovery_codes();
  const auto hashes = totp::hash_recovery_codes(codes);
  const bool ok = storage_.write([&](storage::Transaction& tx) {
    auto secret = tx.second_factor().totp(actor.user_id);
    if (!secret || !secret->confirmed_at) {
      throw Error(ErrorCode::conflict, "ワンタイムコードのアプリが設定されていません");
    }
    auto step = totp::verify(secret->secret, code, clock_.now(), secret->last_step);
    const bool valid = step && tx.second_factor().advance_step(actor.user_id, *step);
    if (valid) tx.second_factor().replace_recovery_codes(actor.user_id, hashes);
    audit::record(tx, clock_, actor,
                  {.action = "second_factor.recovery_codes",
                   .target_type = "user",
                   .target_id = std::to_string(actor.user_id),
                   .outcome = valid ? "success" : "failure",
                   .detail = valid ? "10 new codes" : "wrong one-time code"});
    return valid;
  });
  if (!ok) {
    throw Error(ErrorCode::invalid_input, "コードが違います",
                {{"one_time_code", "コードが違います"}});
  }
  return codes;
}

void SecondFactorService::reset(const Actor& actor, Id user_id) {
  storage_.write([&](storage::Transaction& tx) {
    auto user = tx.users().find(actor.region_id, user_id);
    if (!user || !region::may_manage(actor, user->facility_id, user->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    tx.second_factor().remove(user_id);
    auto ended = tx.sessions().end_all_for_user(user_id, clock_.now(), "second_factor_reset");
    audit::record(tx, clock_, actor,
                  {.action = "second_factor.reset",
                   .target_type = "user",
                   .target_id = std::to_string(user_id),
                   .detail = fmt::format("{} sessions ended", ended)});
  });
}

}  // namespace musubi::auth
