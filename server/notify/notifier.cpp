#include "notify/notifier.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "board/board_events.hpp"
#include "board/board_store.hpp"
#include "mail/outbox_store.hpp"
#include "notify/mail_text.hpp"
#include "notify/notify_store.hpp"
#include "storage/storage.hpp"

namespace musubi::notify {

namespace {

constexpr std::int64_t kEventBatch = 500;
// Older unmailed ones wait for the digest.
constexpr UnixSeconds kImmediateWindow = UnixSeconds{24} * 3600;
constexpr auto kTick = std::chrono::seconds(30);  // quiet hours ending, digest hours

int jst_hour(UnixSeconds t) {
  return static_cast<int>(((t + UnixSeconds{9} * 3600) % 86400) / 3600);
}

void enqueue(storage::Transaction& tx, const MailDue& due, const MailText& text, const char* kind,
             UnixSeconds now) {
  tx.outbox().enqueue({.region_id = due.region_id,
                       .recipient = due.email,
                       .subject = text.subject,
                       .body = text.body,
                       .kind = kind},
                      now);
}

}  // namespace

Notifier::Notifier(storage::Storage& storage, const Clock& clock, std::string public_origin,
                   std::function<void()> mail_queued)
    : storage_(storage),
      clock_(clock),
      origin_(std::move(public_origin)),
      mail_queued_(std::move(mail_queued)) {}

Notifier::~Notifier() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Notifier::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void Notifier::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Notifier::run() {
  int checked_hour = -1;
  for (;;) {
    try {
      auto queued = pass();
      // Digest hours are whole hours: looking once an hour (and at start) is enough.
      if (int hour = jst_hour(clock_.now()); hour != checked_hour) {
        queued += digests(false);
        checked_hour = hour;
      }
      if (queued > 0 && mail_queued_) mail_queued_();
    } catch (const std::exception& e) {
      spdlog::error("notifications: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, kTick, [this] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
  }
}

std::int64_t Notifier::pass() {
  return storage_.write([&](storage::Transaction& tx) {
    const auto now = clock_.now();
    auto& store = tx.notifications();
    // A mute for a while that is over no longer holds anything back (nor shows as on).
    tx.boards().end_mutes(now);
    // Board events, in order, in batches (a burst of posts is many events).
    for (;;) {
      auto cursor = store.event_cursor();
      if (auto oldest = tx.events().oldest(); oldest > 0 && cursor + 1 < oldest) {
        spdlog::warn("notifications: events {}–{} were pruned before they were read", cursor + 1,
                     oldest - 1);
        cursor = oldest - 1;
      }
      auto events = tx.events().after(cursor, std::nullopt, nullptr, kEventBatch);
      for (const auto& e : events) {
        if (!e.post_id) continue;
        if (e.kind == "post.created") {
          store.add_for_post(*e.post_id, now);
        } else if (e.kind == "request.reminded" || e.kind == "poll.reminded") {
          store.add_reminder(*e.post_id, e.audience, now);
        }
      }
      if (events.empty()) break;
      store.set_event_cursor(events.back().seq);
      if (static_cast<std::int64_t>(events.size()) < kEventBatch) break;
    }
    store.set_notice_cursor(store.add_for_notices(store.notice_cursor(), now));
    store.add_deadline_reminders(now);

    std::int64_t queued = 0;
    const int hour = jst_hour(now);
    for (const auto& due : store.due_immediate(now - kImmediateWindow)) {
      if (!due.settings.immediate) continue;
      if (due.settings.quiet_at(hour) && !due.urgent) continue;  // in the morning, or the digest
      enqueue(tx, due, immediate_mail(due, origin_), "notification", now);
      store.mark_mailed(due.notification_ids, now);
      ++queued;
    }
    return queued;
  });
}

std::int64_t Notifier::digests(bool force) {
  return storage_.write([&](storage::Transaction& tx) {
    const auto now = clock_.now();
    auto due = tx.notifications().due_digests(now, force);
    const int hour = jst_hour(now);
    std::vector<std::int64_t> users;
    users.reserve(due.size());
    for (const auto& d : due) {
      // Nothing at night: a digest due in the quiet hours (its hour set inside them, or missed
      // while the server was down) goes when they end — the loop looks again every hour.
      if (!force && d.settings.quiet_at(hour)) continue;
      enqueue(tx, d, digest_mail(d, origin_), "digest", now);
      users.push_back(d.user_id);
    }
    tx.notifications().digest_sent(users, now);
    return static_cast<std::int64_t>(users.size());
  });
}

}  // namespace musubi::notify
