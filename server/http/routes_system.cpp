// /healthz, /metrics and version: cheap, no personal data.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/disk_space.hpp"
#include "http/app.hpp"
#include "storage/storage.hpp"

namespace musubi::http {

namespace {

bool from_loopback(const Request& request) {
  const auto& ip = request.remote_ip;
  return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}

}  // namespace

void add_system_routes(Router& router, Services& services) {
  router.add("GET", "/healthz", Access::everyone(), [&services](Context& c) {
    if (c.request.query_param("deep")) {
      if (!services.storage.healthy()) {
        return json_response(503, R"({"status":"storage unavailable"})");
      }
      // A disk about to fill is unhealthy before the first write fails (the load balancer and
      // the monitoring see it; the numbers are on /metrics).
      if (!services.data_dir.empty()) {
        auto free = free_bytes(services.data_dir);
        if (!free || *free < services.min_free_bytes) {
          return json_response(503, R"({"status":"storage low"})");
        }
      }
    }
    return json_response(200, R"({"status":"ok"})");
  });
  // Prometheus text format, for a scraper on the same machine (or through the operator's proxy);
  // other clients get 404.
  router.add("GET", "/metrics", Access::everyone(), [&services](Context& c) {
    if (!from_loopback(c.request)) throw Error(ErrorCode::not_found);
    const auto free = services.data_dir.empty() ? std::nullopt : free_bytes(services.data_dir);
    std::string out;
    out += "# HELP musubi_data_free_bytes Free space on the data directory's file system.\n";
    out += "# TYPE musubi_data_free_bytes gauge\n";
    out += fmt::format("musubi_data_free_bytes {}\n", free.value_or(-1));
    out += "# HELP musubi_data_min_free_bytes Below this, deep health fails and uploads stop.\n";
    out += "# TYPE musubi_data_min_free_bytes gauge\n";
    out += fmt::format("musubi_data_min_free_bytes {}\n", services.min_free_bytes);
    out += "# HELP musubi_storage_healthy 1 when the database answers.\n";
    out += "# TYPE musubi_storage_healthy gauge\n";
    out += fmt::format("musubi_storage_healthy {}\n", services.storage.healthy() ? 1 : 0);
    Response r;
    r.status = 200;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = std::move(out);
    return r;
  });
  router.add("GET", "/api/v1/version", Access::everyone(), [&services](Context&) {
    return json_response(200, nlohmann::json{{"name", "musubi"},
                                             {"version", MUSUBI_VERSION},
                                             {"storage", services.storage.backend_name()}}
                                  .dump());
  });
}

}  // namespace musubi::http
