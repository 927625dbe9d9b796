// Publishing and reading region notices (お知らせ). Who may reach whom is decided here, from the
// actor, never from the request: a region administrator reaches the region (narrowed by facility
// kinds and professions), a facility administrator their own facility's staff only.
#pragma once

#include <optional>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/validation.hpp"
#include "notice/recipient_reminders.hpp"
#include "notice/types.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::notice {

class NoticeService {
 public:
  // `reminders`: who tells the recipients when a notice is reminded (notify/); without it a
  // reminder reaches no one.
  NoticeService(storage::Storage& storage, const Clock& clock, NoticeListener* listener = nullptr,
                RecipientReminders* reminders = nullptr)
      : storage_(storage), clock_(clock), listener_(listener), reminders_(reminders) {}

  Notice publish(const access::Actor& actor, const NoticeInput& input);
  // How many users a notice with this audience would reach now (the form shows it before
  // sending); the same checks as publish.
  std::int64_t audience_size(const access::Actor& actor, const NoticeInput& input);

  std::vector<Notice> received(const access::Actor& actor, std::optional<Id> before_id,
                               std::int64_t limit);
  // A region administrator sees every notice of the region, a facility administrator their own.
  std::vector<Notice> published(const access::Actor& actor, std::optional<Id> before_id,
                                std::int64_t limit);
  // A recipient's first opening marks it read. Its publisher and the region's administrators see
  // it with its counts. Anyone else: not found.
  Notice open(const access::Actor& actor, Id notice_id);
  Notice acknowledge(const access::Actor& actor, Id notice_id);
  std::vector<Recipient> recipients(const access::Actor& actor, Id notice_id,
                                    RecipientFilter filter, std::optional<Id> after_user_id,
                                    std::int64_t limit);
  NoticeCounts counts(const access::Actor& actor);
  // Its publisher (or a region administrator) reminds the recipients who have not acknowledged
  // it — or, when it does not ask for that, not read it — at most once an hour: a notification,
  // and mail by their settings. Returns how many were reminded.
  std::int64_t remind(const access::Actor& actor, Id notice_id);

  static constexpr std::size_t kMaxTitle = 100;
  static constexpr UnixSeconds kReminderInterval = 3600;
  static constexpr std::size_t kMaxBody = 5000;

 private:
  // Who a notice of `actor` with `input` reaches; refuses what the actor may not ask for,
  // collects the rest in `v`.
  Audience audience_of(const access::Actor& actor, const NoticeInput& input, Validator& v);

  storage::Storage& storage_;
  const Clock& clock_;
  NoticeListener* listener_;
  RecipientReminders* reminders_;
};

}  // namespace musubi::notice
