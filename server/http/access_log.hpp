// JSON-lines access log: one line per request with its id, route pattern (never the raw path or
// query, which may name a person), status, size and time. No IP address, no user: the request
// id links a line to the audit log, which holds those under access control.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "http/message.hpp"

namespace musubi::http {

class AccessLog {
 public:
  // "-" writes to standard output, "" disables, anything else is a file appended to.
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  void write(const Request& request, int status, const std::string& route, std::size_t bytes,
             double milliseconds);

 private:
  std::mutex mutex_;
  std::FILE* out_ = nullptr;
  bool owned_ = false;
};

}  // namespace musubi::http
