// Errors that cross layers. The domain throws musubi::Error with a code; http/error_map.cpp
// turns each code into one HTTP status and a default Japanese message.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace musubi {

enum class ErrorCode {
  invalid_input,      // 400: a field is missing or malformed
  unauthenticated,    // 401: no valid session
  session_expired,    // 401: the cookie names a session that has ended (timeout, logout elsewhere)
  forbidden,          // 403: signed in, but not allowed
  csrf_failed,        // 403: state change without the session's CSRF token
  not_found,          // 404
  conflict,           // 409: e.g. login ID already taken, stale version
  too_large,          // 413
  locked,             // 423: account temporarily locked after failed logins
  too_many_requests,  // 429
  busy,               // 503: the pool that runs this kind of request is full
  read_only,          // 503: the server serves reads only (the audit log failed its check)
  storage_full,       // 507: the data directory's disk is full; nothing was saved
  internal,           // 500
};

struct FieldError {
  std::string field;
  std::string message;  // Japanese, shown beside the field
};

class Error : public std::runtime_error {
 public:
  explicit Error(ErrorCode code, std::string message = {}, std::vector<FieldError> fields = {})
      : std::runtime_error(message.empty() ? "musubi error" : message),
        code_(code),
        message_(std::move(message)),
        fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  // Empty when the default message of the code should be shown.
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
};

}  // namespace musubi
