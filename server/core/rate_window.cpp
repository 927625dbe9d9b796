#include "core/rate_window.hpp"

namespace musubi {

bool RateWindow::exhausted(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  return it != by_key_.end() && now < it->second.started + window_ && it->second.events >= limit_;
}

UnixSeconds RateWindow::exhausted_until(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end() || now >= it->second.started + window_ || it->second.events < limit_) {
    return 0;
  }
  return it->second.started + window_;
}

std::int64_t RateWindow::count(const std::string& key, UnixSeconds now) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    if (by_key_.size() >= capacity_) {
      std::erase_if(by_key_, [&](const auto& e) { return e.second.started + window_ <= now; });
      if (by_key_.size() >= capacity_) by_key_.erase(by_key_.begin());
    }
    it = by_key_.emplace(key, Window{.started = now}).first;
  } else if (now >= it->second.started + window_) {
    it->second = Window{.started = now};
  }
  return ++it->second.events;
}

}  // namespace musubi
