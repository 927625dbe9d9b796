#include "backends/sqlite/cursor.hpp"

#include <charconv>

namespace musubi::backends::sqlite {

std::string encode_cursor(const std::string& key, std::int64_t id) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : key) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out + "." + std::to_string(id);
}

std::optional<std::pair<std::string, std::int64_t>> decode_cursor(const std::string& cursor) {
  auto dot = cursor.find('.');
  if (dot == std::string::npos || dot % 2 != 0 || cursor.size() > 4096) return std::nullopt;
  std::string key;
  for (std::size_t i = 0; i < dot; i += 2) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
    if (ec != std::errc() || p != cursor.data() + i + 2) return std::nullopt;
    key += static_cast<char>(value);
  }
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(cursor.data() + dot + 1, cursor.data() + cursor.size(), id);
  if (ec != std::errc() || p != cursor.data() + cursor.size()) return std::nullopt;
  return std::make_pair(key, id);
}

}  // namespace musubi::backends::sqlite
