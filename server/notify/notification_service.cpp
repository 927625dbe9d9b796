#include "notify/notification_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "notify/notify_store.hpp"
#include "storage/storage.hpp"

namespace musubi::notify {

std::vector<Notification> NotificationService::list(const access::Actor& actor,
                                                    std::optional<Id> before_id,
                                                    std::int64_t limit) {
  auto items = storage_.read([&](storage::Transaction& tx) {
    return tx.notifications().list(actor.user_id, before_id,
                                   std::clamp<std::int64_t>(limit, 1, 100));
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "notification.list",
                      .target_type = "notification",
                      .detail = fmt::format("{} items", items.size())});
  return items;
}

std::int64_t NotificationService::unread(const access::Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.notifications().unread_count(actor.user_id); });
}

void NotificationService::mark_read(const access::Actor& actor, std::optional<Id> notification_id) {
  storage_.write([&](storage::Transaction& tx) {
    tx.notifications().mark_read(actor.user_id, notification_id, clock_.now());
  });
}

Settings NotificationService::settings(const access::Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.notifications().settings(actor.user_id); });
}

Settings NotificationService::put_settings(const access::Actor& actor, const Settings& in) {
  Validator v;
  for (auto [field, hour] :
       {std::pair{"digest_hour", in.digest_hour}, std::pair{"quiet_start", in.quiet_start},
        std::pair{"quiet_end", in.quiet_end}}) {
    if (hour < 0 || hour > 23) v.add(field, "0時から23時の間で選んでください");
  }
  v.throw_if_any();
  storage_.write([&](storage::Transaction& tx) {
    tx.notifications().put_settings(actor.user_id, in);
    audit::record(tx, clock_, actor,
                  {.action = "notification.settings",
                   .target_type = "user",
                   .target_id = std::to_string(actor.user_id),
                   .detail = fmt::format("immediate={} digest={}@{} quiet={}-{}", in.immediate,
                                         in.digest, in.digest_hour, in.quiet_start, in.quiet_end)});
  });
  return in;
}

}  // namespace musubi::notify
