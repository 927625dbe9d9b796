// The application behind the listener: finds the route, resolves the session, checks Origin,
// CSRF and the route's roles, runs the handler and maps errors to JSON. Knows no Beast and no SQL.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace musubi::storage {
class Storage;
}
namespace musubi::region {
class RegionService;
}
namespace musubi::person {
class PersonService;
class RecordService;
}  // namespace musubi::person
namespace musubi::notice {
class NoticeService;
}
namespace musubi::poll {
class PollService;
}
namespace musubi::notify {
class NotificationService;
}
namespace musubi::ems {
class EmsService;
class EmergencyCallService;
}  // namespace musubi::ems
namespace musubi::disaster {
class RegisterService;
class DisasterService;
class OverlayService;
}  // namespace musubi::disaster
namespace musubi::auth {
class DeviceService;
class InvitationService;
class SecondFactorService;
}  // namespace musubi::auth
namespace musubi::board {
class BoardService;
class AttachmentService;
class SearchService;
class InboxService;
class GroupService;
class MailInService;
}  // namespace musubi::board

namespace musubi::live {
class Hub;
}

namespace musubi::http {

struct Services {
  storage::Storage& storage;
  const Clock& clock;
  auth::AuthService& auth;
  region::RegionService& regions;
  person::PersonService& persons;
  person::RecordService& records;
  board::BoardService& board;
  board::AttachmentService& attachments;
  board::SearchService& search;
  board::InboxService& inbox;
  auth::DeviceService* devices = nullptr;  // set where certificates are used
  auth::InvitationService* invitations = nullptr;
  auth::SecondFactorService* second_factor = nullptr;
  std::string public_origin;  // server.public_origin: links for devices without a certificate
  std::string mail_domain;    // mail.inbound_domain when mail into groups is set up
  std::string mail_in_token;  // mail.inbound_token: what the MTA must present
  std::int64_t mail_in_max_bytes = std::int64_t{30} << 20;
  live::Hub* live = nullptr;  // set while serving
  notice::NoticeService* notices = nullptr;
  board::GroupService* groups = nullptr;
  poll::PollService* polls = nullptr;
  notify::NotificationService* notifications = nullptr;
  board::MailInService* mail_in = nullptr;
  ems::EmsService* ems = nullptr;
  ems::EmergencyCallService* emergency_calls = nullptr;
  disaster::RegisterService* disaster_register = nullptr;
  disaster::DisasterService* disasters = nullptr;
  disaster::OverlayService* overlays = nullptr;
  // GET /api/v1/disaster/map-config: the tile layers and the map's first view, as JSON.
  std::string map_config = "{}";
  // The tile servers' origins, allowed as image sources on the pages (none with local tiles).
  std::string map_image_sources;
  std::string tile_directory;  // disaster.tile_directory: tiles served under /tiles/
  // The data directory and the free space below which deep health fails and uploads are refused.
  std::string data_dir;
  std::int64_t min_free_bytes = 0;
  // Set when the server serves reads only: why, for the administrator (audit.on_anchor_mismatch).
  std::string read_only_reason;
};

class App {
 public:
  App(Services services, const StaticFiles& static_files);
  Response handle(Request& request);
  // Which worker pool runs the request (its route's lane; general for everything else).
  Lane lane_of(const Request& head) const;
  // For an upload route: authorises the head and opens the upload; nullopt for other routes.
  std::optional<UploadStart> start_upload(Request& head);
  // For a WebSocket upgrade of GET /api/v1/live: same session and Origin rules as the API.
  LiveStart start_live(Request& head);
  const Router& router() const { return router_; }

 private:
  Response dispatch(Request& request);
  // An upload of this size would leave less than data.min_free_bytes free.
  bool storage_low_for(const Request& head) const;
  // A request over a client certificate names its device; nullopt when it may go on.
  std::optional<Response> admit_device(Request& request);
  // Session, Origin, CSRF, roles: a response when the request may not go on.
  std::optional<Response> authorise(Request& request, const Route& route, Context& context);
  Services services_;
  const StaticFiles& static_files_;
  Router router_;
};

// Route registration, one function per domain (routes_*.cpp).
// A route's handler as a plain function of the services and the request (each routes_*.cpp is a
// table of routes and one such function per route).
using RouteFunction = Response (*)(Services&, Context&);
inline Handler bind(Services& services, RouteFunction function) {
  return [&services, function](Context& c) { return function(services, c); };
}

void add_system_routes(Router& router, Services& services);
void add_session_routes(Router& router, Services& services);
void add_directory_routes(Router& router, Services& services);
void add_person_routes(Router& router, Services& services);
void add_audit_routes(Router& router, Services& services);
void add_board_routes(Router& router, Services& services);
void add_file_routes(Router& router, Services& services);
void add_inbox_routes(Router& router, Services& services);
void add_device_routes(Router& router, Services& services);
void add_invitation_routes(Router& router, Services& services);
void add_record_routes(Router& router, Services& services);
void add_notice_routes(Router& router, Services& services);
void add_group_routes(Router& router, Services& services);
void add_poll_routes(Router& router, Services& services);
void add_notification_routes(Router& router, Services& services);
void add_mail_in_routes(Router& router, Services& services);
void add_ems_routes(Router& router, Services& services);
void add_disaster_routes(Router& router, Services& services);

constexpr const char* kSessionCookie = "musubi_session";

Response json_response(int status, std::string body);
// The token of `Authorization: Bearer <token>` (a gateway's credential); empty without one.
std::string_view bearer_token(const Request& request);
// Where a request comes from, for the auth service and the audit log.
access::Origin origin_of(const Request& request);
// The JSON error for an exception thrown by a handler (call inside a catch block).
Response current_exception_response(const Request& request);
void add_security_headers(Response& r, const Request& request);
// The pages' Content-Security-Policy, with extra image sources (space-separated origins).
std::string page_policy(const std::string& image_sources);

Response error_response(ErrorCode code, const std::string& message,
                        const std::vector<FieldError>& fields, const std::string& request_id);

}  // namespace musubi::http
