// Time source. Services take a Clock so that tests can move time (session expiry, lock-outs).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace musubi {

using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class ManualClock : public Clock {
 public:
  explicit ManualClock(UnixSeconds start) : now_(start) {}
  UnixSeconds now() const override { return now_; }
  void advance(UnixSeconds seconds) { now_ += seconds; }

 private:
  UnixSeconds now_;
};

// The system clock moved by a fixed offset: the test clock (config test.clock_offset_seconds),
// shared by every process of one test run so that the server, `musubi notify` and the tests
// agree on what time it is.
class OffsetClock : public Clock {
 public:
  explicit OffsetClock(UnixSeconds offset) : offset_(offset) {}
  UnixSeconds now() const override { return Clock::now() + offset_; }

 private:
  UnixSeconds offset_;
};

// RFC 3339 with its offset ("2026-12-07T22:40:00+09:00", "…Z", "…00.123Z": a fraction of a
// second is dropped); nullopt for anything else, a day that does not exist included.
std::optional<UnixSeconds> parse_rfc3339(std::string_view s);

// ISO 8601 in UTC, e.g. 2026-11-25T06:25:30Z.
std::string format_iso8601(UnixSeconds t);

// The calendar day in Japan (UTC+9, no daylight saving) at `t`, as YYYY-MM-DD: what "today"
// means for consents, certification periods and forms.
std::string jst_date(UnixSeconds t);
// The date and time in Japan at `t`, as YYYY-MM-DD HH:MM (exports, mails).
std::string jst_minute(UnixSeconds t);

// `iso_date` (YYYY-MM-DD) moved by `days`.
std::string add_days(const std::string& iso_date, int days);

}  // namespace musubi
