// /healthz and version: public, cheap, no personal data.
#include <nlohmann/json.hpp>

#include "http/app.hpp"
#include "storage/storage.hpp"

namespace musubi::http {

void add_system_routes(Router& router, Services& services) {
  router.add("GET", "/healthz", Access::everyone(), [&services](Context& c) {
    if (c.request.query_param("deep")) {
      bool ok = services.storage.healthy();
      return json_response(ok ? 200 : 503,
                           nlohmann::json{{"status", ok ? "ok" : "storage unavailable"}}.dump());
    }
    return json_response(200, R"({"status":"ok"})");
  });
  router.add("GET", "/api/v1/version", Access::everyone(), [&services](Context&) {
    return json_response(200, nlohmann::json{{"name", "musubi"},
                                             {"version", MUSUBI_VERSION},
                                             {"storage", services.storage.backend_name()}}
                                  .dump());
  });
}

}  // namespace musubi::http
