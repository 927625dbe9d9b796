// JSON text written straight into one string, field by field, without building a document first.
// The hot reads (the timeline, the inbox) answer through it: a document of std::map nodes costs a
// heap allocation per value and a second walk to print it (issue 19, docs/dependencies.md).
#pragma once

#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace musubi::codec {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 1024) : writer_(out_) { out_.text.reserve(reserve); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  void begin_array() { writer_.StartArray(); }
  void end_array() { writer_.EndArray(); }

  // A key inside an object; the next call writes its value.
  JsonWriter& key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  void string(std::string_view v) {
    writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  void number(std::int64_t v) { writer_.Int64(v); }
  void boolean(bool v) { writer_.Bool(v); }
  void null() { writer_.Null(); }

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
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }

  // Whether every object and array has been closed.
  bool complete() { return writer_.IsComplete(); }
  // The text written; the writer is left empty.
  std::string take() { return std::move(out_.text); }

 private:
  // RapidJSON's output stream concept over a std::string, so that the answer is not copied.
  struct Out {
    using Ch = char;
    std::string text;
    void Put(char c) { text.push_back(c); }
    void Flush() {}
  };
  Out out_;
  rapidjson::Writer<Out> writer_;
};

}  // namespace musubi::codec
