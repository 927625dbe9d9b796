// The SQLite notify store (see notify/notify_store.hpp for what it promises).
#pragma once

#include <vector>

#include "backends/sqlite/connection.hpp"
#include "notify/notify_store.hpp"

namespace musubi::backends::sqlite {

class SqliteNotifyStore final : public notify::NotifyStore {
 public:
  explicit SqliteNotifyStore(Connection& c) : c_(c) {}
  std::int64_t event_cursor() override;
  void set_event_cursor(std::int64_t seq) override;
  std::int64_t add_for_post(PostId post_id, UnixSeconds now) override;
  void add_reminder(PostId post_id, const std::vector<UserId>& users, UnixSeconds now) override;
  notify::Id add_for_notices(notify::Id after_id, UnixSeconds now) override;
  std::int64_t add_notice_reminder(notify::Id notice_id, UnixSeconds now) override;
  std::int64_t add_deadline_reminders(UnixSeconds now) override;
  notify::Id notice_cursor() override;
  void set_notice_cursor(notify::Id notice_id) override;
  std::vector<notify::Notification> list(notify::Id user_id, std::optional<notify::Id> before_id,
                                         std::int64_t limit) override;
  std::int64_t unread_count(notify::Id user_id) override;
  void mark_read(notify::Id user_id, std::optional<notify::Id> notification_id,
                 UnixSeconds now) override;
  notify::Settings settings(notify::Id user_id) override;
  void put_settings(notify::Id user_id, const notify::Settings& settings) override;
  std::vector<notify::MailDue> due_immediate(UnixSeconds since) override;
  std::vector<notify::MailDue> due_digests(UnixSeconds now, bool force) override;
  void mark_mailed(const std::vector<notify::Id>& notification_ids, UnixSeconds now) override;
  void digest_sent(const std::vector<notify::Id>& user_ids, UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
