// Plain request/response values passed between the Beast listener (server.cpp, the only file
// that knows Beast) and everything else in http/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace musubi::live {
class Sink;
}

namespace musubi::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Which worker pool runs a request's handler (docs/decisions/003): never the I/O threads. Logins
// (argon2id) have their own small pool, so that a flood of them slows logins only; PDF, images,
// imports, exports and large fan-out writes share another.
enum class Lane { general, login, heavy, upload };

struct Request {
  std::string method;  // GET, POST …
  std::string target;  // as received
  std::string path;    // target without the query
  std::string query;   // after '?', still encoded
  Headers headers;     // names in lower case
  std::string body;
  std::string remote_ip;
  bool secure = false;  // arrived over TLS
  // Serial of the client certificate the TLS handshake verified (empty: none), and the device it
  // names once the App has admitted it.
  std::string client_serial;
  std::optional<std::int64_t> device_id;
  std::string request_id;
  std::string route;  // set by the router: the matched pattern, for the access log

  std::string_view header(std::string_view name) const;
  std::string cookie(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;  // percent-decoded
};

// A response body produced piece by piece (file downloads), never held whole.
class BodySource {
 public:
  virtual ~BodySource() = default;
  virtual std::uint64_t size() const = 0;
  // Fills `piece` with the next bytes; false once there is nothing more.
  virtual bool next(std::string& piece) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  Headers headers;
  std::string body;
  std::string route;  // matched route pattern, for the access log (never the raw path)
  std::shared_ptr<BodySource> stream;  // when set, sent instead of `body`
  // Set when the answer shows what a read log entry on its way to the journal covers: the server
  // sends the answer only after `wait_logged` has called back with nullopt (logged), and sends
  // the answer it is given instead when logging failed. The callback may come on any thread.
  std::function<void(std::function<void(std::optional<Response>)>)> wait_logged;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// A request body consumed as it arrives (uploads). Errors are answers, not exceptions: when
// write() returns a response, the upload stops there and the rest of the body is not read.
// Destroying an upload without finish() abandons it and removes what it wrote.
class Upload {
 public:
  virtual ~Upload() = default;
  virtual std::uint64_t limit() const = 0;  // bytes; more is refused with 413
  virtual std::optional<Response> write(std::string_view bytes) = 0;
  virtual Response finish() = 0;
};

struct UploadStart {
  std::optional<Response> refused;  // answer at once, without reading the body
  std::unique_ptr<Upload> upload;
};

// A WebSocket upgrade for live updates, authorised from the request head: either refused with an
// answer, or `attach` registers the accepted connection (dropping its result unregisters it).
struct LiveStart {
  std::optional<Response> refused;
  std::function<std::shared_ptr<void>(std::shared_ptr<live::Sink>)> attach;
};

std::string percent_decode(std::string_view in, bool plus_is_space);

}  // namespace musubi::http
