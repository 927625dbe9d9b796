#include "codec/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <ctime>

namespace musubi::codec {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at p (Unicode Table 3-7), or 0 when it is not one:
// overlong forms, surrogates and code points past U+10FFFF are refused as well as stray bytes.
std::size_t utf8_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  const auto left = static_cast<std::size_t>(end - p);
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && continuation(p[1]) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !continuation(p[2])) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !continuation(p[2]) || !continuation(p[3])) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi ? 4 : 0;
  }
  return 0;
}

void escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  constexpr std::string_view hex = "0123456789abcdef";
  out += "\\u00";
  out.push_back(hex[c >> 4]);
  out.push_back(hex[c & 0xF]);
}

}  // namespace

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  write_string(k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

void JsonWriter::number(std::int64_t v) {
  separate();
  std::array<char, 24> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out_.append(buf.data(), result.ptr);
}

void JsonWriter::decimal(double v, int places) {
  separate();
  if (!std::isfinite(v)) {
    out_ += "null";  // JSON has no NaN or infinity
    return;
  }
  std::array<char, 48> buf{};
  const auto result =
      std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, places);
  out_.append(buf.data(), result.ptr);
}

void JsonWriter::time(std::string_view k, std::int64_t unix_seconds) {
  // The same text as core's format_iso8601, into a stack buffer instead of a heap string.
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buf{};
  const std::size_t n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  str(k, std::string_view(buf.data(), n));
}

void JsonWriter::write_string(std::string_view s) {
  out_.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  const auto* run = p;  // the start of bytes that are copied as they are
  auto flush = [&] {
    out_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
  };
  while (p < end) {
    const unsigned char c = *p;
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_length(p, end); n != 0) {
        p += n;
        continue;
      }
      flush();
      out_ += kReplacement;
    } else {
      flush();
      escape(out_, c);
    }
    ++p;
    run = p;
  }
  flush();
  out_.push_back('"');
}

}  // namespace musubi::codec
