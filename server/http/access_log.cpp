#include "http/access_log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

#include "core/clock.hpp"

namespace musubi::http {

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "-") {
    out_ = stdout;
  } else if (!destination.empty()) {
    out_ = std::fopen(destination.c_str(), "a");
    owned_ = out_ != nullptr;
  }
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(out_);
}

void AccessLog::write(const Request& request, int status, const std::string& route,
                      std::size_t bytes, double milliseconds) {
  if (!out_) return;
  nlohmann::json line = {{"ts", format_iso8601(Clock().now())},
                         {"rid", request.request_id},
                         {"method", request.method},
                         {"route", route},
                         {"status", status},
                         {"bytes", bytes},
                         {"ms", static_cast<double>(static_cast<long>(milliseconds * 100)) / 100.0},
                         {"tls", request.secure}};
  auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace musubi::http
