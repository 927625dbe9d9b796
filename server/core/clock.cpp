#include "core/clock.hpp"

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

}  // namespace musubi
