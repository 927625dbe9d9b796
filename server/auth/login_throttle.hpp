// The delay and lock-out after failed logins, as one rule for every login ID typed: IDs with an
// account keep their count in the database (auth_service); IDs without one keep it here, in
// memory, so that the answers never tell which IDs exist.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/rate_window.hpp"

namespace musubi::auth {

// When the next try may come after `failed` failures in a row: 0 (now), a doubling delay, or the
// end of the lock.
UnixSeconds locked_until_after(std::int64_t failed, UnixSeconds now, const Config::Login& policy);

// Throws Error(locked) or Error(too_many_requests) with the message a user reads.
[[noreturn]] void refuse_while_locked(UnixSeconds wait, bool hard_lock);

// Failure counts of login IDs that name no account. Bounded: the oldest finished entries go
// first, so a flood of made-up IDs cannot grow it without end.
class UnknownLoginThrottle {
 public:
  struct State {
    std::int64_t failed = 0;
    UnixSeconds locked_until = 0;
  };

  explicit UnknownLoginThrottle(std::size_t capacity = 10000) : capacity_(capacity) {}

  State state(const std::string& login_id);
  // Counts one more failure and returns the new state.
  State fail(const std::string& login_id, UnixSeconds now, const Config::Login& policy);

 private:
  void make_room(UnixSeconds now, const Config::Login& policy);

  std::mutex mutex_;
  std::size_t capacity_;
  std::unordered_map<std::string, State> by_login_;
};

// Failed logins per client, whatever the login IDs typed, so that one client spraying a password
// over many IDs is stopped too. The client is the device certificate where there is one (a
// device of its own, even behind a shared address), else the address. In memory, per process.
class ClientLoginThrottle {
 public:
  explicit ClientLoginThrottle(const Config::Login& policy)
      : failures_(policy.client_failures, policy.client_window_seconds) {}

  // Throws Error(too_many_requests) while the client has used its failures.
  void check(const std::string& client, UnixSeconds now);
  void fail(const std::string& client, UnixSeconds now) { failures_.count(client, now); }

 private:
  RateWindow failures_;
};

}  // namespace musubi::auth
