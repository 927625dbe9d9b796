#include "core/clock.hpp"

#include <charconv>
#include <ctime>

namespace musubi {

std::string format_iso8601(UnixSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
  return ec == std::errc() && end == s.data() + at + n;
}

std::string jst_format(UnixSeconds t, const char* format) {
  std::time_t tt = static_cast<std::time_t>(t + UnixSeconds{9} * 3600);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string jst_date(UnixSeconds t) {
  return jst_format(t, "%Y-%m-%d");
}

std::string jst_minute(UnixSeconds t) {
  return jst_format(t, "%Y-%m-%d %H:%M");
}

std::string add_days(const std::string& iso_date, int days) {
  std::tm tm{};
  tm.tm_year = std::stoi(iso_date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(iso_date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(iso_date.substr(8, 2)) + days;
  tm.tm_hour = 12;
  const std::time_t t = timegm(&tm);  // normalises the day
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &out);
  return buf;
}

// "YYYY-MM-DDTHH:MM:SS", maybe a fraction of a second, then "Z" or "±HH:MM".
std::optional<UnixSeconds> parse_rfc3339(std::string_view s) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
      s[13] != ':' || s[16] != ':' || !digits(s, 0, 4, year) || !digits(s, 5, 2, month) ||
      !digits(s, 8, 2, day) || !digits(s, 11, 2, hour) || !digits(s, 14, 2, minute) ||
      !digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  int offset = 0;
  auto zone = s.substr(19);
  // Fractions of a second (JavaScript's toISOString writes milliseconds) are read and dropped.
  if (!zone.empty() && zone.front() == '.') {
    const auto digits_end = zone.find_first_not_of("0123456789", 1);
    if (digits_end == 1 || digits_end == std::string_view::npos) return std::nullopt;
    zone = zone.substr(digits_end);
  }
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const auto t = static_cast<UnixSeconds>(timegm(&tm));
  // timegm normalises 2月31日 into March: a day that does not exist is refused.
  std::tm back{};
  const auto tt = static_cast<std::time_t>(t);
  gmtime_r(&tt, &back);
  if (back.tm_mday != day) return std::nullopt;
  return t - offset;
}

}  // namespace musubi
