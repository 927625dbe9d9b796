// Routes: method + path pattern ("/api/v1/persons/{id}") + who may call it + handler. Access has
// no default: a route cannot be added without saying who may call it (deny by default).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "http/message.hpp"
#include "region/types.hpp"

namespace musubi::http {

class Access {
 public:
  static Access everyone() { return Access(true, {}, true); }
  // Any account of the care network. Not a fire department's crew, whose only door is the
  // emergency lookup (their routes name the `ems` role).
  static Access signed_in() { return Access(false, {}, false); }
  // Any signed-in account, a crew's too: its own session, password, devices and second factor.
  static Access own_account() { return Access(false, {}, true); }
  static Access any_of(access::RoleSet roles) { return Access(false, roles, false); }

  bool is_public() const { return public_; }
  bool any_account() const { return any_account_ && !public_; }
  bool requires_role() const { return !roles_.empty(); }
  bool allows(const access::RoleSet& roles) const {
    if (!roles_.empty()) return roles_.intersects(roles);
    return any_account_ || !access::emergency_only(roles);
  }
  const access::RoleSet& roles() const { return roles_; }

 private:
  Access(bool is_public, access::RoleSet roles, bool any_account)
      : public_(is_public), roles_(roles), any_account_(any_account) {}
  bool public_;
  access::RoleSet roles_;
  bool any_account_;
};

struct Context {
  const Request& request;
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<auth::ResolvedSession> session;

  const access::Actor& actor() const { return session->actor; }
  // A path parameter as a positive id; throws Error(not_found) for anything else.
  std::int64_t id(std::string_view name) const;
  // The same, as the id of what the route names (`c.id<BoardId>("id")`).
  template <class IdType>
  IdType id(std::string_view name) const {
    return IdType{id(name)};
  }
  // A path parameter as text ("" when absent).
  std::string param(std::string_view name) const;
};

using Handler = std::function<Response(Context&)>;
// For routes whose body is streamed (uploads): called with the head, after authorisation.
using UploadHandler = std::function<std::unique_ptr<Upload>(Context&)>;

struct RouteOptions {
  // Login has no session yet, so no CSRF token; it is protected by the Origin check instead.
  bool csrf_exempt = false;
  // Reachable while the user must still replace a temporary password.
  bool allowed_before_password_change = false;
  // Works while the server serves reads only (signing in and out).
  bool allowed_read_only = false;
  Lane lane = Lane::general;
};

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
  RouteOptions options;
  UploadHandler upload;  // set: the body is streamed to it instead of read whole
  // The pattern split at '/' once, when the route is added: "{name}" segments take any value.
  std::vector<std::string> segments;
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler,
           RouteOptions options = {});
  void add_upload(std::string method, std::string pattern, Access access, UploadHandler upload);
  // nullopt if nothing matches; `path_exists` tells 404 from 405.
  std::optional<Match> match(std::string_view method, std::string_view path,
                             bool& path_exists) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace musubi::http
