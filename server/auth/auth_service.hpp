// Use cases of signing in: login with lock-out, session resolution with idle and absolute
// timeouts, logout (here or everywhere) and password change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/actor_for.hpp"
#include "auth/auth_store.hpp"
#include "auth/login_throttle.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"

namespace musubi::storage {
class Storage;
class Transaction;
}  // namespace musubi::storage
namespace musubi::audit {
struct Event;
}
namespace musubi::region {
struct User;
}

namespace musubi::auth {

struct LoginResult {
  std::string session_token;  // goes into the cookie; only its hash is stored
  Session session;
  Actor actor;
  bool must_change_password = false;
  std::optional<UnixSeconds> previous_login_at;
  std::string previous_login_ip;
};

struct ResolvedSession {
  Actor actor;
  Session session;
  bool must_change_password = false;
};

class AuthService {
 public:
  AuthService(storage::Storage& storage, const Clock& clock, Config::Session session_policy,
              Config::Login login_policy);

  // Throws Error: unauthenticated (wrong ID or password, or a one-time code missing or wrong:
  // then the error names the field "one_time_code"), too_many_requests (wait a little), locked
  // (too many failures). Every attempt is audited. `one_time_code` is a TOTP code or a recovery
  // code, asked of account kinds the region lets in without a device certificate.
  LoginResult login(const std::string& login_id, const std::string& password, const Origin& origin,
                    const std::string& one_time_code = {});

  // nullopt when the token names no open session or the session has timed out (then it is ended).
  // A background request (badge counts, live updates) does not count as activity, so that an
  // open tab alone never keeps a session from timing out.
  std::optional<ResolvedSession> resolve(const std::string& token, const Origin& origin,
                                         bool activity = true);

  // Of these sessions, the ones still open (not ended, not timed out), without counting this
  // check as activity: a live connection alone does not keep a session alive.
  std::vector<Id> still_open(const std::vector<Id>& session_ids);

  void logout(const Actor& actor);
  std::int64_t logout_everywhere(const Actor& actor);
  void change_password(const Actor& actor, const std::string& current,
                       const std::string& replacement);
  std::vector<Session> open_sessions(const Actor& actor);

  const Config::Session& session_policy() const { return session_policy_; }
  // The session's own (its region's at login), else the server's.
  UnixSeconds idle_timeout_of(const Session& session) const;

 private:
  // Logging in, step by step (auth/login.cpp).
  struct LoginAttempt;
  enum class LoginOutcome : int;
  void refuse_throttled_client(const LoginAttempt& attempt);
  [[noreturn]] void fail_unknown_login(const LoginAttempt& attempt);
  void refuse_locked_account(const LoginAttempt& attempt, const Credential& credential);
  LoginOutcome check_and_open(storage::Transaction& tx, const LoginAttempt& attempt, Id user_id,
                              bool password_ok, LoginResult& result);
  LoginOutcome check_second_factor(storage::Transaction& tx, const LoginAttempt& attempt,
                                   const Credential& credential, const region::User& user,
                                   audit::Event& event);
  LoginOutcome check_device(storage::Transaction& tx, const LoginAttempt& attempt,
                            const Credential& credential, audit::Event& event);
  void open_session(storage::Transaction& tx, const LoginAttempt& attempt,
                    const Credential& credential, const region::User& user,
                    const audit::Event& event, LoginResult& result);
  void count_failure(storage::Transaction& tx, const LoginAttempt& attempt,
                     const Credential& credential, audit::Event& event, const char* what);
  void deny(storage::Transaction& tx, const LoginAttempt& attempt, const Credential& credential,
            audit::Event& event, std::string detail);

  storage::Storage& storage_;
  const Clock& clock_;
  Config::Session session_policy_;
  Config::Login login_policy_;
  UnknownLoginThrottle unknown_logins_;
  ClientLoginThrottle client_failures_;
};

}  // namespace musubi::auth
