// What notifications need from storage. The rows are made in SQL from the board's own tables, so
// that membership and 特別便 decide who is told exactly as they decide who may read.
#pragma once

#include <optional>
#include <vector>

#include "notify/types.hpp"

namespace musubi::notify {

class NotifyStore {
 public:
  virtual ~NotifyStore() = default;

  // The notifier's place in the board's events.
  virtual std::int64_t event_cursor() = 0;
  virtual void set_event_cursor(std::int64_t seq) = 0;
  // A new post or reply: its addressees, the others of a conversation, the members who can see an
  // important post or a poll, the author of the post replied to. Returns how many were told.
  virtual std::int64_t add_for_post(PostId post_id, UnixSeconds now) = 0;
  // A reminder (of a request or a poll) to these users: the row comes back as new.
  virtual void add_reminder(PostId post_id, const std::vector<UserId>& users, UnixSeconds now) = 0;
  // Every notice published after `after_id`, to its recipients; returns the newest notice id.
  virtual Id add_for_notices(Id after_id, UnixSeconds now) = 0;
  // A reminder of a notice to its recipients who have not acknowledged it (when it asks for
  // that) or not read it; the row comes back as new. Returns how many were reminded.
  virtual std::int64_t add_notice_reminder(Id notice_id, UnixSeconds now) = 0;
  // Polls closing within a day (that were open at least a day): a reminder, once, to the
  // members who can see the poll and have not answered. Returns how many polls.
  virtual std::int64_t add_deadline_reminders(UnixSeconds now) = 0;
  virtual Id notice_cursor() = 0;
  virtual void set_notice_cursor(Id notice_id) = 0;

  // A user's list, newest first; only what they may still see.
  virtual std::vector<Notification> list(Id user_id, std::optional<Id> before_id,
                                         std::int64_t limit) = 0;
  virtual std::int64_t unread_count(Id user_id) = 0;
  virtual void mark_read(Id user_id, std::optional<Id> notification_id, UnixSeconds now) = 0;

  virtual Settings settings(Id user_id) = 0;
  virtual void put_settings(Id user_id, const Settings& settings) = 0;

  // Immediate mail: per user with an address, the unmailed notifications of the kinds mailed at
  // once from the last day, counted by kind (settings included, for the caller to decide).
  virtual std::vector<MailDue> due_immediate(UnixSeconds since) = 0;
  // Users whose daily digest is due at `now` (none sent since their latest digest time: today's
  // once its hour has passed, else yesterday's), with every unmailed notification counted by
  // kind; `force`: every user with digest on. The caller holds back those in their quiet hours.
  virtual std::vector<MailDue> due_digests(UnixSeconds now, bool force) = 0;
  virtual void mark_mailed(const std::vector<Id>& notification_ids, UnixSeconds now) = 0;
  // After a digest: everything of these users is told, and the digest is done for the day.
  virtual void digest_sent(const std::vector<Id>& user_ids, UnixSeconds now) = 0;
};

}  // namespace musubi::notify
