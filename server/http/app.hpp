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
}
namespace musubi::board {
class BoardService;
}

namespace musubi::http {

struct Services {
  storage::Storage& storage;
  const Clock& clock;
  auth::AuthService& auth;
  region::RegionService& regions;
  person::PersonService& persons;
  board::BoardService& board;
};

class App {
 public:
  App(Services services, const StaticFiles& static_files);
  Response handle(Request& request);
  const Router& router() const { return router_; }

 private:
  Response dispatch(Request& request);
  Services services_;
  const StaticFiles& static_files_;
  Router router_;
};

// Route registration, one function per domain (routes_*.cpp).
void add_system_routes(Router& router, Services& services);
void add_session_routes(Router& router, Services& services);
void add_directory_routes(Router& router, Services& services);
void add_person_routes(Router& router, Services& services);
void add_audit_routes(Router& router, Services& services);
void add_board_routes(Router& router, Services& services);

constexpr const char* kSessionCookie = "musubi_session";

Response json_response(int status, const std::string& body);
Response error_response(ErrorCode code, const std::string& message,
                        const std::vector<FieldError>& fields, const std::string& request_id);

}  // namespace musubi::http
