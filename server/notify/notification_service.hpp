// The user's side of notifications: the in-app list (通知) with unread marks, and how they want to
// be told by mail (at once, a daily digest, quiet hours).
#pragma once

#include <optional>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "notify/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::notify {

class NotificationService {
 public:
  NotificationService(storage::Storage& storage, const Clock& clock)
      : storage_(storage), clock_(clock) {}

  // Newest first, only what I may still see. Audited (the list names persons' teams).
  std::vector<Notification> list(const access::Actor& actor, std::optional<Id> before_id,
                                 std::int64_t limit);
  // Up to 100 (the badge says 「99+」 beyond).
  std::int64_t unread(const access::Actor& actor);
  // One notification, or all when nullopt.
  void mark_read(const access::Actor& actor, std::optional<Id> notification_id);
  Settings settings(const access::Actor& actor);
  Settings put_settings(const access::Actor& actor, const Settings& settings);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::notify
