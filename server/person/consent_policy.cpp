#include "person/consent_policy.hpp"

#include "core/error.hpp"
#include "person/record_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::person {

ConsentStatus current_consent(storage::Transaction& tx, Id person_id, UnixSeconds now) {
  return consent_status(tx.records().consents(person_id), jst_date(now));
}

void require_consent(storage::Transaction& tx, const access::Actor& actor, Id person_id,
                     std::string_view action, UnixSeconds now) {
  auto region = tx.regions().find(actor.region_id);
  if (!region || !region->requires_consent_for(action)) return;
  auto status = current_consent(tx, person_id, now);
  const bool usable = status.state == ConsentState::valid || status.state == ConsentState::expiring;
  if (!usable) {
    throw Error(
        ErrorCode::forbidden,
        status.state == ConsentState::missing
            ? "この操作には本人（または代理人）の同意が必要です。先に同意書を登録してください"
            : "同意が有効ではありません（期限切れ・撤回）。同意書を登録し直してください");
  }
  auto user = tx.users().find(actor.region_id, actor.user_id);
  if (!user || !covers(status.current->scope, user->facility_id.value_or(0),
                       user->profession_id.value_or(0))) {
    throw Error(ErrorCode::forbidden,
                "同意書で共有を認められた施設・職種に含まれていないため、この操作はできません");
  }
}

}  // namespace musubi::person
