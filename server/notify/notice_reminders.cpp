#include "notify/notice_reminders.hpp"

#include "notify/notify_store.hpp"
#include "storage/storage.hpp"

namespace musubi::notify {

std::int64_t NoticeReminders::remind(storage::Transaction& tx, std::int64_t notice_id,
                                     UnixSeconds now) {
  return tx.notifications().add_notice_reminder(notice_id, now);
}

}  // namespace musubi::notify
