#include "codec/json_writer.hpp"

#include <ctime>

namespace musubi::codec {

void JsonWriter::time(std::string_view k, std::int64_t unix_seconds) {
  // The same text as core's format_iso8601, into a stack buffer instead of a heap string.
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  str(k, std::string_view(buf, n));
}

}  // namespace musubi::codec
