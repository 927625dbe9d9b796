// Turns what happened into notifications and mail, after it has committed: reads the board's
// events and the published notices in order (its place is kept in the database, so a restart
// loses and repeats nothing), writes each user's notifications, and queues the mail the users'
// settings ask for — at once for requests, messages, important posts and reminders (at night only
// when urgent), a daily digest for the rest. The mailer sends what is queued.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "board/board_events.hpp"
#include "core/clock.hpp"
#include "notice/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::notify {

class Notifier final : public board::EventListener, public notice::NoticeListener {
 public:
  // `mail_queued` is called when mail was queued (the mailer wakes up).
  Notifier(storage::Storage& storage, const Clock& clock, std::string public_origin,
           std::function<void()> mail_queued);
  ~Notifier() override;
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  void start();
  void events_committed() override { wake(); }
  void notice_published(std::int64_t /*notice_id*/) override { wake(); }

  // One pass in the caller's thread: events and notices into notifications, then the immediate
  // mail. Returns the mails queued.
  std::int64_t pass();
  // Queues the daily digests due now (`force`: for every user with digest on, whatever the
  // hour). Returns the mails queued.
  std::int64_t digests(bool force);

 private:
  void wake();
  void run();

  storage::Storage& storage_;
  const Clock& clock_;
  std::string origin_;
  std::function<void()> mail_queued_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace musubi::notify
