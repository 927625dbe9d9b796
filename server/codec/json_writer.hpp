// JSON text written straight into one string, field by field, without building a document first.
// The hot reads (the timeline, the inbox) answer through it: a document of std::map nodes costs a
// heap allocation per value and a second walk to print it (issue 19, docs/dependencies.md).
//
// Our own, and small, because the writers Debian has do not fit: RapidJSON 1.1's level stack does
// arithmetic on a null pointer on its first push (undefined behaviour, caught by UBSan), and
// Boost.JSON 1.81's serializer needs a document. Strings are escaped as JSON requires and bytes
// that are not UTF-8 become U+FFFD, so the answer always parses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace musubi::codec {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 1024) { out_.reserve(reserve); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // A key inside an object; the next call writes its value.
  JsonWriter& key(std::string_view k);
  void string(std::string_view v) {
    separate();
    write_string(v);
  }
  void number(std::int64_t v);
  // A fraction with `places` digits after the point (coordinates: 6, about 10 cm).
  void decimal(double v, int places);
  void boolean(bool v) {
    separate();
    out_ += v ? "true" : "false";
  }
  void null() {
    separate();
    out_ += "null";
  }

  // key and value in one call; distinct names, so that a literal never turns into a bool.
  void str(std::string_view k, std::string_view v) { key(k).string(v); }
  void num(std::string_view k, std::int64_t v) { key(k).number(v); }
  void flag(std::string_view k, bool v) { key(k).boolean(v); }
  void null(std::string_view k) { key(k).null(); }
  void num_or_null(std::string_view k, const std::optional<std::int64_t>& v) {
    key(k);
    v ? number(*v) : null();
  }
  // UTC, "2026-12-04T09:00:00Z", as format_iso8601 writes it.
  void time(std::string_view k, std::int64_t unix_seconds);
  void time_or_null(std::string_view k, const std::optional<std::int64_t>& unix_seconds) {
    unix_seconds ? time(k, *unix_seconds) : null(k);
  }
  // A value already serialised as JSON (a part still built as a document).
  void raw(std::string_view json) {
    separate();
    out_ += json;
  }

  // Whether a value was written and every object and array has been closed.
  [[nodiscard]] bool complete() const { return depth_ == 0 && !out_.empty(); }
  // The text written; the writer is left empty.
  std::string take() {
    depth_ = 0;
    first_ = true;
    after_key_ = false;
    return std::move(out_);
  }

 private:
  // The comma before a value: none after a key or for a container's first element.
  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_.push_back(',');
    }
    first_ = false;
  }
  void open(char bracket) {
    separate();
    out_.push_back(bracket);
    first_ = true;
    ++depth_;
  }
  void close(char bracket) {
    out_.push_back(bracket);
    first_ = false;  // the container just closed was a value of its parent
    --depth_;
  }
  void write_string(std::string_view s);

  std::string out_;
  std::size_t depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace musubi::codec
