// At most `limit` events per key in a window that starts at the key's first event: enough to
// slow a guesser down without a table of its own. In memory, per process.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace musubi {

class RateWindow {
 public:
  RateWindow(std::int64_t limit, UnixSeconds window_seconds, std::size_t capacity = 10000)
      : limit_(limit), window_(window_seconds), capacity_(capacity) {}

  // True while the key has used its events in the current window.
  bool exhausted(const std::string& key, UnixSeconds now);
  // When the key's exhausted window ends; 0 when it is not exhausted.
  UnixSeconds exhausted_until(const std::string& key, UnixSeconds now);
  // Counts one event for the key; returns the count in the current window.
  std::int64_t count(const std::string& key, UnixSeconds now);

 private:
  struct Window {
    UnixSeconds started = 0;
    std::int64_t events = 0;
  };

  std::mutex mutex_;
  std::int64_t limit_;
  UnixSeconds window_;
  std::size_t capacity_;
  std::unordered_map<std::string, Window> by_key_;
};

}  // namespace musubi
