#include "http/connection/refusals.hpp"

#include "core/error.hpp"
#include "http/app.hpp"

namespace musubi::http::connection {

Response too_large_response(const std::string& request_id, int status) {
  auto r = error_response(ErrorCode::too_large,
                          status == 431 ? "リクエストヘッダーが大きすぎます" : "", {}, request_id);
  r.status = status;
  r.route = "too_large";
  return r;
}

Response bad_request_response(const std::string& request_id) {
  auto r = error_response(ErrorCode::invalid_input, "リクエストの形式が正しくありません", {},
                          request_id);
  r.route = "bad_request";
  return r;
}

Response version_response(const std::string& request_id) {
  auto r = error_response(
      ErrorCode::invalid_input,
      "HTTP/1.1 で送ってください（このサーバーは HTTP/1.0 と HTTP/1.1 に対応しています）", {},
      request_id);
  r.status = 505;
  r.route = "bad_request";
  return r;
}

Response busy_response(const std::string& request_id, Lane lane) {
  auto r = error_response(ErrorCode::busy, "", {}, request_id);
  r.set_header("Retry-After", lane == Lane::login ? "2" : lane == Lane::heavy ? "5" : "1");
  r.route = "busy";
  return r;
}

}  // namespace musubi::http::connection
