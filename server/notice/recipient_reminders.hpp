// Reminding the recipients of a notice who have not read (or confirmed) it: the notification
// domain, which builds on notices, does the telling through this interface, so that notices know
// nothing of notifications.
#pragma once

#include <cstdint>

#include "core/clock.hpp"

namespace musubi::storage {
class Transaction;
}

namespace musubi::notice {

class RecipientReminders {
 public:
  virtual ~RecipientReminders() = default;
  // Tells each recipient still waiting, in the caller's transaction; returns how many.
  virtual std::int64_t remind(storage::Transaction& tx, std::int64_t notice_id,
                              UnixSeconds now) = 0;
};

}  // namespace musubi::notice
