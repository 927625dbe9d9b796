#include "http/app.hpp"

#include "auth/device_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "audit/read_log_wait.hpp"
#include "core/crypto.hpp"
#include "core/disk_space.hpp"
#include "core/error.hpp"
#include "http/error_map.hpp"
#include "live/hub.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

bool is_state_change(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// "scheme://host[:port]" of a URL (a Referer); empty when it has none.
std::string_view origin_part(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  auto path = url.find('/', scheme_end + 3);
  return url.substr(0, path);
}

// The host name of "scheme://host[:port]" or "host[:port]" (IPv6 in brackets), without the port.
std::string_view host_name(std::string_view origin_or_host) {
  if (auto scheme_end = origin_or_host.find("://"); scheme_end != std::string_view::npos) {
    origin_or_host.remove_prefix(scheme_end + 3);
  }
  if (origin_or_host.starts_with('[')) {
    return origin_or_host.substr(0, origin_or_host.find(']') + 1);
  }
  return origin_or_host.substr(0, origin_or_host.find(':'));
}

// A browser sends Origin on cross-site state changes (and Referer where an old one does not):
// either must name this server — the request's own scheme and Host. Where the public origin is
// configured, that Host must also carry its name (any door: the plain one, the certificate one),
// so that another site whose name was pointed at this server (DNS rebinding) cannot pass; the
// public origin itself always passes, whatever Host a proxy forwards.
bool origin_allowed(const Request& request, const std::string& public_origin) {
  std::string_view origin = request.header("origin");
  if (origin.empty()) {
    auto referer = request.header("referer");
    if (referer.empty()) return true;  // not a browser's cross-site form: the CSRF token decides
    origin = origin_part(referer);
  }
  std::string_view configured = public_origin;
  while (configured.ends_with('/')) configured.remove_suffix(1);
  if (!configured.empty() && origin == configured) return true;
  auto host = request.header("host");
  std::string own = std::string(request.secure ? "https://" : "http://") + std::string(host);
  if (origin != own) return false;
  return configured.empty() || host_name(host) == host_name(configured);
}

}  // namespace

std::string page_policy(const std::string& image_sources) {
  return fmt::format(
      "default-src 'self'; img-src 'self' data: blob:{}{}; style-src 'self'; object-src 'none'; "
      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      image_sources.empty() ? "" : " ", image_sources);
}

void add_security_headers(Response& r, const Request& request) {
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "no-referrer");
  // No other site's window keeps a handle on ours, nor embeds our answers; the page asks for no
  // sensor (geolocation only for the maps, on this site).
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  r.set_header("Cross-Origin-Resource-Policy", "same-origin");
  r.set_header("Permissions-Policy",
               "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
               "microphone=(), payment=(), usb=()");
  bool has_policy = std::any_of(r.headers.begin(), r.headers.end(),
                                [](const auto& h) { return h.first == "Content-Security-Policy"; });
  // A route may set a policy of its own (files: stricter for downloads, none blocking the PDF
  // viewer); otherwise the application's.
  if (!has_policy) {
    r.set_header("Content-Security-Policy", page_policy(""));
  }
  if (request.secure) r.set_header("Strict-Transport-Security", "max-age=31536000");
  if (request.path.starts_with("/api/")) r.set_header("Cache-Control", "no-store");
  r.set_header("X-Request-Id", request.request_id);
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response error_response(ErrorCode code, const std::string& message,
                        const std::vector<FieldError>& fields, const std::string& request_id) {
  const auto& info = error_info(code);
  json f = json::array();
  for (const auto& e : fields) f.push_back({{"field", e.field}, {"message", e.message}});
  json body = {{"error",
                {{"code", info.code},
                 {"message", message.empty() ? std::string(info.message) : message},
                 {"fields", f},
                 {"request_id", request_id}}}};
  return json_response(info.status, body.dump());
}

App::App(Services services, const StaticFiles& static_files)
    : services_(std::move(services)), static_files_(static_files) {
  add_system_routes(router_, services_);
  add_session_routes(router_, services_);
  add_directory_routes(router_, services_);
  add_record_routes(router_, services_);
  add_person_routes(router_, services_);
  add_audit_routes(router_, services_);
  add_board_routes(router_, services_);
  add_file_routes(router_, services_);
  add_inbox_routes(router_, services_);
  add_device_routes(router_, services_);
  add_invitation_routes(router_, services_);
  add_notice_routes(router_, services_);
  add_group_routes(router_, services_);
  add_poll_routes(router_, services_);
  add_notification_routes(router_, services_);
  add_mail_in_routes(router_, services_);
  add_ems_routes(router_, services_);
  add_disaster_routes(router_, services_);
}

Response current_exception_response(const Request& request) {
  try {
    throw;
  } catch (const Error& e) {
    return error_response(e.code(), e.message(), e.fields(), request.request_id);
  } catch (const json::exception& e) {
    return error_response(ErrorCode::invalid_input,
                          "送信されたデータ（JSON）の形式が正しくありません", {},
                          request.request_id);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} failed: {}", request.request_id, request.method, e.what());
    return error_response(ErrorCode::internal, "", {}, request.request_id);
  }
}

