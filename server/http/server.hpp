// The network listener: plain HTTP and HTTPS on Boost.Beast, with size limits, timeouts and a
// graceful stop. The only translation unit that includes Beast/Asio (they are slow to compile);
// everything behind it sees plain Request/Response values.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/work_pool.hpp"
#include "http/message.hpp"

namespace musubi::http {

class AccessLog;

struct LiveLimits {
  std::size_t max_queued_bytes = std::size_t{256} * 1024;
  std::int64_t idle_timeout_seconds = 60;
};

// The pools handlers run on, one per Lane. The I/O threads only read, write and authorise heads.
struct Workers {
  WorkPool& general;
  WorkPool& login;
  WorkPool& heavy;
  WorkPool& upload;  // an upload's chunks on their way to the database

  WorkPool& of(Lane lane) const {
    switch (lane) {
      case Lane::login:
        return login;
      case Lane::heavy:
        return heavy;
      case Lane::upload:
        return upload;
      case Lane::general:
        break;
    }
    return general;
  }
};

struct RequestHandler {
  // Run on a worker of the request's lane; the body was read whole (within max_body_bytes).
  std::function<Response(Request&)> handle;
  std::function<Lane(const Request&)> lane;  // from the head; called on the I/O thread
  Workers* workers = nullptr;
  // Called with the head only; nullopt when the route takes its body whole. Its upload's
  // finish() runs on the heavy lane (thumbnails, the durable commit).
  std::function<std::optional<UploadStart>(Request&)> start_upload;
  // Called for a WebSocket upgrade request (head only).
  std::function<LiveStart(Request&)> start_live;
  LiveLimits live_limits;
  // The HTTPS listener with server.tls_client_certificates = required: the CAs to trust (asked
  // at every handshake) and whether a certificate that chains to one may connect. `serial` is
  // empty when the chain did not verify; `problem` then says why (for the audit log).
  std::function<std::vector<std::string>()> client_cas;
  std::function<bool(const std::string& serial, const std::string& subject,
                     const std::string& problem, const std::string& ip)>
      admit_client;
};

struct ListeningAddresses {
  std::string http;   // e.g. http://127.0.0.1:8080 (empty when disabled)
  std::string https;  // e.g. https://127.0.0.1:8443
};

// Binds the configured listeners, calls on_listening, and serves until SIGTERM or SIGINT; then
// stops accepting, lets requests in flight finish (up to shutdown_grace_seconds) and returns.
void serve(const Config::Server& config, const RequestHandler& handler, AccessLog& access_log,
           const std::function<void(const ListeningAddresses&)>& on_listening);

}  // namespace musubi::http
