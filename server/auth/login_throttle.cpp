#include "auth/login_throttle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"

namespace musubi::auth {

UnixSeconds locked_until_after(std::int64_t failed, UnixSeconds now, const Config::Login& policy) {
  if (failed >= policy.failures_before_lock) return now + policy.lock_seconds;
  if (failed >= policy.failures_before_delay) {
    auto step = std::min<std::int64_t>(failed - policy.failures_before_delay, 6);
    return now + (std::int64_t{1} << step);  // 1, 2, 4 … 64 seconds
  }
  return 0;
}

void refuse_while_locked(UnixSeconds wait, bool hard_lock) {
  if (hard_lock) {
    throw Error(
        ErrorCode::locked,
        fmt::format("ログインに続けて失敗したため、このアカウントは一時的にロックされています。"
                    "あと{}分ほどで解除されます。急ぐ場合は管理者に連絡してください。",
                    std::max<UnixSeconds>(1, (wait + 59) / 60)));
  }
  throw Error(
      ErrorCode::too_many_requests,
      fmt::format("ログインに続けて失敗しました。{}秒ほど待ってから、もう一度お試しください。",
                  wait));
}

void ClientLoginThrottle::check(const std::string& client, UnixSeconds now) {
  auto until = failures_.exhausted_until(client, now);
  if (until == 0) return;
  throw Error(ErrorCode::too_many_requests,
              fmt::format("この端末（ネットワーク）からのログインの失敗が続いたため、あと{}分ほど"
                          "ログインを受け付けません。ログインIDとパスワードを確かめて、時間をおいて"
                          "からお試しください。",
                          std::max<UnixSeconds>(1, (until - now + 59) / 60)));
}

UnknownLoginThrottle::State UnknownLoginThrottle::state(const std::string& login_id) {
  std::lock_guard lock(mutex_);
  auto it = by_login_.find(login_id);
  return it == by_login_.end() ? State{} : it->second;
}

UnknownLoginThrottle::State UnknownLoginThrottle::fail(const std::string& login_id, UnixSeconds now,
                                                       const Config::Login& policy) {
  std::lock_guard lock(mutex_);
  auto it = by_login_.find(login_id);
  if (it == by_login_.end()) {
    make_room(now, policy);
    it = by_login_.emplace(login_id, State{}).first;
  }
  it->second.failed += 1;
  it->second.locked_until = locked_until_after(it->second.failed, now, policy);
  return it->second;
}

void UnknownLoginThrottle::make_room(UnixSeconds now, const Config::Login& policy) {
  if (by_login_.size() < capacity_) return;
  // An entry whose lock ended long ago only matters to the next failure's count; forget those.
  std::erase_if(by_login_, [&](const auto& entry) {
    return entry.second.locked_until + policy.lock_seconds < now;
  });
  if (by_login_.size() >= capacity_) by_login_.erase(by_login_.begin());
}

}  // namespace musubi::auth