namespace {

Response finished(Response r, const Request& request) {
  if (r.route.empty()) r.route = request.route.empty() ? "unmatched" : request.route;
  add_security_headers(r, request);
  return r;
}

// Turns the handler's exceptions into answers, as handle() does for whole-body requests.
class GuardedUpload final : public Upload {
 public:
  GuardedUpload(std::unique_ptr<Upload> inner, Request head)
      : inner_(std::move(inner)), head_(std::move(head)) {}
  std::uint64_t limit() const override { return inner_->limit(); }
  std::optional<Response> write(std::string_view bytes) override {
    try {
      if (auto r = inner_->write(bytes)) return finished(std::move(*r), head_);
      return std::nullopt;
    } catch (...) {
      return finished(current_exception_response(head_), head_);
    }
  }
  Response finish() override {
    try {
      return finished(inner_->finish(), head_);
    } catch (...) {
      return finished(current_exception_response(head_), head_);
    }
  }

 private:
  std::unique_ptr<Upload> inner_;
  Request head_;
};

}  // namespace

std::string_view bearer_token(const Request& request) {
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view auth = request.header("authorization");
  return auth.starts_with(kBearer) ? auth.substr(kBearer.size()) : std::string_view{};
}

access::Origin origin_of(const Request& request) {
  return {.ip = request.remote_ip,
          .user_agent = std::string(request.header("user-agent")),
          .request_id = request.request_id,
          .device_id = request.device_id};
}

std::optional<Response> App::admit_device(Request& request) {
  if (request.client_serial.empty() || !services_.devices) return std::nullopt;
  // Checked on every request, not only at the handshake: a revoked device's open connection
  // stops working at its next request.
  auto device = services_.devices->admit(request.client_serial, request.remote_ip);
  if (!device) {
    auto r = error_response(ErrorCode::forbidden,
                            "この端末の証明書は失効しているか期限が切れています。管理者に連絡して"
                            "ください。",
                            {}, request.request_id);
    return r;
  }
  request.device_id = device->id;
  services_.devices->note_use(*device, request.remote_ip);
  return std::nullopt;
}

Response App::handle(Request& request) {
  Response r;
  // Reads logged while handling are committed without this worker waiting (read_log_wait.hpp).
  auto reads = std::make_shared<audit::ReadLogWait>();
  try {
    audit::DeferReadLogs deferred(reads);
    if (auto refused = admit_device(request)) return finished(std::move(*refused), request);
    r = dispatch(request);
  } catch (...) {
    r = current_exception_response(request);
  }
  if (reads->pending()) {
    r.wait_logged = [reads, head = Request{.method = request.method,
                                           .path = request.path,
                                           .secure = request.secure,
                                           .request_id = request.request_id,
                                           .route = request.route}](auto done) {
      reads->when_logged([done = std::move(done), head](const std::exception_ptr& error) {
        if (!error) return done(std::nullopt);
        try {
          std::rethrow_exception(error);
        } catch (...) {
          done(finished(current_exception_response(head), head));
        }
      });
    };
  }
  return finished(std::move(r), request);
}

Lane App::lane_of(const Request& head) const {
  bool path_exists = false;
  auto match = router_.match(head.method, head.path, path_exists);
  return match ? match->route->options.lane : Lane::general;
}

std::optional<UploadStart> App::start_upload(Request& head) {
  bool path_exists = false;
  auto match = router_.match(head.method, head.path, path_exists);
  if (!match || !match->route->upload) return std::nullopt;
  const Route& route = *match->route;
  head.route = route.pattern;
  UploadStart start;
  try {
    if (auto refused = admit_device(head)) {
      start.refused = finished(std::move(*refused), head);
      return start;
    }
    Context context{head, std::move(match->params), std::nullopt};
    if (auto refused = authorise(head, route, context)) {
      start.refused = finished(std::move(*refused), head);
      return start;
    }
    if (storage_low_for(head)) {
      start.refused = finished(
          error_response(ErrorCode::storage_full,
                         "サーバーの保存領域が残り少ないため、ファイルを受け付けられません。"
                         "何も保存されていません。管理者にお知らせください。",
                         {}, head.request_id),
          head);
      return start;
    }
    start.upload = std::make_unique<GuardedUpload>(route.upload(context), head);
  } catch (...) {
    start.refused = finished(current_exception_response(head), head);
  }
  return start;
}

