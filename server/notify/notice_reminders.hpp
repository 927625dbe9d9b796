// A notice's reminder as notifications (notice/recipient_reminders.hpp): each recipient still
// waiting gets a reminder in their list, and mail by their settings.
#pragma once

#include "notice/recipient_reminders.hpp"

namespace musubi::notify {

class NoticeReminders final : public notice::RecipientReminders {
 public:
  std::int64_t remind(storage::Transaction& tx, std::int64_t notice_id, UnixSeconds now) override;
};

}  // namespace musubi::notify
