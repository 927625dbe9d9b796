#include "mail/mailer.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>

#include "core/crypto.hpp"
#include "mail/bounce_address.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "mail/smtp.hpp"
#include "storage/storage.hpp"

namespace musubi::mail {

namespace {
constexpr std::int64_t kBatch = 20;
constexpr auto kPollInterval = std::chrono::seconds(5);
}  // namespace

std::optional<UnixSeconds> retry_delay(std::int64_t failed_attempts) {
  // 1 min, 5 min, 15 min, 1 h, 3 h, 6 h: about ten hours of trying in all.
  static constexpr std::array<UnixSeconds, 6> kDelays = {60, 300, 900, 3600, 10800, 21600};
  if (failed_attempts < 1 || failed_attempts > static_cast<std::int64_t>(kDelays.size())) {
    return std::nullopt;
  }
  return kDelays[static_cast<std::size_t>(failed_attempts - 1)];
}

Mailer::Mailer(storage::Storage& storage, const Clock& clock, Config::Mail config)
    : storage_(storage), clock_(clock), config_(std::move(config)) {}

Mailer::~Mailer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Mailer::start() {
  if (!enabled() || thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void Mailer::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Mailer::run() {
  for (;;) {
    try {
      while (deliver_due() == kBatch) {
      }
    } catch (const std::exception& e) {
      spdlog::error("mail: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, kPollInterval, [this] { return woken_ || stopping_; });
    if (stopping_) return;
    woken_ = false;
  }
}

std::int64_t Mailer::deliver_due() {
  if (!enabled()) return 0;
  auto due = storage_.read(
      [&](storage::Transaction& tx) { return tx.outbox().due(clock_.now(), kBatch); });
  std::int64_t sent = 0;
  for (const auto& m : due) {
    SendResult result;
    try {
      auto rendered = render({m.recipient, m.subject, m.body}, config_.from, clock_.now(),
                             fmt::format("musubi.{}.{}", m.id, crypto::random_hex(8)));
      result = send_smtp(config_, m.recipient, rendered, envelope_sender(m.id, config_));
    } catch (const std::exception& e) {
      result = {false, true, e.what()};
    }
    storage_.write([&](storage::Transaction& tx) {
      const auto now = clock_.now();
      if (result.ok) {
        tx.outbox().mark_sent(m.id, now);
        return;
      }
      auto delay = result.permanent ? std::nullopt : retry_delay(m.attempts + 1);
      tx.outbox().mark_failed_attempt(m.id, result.error.substr(0, 500), now,
                                      delay ? std::optional(now + *delay) : std::nullopt);
    });
    if (result.ok) {
      ++sent;
    } else {
      spdlog::warn("mail {} to the relay failed: {}", m.id, result.error);
    }
  }
  return sent;
}

}  // namespace musubi::mail