LiveStart App::start_live(Request& head) {
  head.route = "/api/v1/live";
  LiveStart start;
  auto refuse = [&](ErrorCode code, const std::string& message = {}) {
    start.refused = finished(error_response(code, message, {}, head.request_id), head);
  };
  try {
    if (head.path != "/api/v1/live" || head.method != "GET" || !services_.live) {
      refuse(ErrorCode::not_found);
      return start;
    }
    if (auto refused = admit_device(head)) {
      start.refused = finished(std::move(*refused), head);
      return start;
    }
    // Browsers always send Origin on a WebSocket; another site's page must not listen in.
    if (head.header("origin").empty() || !origin_allowed(head, services_.public_origin)) {
      refuse(ErrorCode::forbidden, "別のサイトからの接続は受け付けません");
      return start;
    }
    auto origin = origin_of(head);
    auto token = head.cookie(kSessionCookie);
    auto session = services_.auth.resolve(token, origin, false);
    if (!session) {
      refuse(token.empty() ? ErrorCode::unauthenticated : ErrorCode::session_expired);
      return start;
    }
    if (session->must_change_password) {
      refuse(ErrorCode::forbidden, "仮パスワードを変更してから利用してください");
      return start;
    }
    // A crew's account hears nothing of the boards (it is on none, and it may not listen).
    if (access::emergency_only(session->actor.roles)) {
      refuse(ErrorCode::forbidden);
      return start;
    }
    std::optional<std::int64_t> after;
    if (auto raw = head.query_param("after"); raw && !raw->empty()) {
      std::int64_t value = -1;
      auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
      if (ec != std::errc() || end != raw->data() + raw->size() || value < 0) {
        refuse(ErrorCode::invalid_input, "after が正しくありません");
        return start;
      }
      after = value;
    }
    start.attach = [hub = services_.live, actor = session->actor, id = session->session.id,
                    after](std::shared_ptr<live::Sink> sink) {
      return hub->subscribe(actor, id, after, std::move(sink));
    };
  } catch (...) {
    start.refused = finished(current_exception_response(head), head);
  }
  return start;
}

Response App::dispatch(Request& request) {
  bool path_exists = false;
  auto match = router_.match(request.method, request.path, path_exists);
  if (!match) {
    if (path_exists) {
      auto r = error_response(ErrorCode::invalid_input, "このメソッドは使えません", {},
                              request.request_id);
      r.status = 405;
      return r;
    }
    if ((request.method == "GET" || request.method == "HEAD") &&
        !request.path.starts_with("/api/")) {
      if (auto file = static_files_.serve(request)) {
        // The pages may show the disaster map's tiles from the configured tile servers.
        if (!services_.map_image_sources.empty() && file->content_type.starts_with("text/html")) {
          file->set_header("Content-Security-Policy", page_policy(services_.map_image_sources));
        }
        return *file;
      }
    }
    auto r = error_response(ErrorCode::not_found, "", {}, request.request_id);
    r.route = "unmatched";
    return r;
  }
  const Route& route = *match->route;
  request.route = route.pattern;
  Context context{request, std::move(match->params), std::nullopt};
  if (route.upload) {
    // Reached only if the listener did not stream it (cannot happen with server.cpp).
    return error_response(ErrorCode::invalid_input, "", {}, request.request_id);
  }
  if (auto refused = authorise(request, route, context)) return *refused;
  auto response = route.handler(context);
  response.route = route.pattern;
  return response;
}

bool App::storage_low_for(const Request& head) const {
  if (services_.data_dir.empty()) return false;
  auto free = free_bytes(services_.data_dir);
  if (!free) return false;
  // Refused before a byte is stored, instead of failing half-way and leaving the part behind.
  std::int64_t declared = 0;
  if (auto length = head.header("content-length"); !length.empty()) {
    std::from_chars(length.data(), length.data() + length.size(), declared);
  }
  return *free - declared < services_.min_free_bytes;
}

std::optional<Response> App::authorise(Request& request, const Route& route, Context& context) {
  auto fail = [&](ErrorCode code, const std::string& message = {}) {
    auto r = error_response(code, message, {}, request.request_id);
    r.route = route.pattern;
    return r;
  };
  if (is_state_change(request.method) && !origin_allowed(request, services_.public_origin)) {
    return fail(ErrorCode::forbidden, "別のサイトからの送信は受け付けません");
  }
  if (!route.access.is_public()) {
    auto origin = origin_of(request);
    auto token = request.cookie(kSessionCookie);
    context.session =
        services_.auth.resolve(token, origin, request.header("x-musubi-background") != "1");
    if (!context.session) {
      return fail(token.empty() ? ErrorCode::unauthenticated : ErrorCode::session_expired);
    }
    if (is_state_change(request.method) && !route.options.csrf_exempt) {
      auto token = request.header("x-csrf-token");
      if (token.empty() ||
          !crypto::constant_time_equal(token, context.session->session.csrf_token)) {
        return fail(ErrorCode::csrf_failed);
      }
    }
    if (!route.access.allows(context.actor().roles)) return fail(ErrorCode::forbidden);
    if (context.session->must_change_password && !route.options.allowed_before_password_change) {
      return fail(ErrorCode::forbidden, "仮パスワードを変更してから利用してください");
    }
  }
  // After the session checks, so that who may not call a route still hears 401/403.
  if (is_state_change(request.method) && !services_.read_only_reason.empty() &&
      !route.options.allowed_read_only) {
    return fail(ErrorCode::read_only);
  }
  return std::nullopt;
}

}  // namespace musubi::http
