// Reads a JSON request body into typed values, collecting every type problem before failing.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"
#include "http/message.hpp"

namespace musubi::http {

class JsonBody {
 public:
  // Throws Error(invalid_input) if the body is not a JSON object.
  explicit JsonBody(const Request& request);
  ~JsonBody();

  std::string string(const std::string& field);              // "" when absent or null
  std::optional<std::int64_t> id(const std::string& field);  // positive integer or absent
  // A positive integer that must be there: `missing` (what to choose) is the field's message
  // otherwise, reported by finish() with any other problem. Returns 0 when it is not usable.
  std::int64_t required_id(const std::string& field, const std::string& missing);
  std::optional<std::int64_t> integer(const std::string& field);
  std::optional<double> number(const std::string& field);  // any JSON number, or absent
  bool boolean(const std::string& field, bool fallback);
  std::vector<std::string> strings(const std::string& field);
  std::vector<std::int64_t> ids(const std::string& field);  // array of positive integers
  // The same, as ids of what the field names (`body.id<TagId>("tag_id")`).
  template <class IdType>
  std::optional<IdType> id(const std::string& field) {
    auto v = id(field);
    return v ? std::optional<IdType>(IdType{*v}) : std::nullopt;
  }
  template <class IdType>
  std::vector<IdType> ids(const std::string& field) {
    auto values = ids(field);
    return {values.begin(), values.end()};
  }
  // A nested value as it came (null when absent), for a codec that reads it whole; type problems
  // go to problems().
  const nlohmann::json& value(const std::string& field);
  Validator& problems() { return problems_; }
  // Throws Error(invalid_input) if any field had the wrong type, or if the body has a field that
  // none of the calls above asked for (unknown fields are refused, not ignored).
  void finish();

 private:
  const nlohmann::json* find(const std::string& field);
  std::unique_ptr<nlohmann::json> json_;
  std::set<std::string> asked_;
  Validator problems_;
};

// For a route that takes no fields: no body or `{}` is fine, any field is refused by name.
void no_fields(const Request& request);

// Query parameter helpers with the same error style.
std::int64_t query_limit(const Request& request, std::int64_t fallback);
// A positive id; nullopt when absent or empty. Anything else is "not found" (no such thing).
std::optional<std::int64_t> query_id(const Request& request, const char* name);
template <class IdType>
std::optional<IdType> query_id(const Request& request, const char* name) {
  auto v = query_id(request, name);
  return v ? std::optional<IdType>(IdType{*v}) : std::nullopt;
}
// "YYYY-MM-DD" as the start of that day in Japan (UTC+9), plus `add_days` (1 for an inclusive
// end date); nullopt when absent or empty.
std::optional<UnixSeconds> query_jst_day(const Request& request, const char* name,
                                         int add_days = 0);

}  // namespace musubi::http
