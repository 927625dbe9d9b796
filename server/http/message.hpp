// Plain request/response values passed between the Beast listener (server.cpp, the only file
// that knows Beast) and everything else in http/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace musubi::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // GET, POST …
  std::string target;  // as received
  std::string path;    // target without the query
  std::string query;   // after '?', still encoded
  Headers headers;     // names in lower case
  std::string body;
  std::string remote_ip;
  bool secure = false;  // arrived over TLS
  std::string request_id;
  std::string route;  // set by the router: the matched pattern, for the access log

  std::string_view header(std::string_view name) const;
  std::string cookie(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;  // percent-decoded
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  Headers headers;
  std::string body;
  std::string route;  // matched route pattern, for the access log (never the raw path)

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

std::string percent_decode(std::string_view in, bool plus_is_space);

}  // namespace musubi::http
