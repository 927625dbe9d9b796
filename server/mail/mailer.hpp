// Sends queued mail in the background: at once when woken after a change queued some, and every
// few seconds for retries. A relay that is down delays mail but never a request.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "core/config.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::mail {

class Mailer {
 public:
  Mailer(storage::Storage& storage, const Clock& clock, Config::Mail config);
  ~Mailer();
  Mailer(const Mailer&) = delete;
  Mailer& operator=(const Mailer&) = delete;

  bool enabled() const { return !config_.smtp_url.empty(); }
  void start();
  void wake();
  // One pass over the due mail in the caller's thread; returns how many were sent.
  std::int64_t deliver_due();

 private:
  void run();
  storage::Storage& storage_;
  const Clock& clock_;
  Config::Mail config_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// After the n-th failed attempt, the next one waits this long; nullopt: give up.
std::optional<UnixSeconds> retry_delay(std::int64_t failed_attempts);

}  // namespace musubi::mail
