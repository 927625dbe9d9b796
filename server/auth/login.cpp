// Logging in, step by step: the client's throttle, the login ID (an unknown one answered exactly
// like a known one), the account's lock, the password (hashed outside any transaction, so that it
// never holds the writer), then in one transaction the account, the second factor (a one-time
// code, or the device certificate's owner) and the new session. Every step that refuses is
// audited.
#include <fmt/format.h>

#include <algorithm>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "auth/device_store.hpp"
#include "auth/second_factor_store.hpp"
#include "auth/totp.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

struct AuthService::LoginAttempt {
  const std::string& login_id;
  const std::string& password;
  const Origin& origin;
  const std::string& one_time_code;
  std::string client;  // the throttle's key: the device certificate, else the address
  UnixSeconds now = 0;
};

enum class AuthService::LoginOutcome : int {
  ok,
  wrong,
  inactive,
  other_device,
  certificate_required,
  code_required,
  code_wrong
};

namespace {

constexpr const char* kWrongCredentials = "ログインIDまたはパスワードが違います";

}  // namespace

LoginResult AuthService::login(const std::string& login_id, const std::string& password,
                               const Origin& origin, const std::string& one_time_code) {
  const LoginAttempt attempt{.login_id = login_id,
                             .password = password,
                             .origin = origin,
                             .one_time_code = one_time_code,
                             .client = origin.device_id
                                           ? fmt::format("device:{}", *origin.device_id)
                                           : fmt::format("address:{}", origin.ip),
                             .now = clock_.now()};
  refuse_throttled_client(attempt);
  auto credential = storage_.read(
      [&](storage::Transaction& tx) { return tx.credentials().find_by_login(login_id); });
  if (!credential) fail_unknown_login(attempt);
  refuse_locked_account(attempt, *credential);
  const bool password_ok = access::verify_password(password, credential->password_hash);
  LoginResult result;
  const auto outcome = storage_.write([&](storage::Transaction& tx) {
    return check_and_open(tx, attempt, credential->user_id, password_ok, result);
  });
  switch (outcome) {
    case LoginOutcome::ok:
      return result;
    case LoginOutcome::certificate_required:
      throw Error(ErrorCode::forbidden,
                  "この地域では、端末証明書を入れた端末からしかログインできません。証明書用の"
                  "アドレス（https://…）から開いてください。証明書がない場合は管理者に連絡して"
                  "ください。");
    case LoginOutcome::code_required:
      throw Error(ErrorCode::unauthenticated,
                  "アプリに表示されている6桁のワンタイムコードを入力してください",
                  {{"one_time_code", "ワンタイムコードを入力してください"}});
    case LoginOutcome::code_wrong:
      throw Error(ErrorCode::unauthenticated,
                  "ワンタイムコードが違います。アプリの最新のコード（または回復コード）を入力して"
                  "ください",
                  {{"one_time_code", "コードが違います"}});
    case LoginOutcome::other_device:
      throw Error(ErrorCode::forbidden,
                  "この端末の証明書は別の利用者のものです。ご自分の端末からログインしてください。");
    case LoginOutcome::inactive:
      throw Error(ErrorCode::forbidden,
                  "このアカウントは利用停止されています。管理者に連絡してください。");
    case LoginOutcome::wrong:
      break;
  }
  throw Error(ErrorCode::unauthenticated, kWrongCredentials);
}

void AuthService::refuse_throttled_client(const LoginAttempt& a) {
  try {
    client_failures_.check(a.client, a.now);
  } catch (const Error&) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, a.login_id, a.origin,
                              {.action = "login",
                               .outcome = "denied",
                               .detail = "too many failed logins from this client"});
    });
    throw;
  }
}

void AuthService::fail_unknown_login(const LoginAttempt& a) {
  // The same delay and lock as an account's, so that the answers never tell the two apart.
  auto known = unknown_logins_.state(a.login_id);
  if (known.locked_until > a.now) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(
          tx, clock_, std::nullopt, std::nullopt, a.login_id, a.origin,
          {.action = "login", .outcome = "denied", .detail = "unknown login ID, retry delay"});
    });
    refuse_while_locked(known.locked_until - a.now,
                        known.failed >= login_policy_.failures_before_lock);
  }
  access::verify_dummy_password(a.password);
  client_failures_.fail(a.client, a.now);
  auto failed = unknown_logins_.fail(a.login_id, a.now, login_policy_).failed;
  storage_.write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, a.login_id, a.origin,
                            {.action = "login",
                             .outcome = "failure",
                             .detail = fmt::format("unknown login ID ({} in a row)", failed)});
  });
  throw Error(ErrorCode::unauthenticated, kWrongCredentials);
}

void AuthService::refuse_locked_account(const LoginAttempt& a, const Credential& credential) {
  if (credential.locked_until <= a.now) return;
  const bool hard_lock = credential.failed_logins >= login_policy_.failures_before_lock;
  storage_.write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, clock_, credential.region_id, credential.user_id, a.login_id,
                            a.origin,
                            {.action = "login",
                             .target_type = "user",
                             .target_id = std::to_string(credential.user_id),
                             .outcome = "denied",
                             .detail = hard_lock ? "account locked" : "retry delay"});
  });
  refuse_while_locked(credential.locked_until - a.now, hard_lock);
}

AuthService::LoginOutcome AuthService::check_and_open(storage::Transaction& tx,
                                                      const LoginAttempt& a, Id user_id,
                                                      bool password_ok, LoginResult& result) {
  // The account as it is now: another login may have counted a failure meanwhile.
  auto fresh = tx.credentials().find_by_user(user_id);
  if (!fresh) return LoginOutcome::wrong;
  audit::Event event{
      .action = "login", .target_type = "user", .target_id = std::to_string(fresh->user_id)};
  if (!password_ok) {
    count_failure(tx, a, *fresh, event, "wrong password");
    return LoginOutcome::wrong;
  }
  if (!fresh->active) {
    deny(tx, a, *fresh, event, "account deactivated");
    return LoginOutcome::inactive;
  }
  auto user = tx.users().find(fresh->region_id, fresh->user_id);
  if (!user) return LoginOutcome::wrong;
  const auto outcome = a.origin.device_id ? check_device(tx, a, *fresh, event)
                                          : check_second_factor(tx, a, *fresh, *user, event);
  if (outcome != LoginOutcome::ok) return outcome;
  open_session(tx, a, *fresh, *user, event, result);
  return LoginOutcome::ok;
}

// Without a device certificate: a one-time code where the user has enrolled an app (the account
// kinds the region allows), else only where the region does not require a certificate.
AuthService::LoginOutcome AuthService::check_second_factor(storage::Transaction& tx,
                                                           const LoginAttempt& a,
                                                           const Credential& credential,
                                                           const region::User& user,
                                                           audit::Event& event) {
  auto region = tx.regions().find(credential.region_id);
  auto secret = region && region->totp_roles.intersects(user.roles)
                    ? tx.second_factor().totp(credential.user_id)
                    : std::nullopt;
  if (!secret || !secret->confirmed_at) {
    if (region && !region->certificate_required) return LoginOutcome::ok;
    deny(tx, a, credential, event, "device certificate required");
    return LoginOutcome::certificate_required;
  }
  if (a.one_time_code.empty()) {
    deny(tx, a, credential, event, "one-time code required");
    return LoginOutcome::code_required;
  }
  bool code_ok = false;
  if (auto step = totp::verify(secret->secret, a.one_time_code, a.now, secret->last_step)) {
    code_ok = tx.second_factor().advance_step(credential.user_id, *step);
    event.detail = "one-time code";
  } else if (a.one_time_code.size() <= 20) {
    code_ok = tx.second_factor().use_recovery_code(
        credential.user_id, totp::hash_recovery_code(a.one_time_code), a.now);
    event.detail = fmt::format("recovery code ({} left)",
                               tx.second_factor().recovery_codes_left(credential.user_id));
  }
  if (code_ok) return LoginOutcome::ok;
  count_failure(tx, a, credential, event, "wrong one-time code");
  return LoginOutcome::code_wrong;
}

// Over the certificate listener the device must be this user's: a password is not enough.
AuthService::LoginOutcome AuthService::check_device(storage::Transaction& tx, const LoginAttempt& a,
                                                    const Credential& credential,
                                                    audit::Event& event) {
  auto device = tx.devices().find(*a.origin.device_id);
  if (device && device->user_id == credential.user_id) return LoginOutcome::ok;
  deny(tx, a, credential, event,
       fmt::format("device certificate {} belongs to another user",
                   device ? device->serial : std::string("?")));
  return LoginOutcome::other_device;
}

void AuthService::open_session(storage::Transaction& tx, const LoginAttempt& a,
                               const Credential& credential, const region::User& user,
                               const audit::Event& event, LoginResult& result) {
  result.previous_login_at = credential.last_login_at;
  result.previous_login_ip = credential.last_login_ip;
  result.must_change_password = credential.must_change_password;
  tx.credentials().record_success(credential.user_id, a.now, a.origin.ip);

  result.session_token = crypto::random_token(32);
  Session& s = result.session;
  s.user_id = credential.user_id;
  s.csrf_token = crypto::random_token(32);
  s.created_at = a.now;
  s.last_seen_at = a.now;
  // The region's own timeouts where it sets them, else the server's.
  auto region = tx.regions().find(credential.region_id);
  const auto absolute = region && region->session_absolute_timeout_seconds > 0
                            ? region->session_absolute_timeout_seconds
                            : session_policy_.absolute_timeout_seconds;
  s.idle_timeout_seconds = region && region->session_idle_timeout_seconds > 0
                               ? region->session_idle_timeout_seconds
                               : session_policy_.idle_timeout_seconds;
  // A crew's phone in an ambulance or the dispatch desk's shared terminal: a shorter idle time.
  if (region && access::emergency_only(user.roles) && region->ems_idle_timeout_seconds > 0) {
    s.idle_timeout_seconds = std::min(s.idle_timeout_seconds, region->ems_idle_timeout_seconds);
  }
  s.expires_at = a.now + absolute;
  s.ip = a.origin.ip;
  s.user_agent = text::prefix(a.origin.user_agent, 300);
  s.device_id = a.origin.device_id;
  s.id = tx.sessions().insert(crypto::sha256_hex(result.session_token), s);
  result.actor = actor_for(user, s.id, a.origin);
  audit::record(tx, clock_, result.actor, event);
}

// Wrong passwords and wrong one-time codes count alike towards the delay and the lock.
void AuthService::count_failure(storage::Transaction& tx, const LoginAttempt& a,
                                const Credential& credential, audit::Event& event,
                                const char* what) {
  client_failures_.fail(a.client, a.now);
  const auto failed = credential.failed_logins + 1;
  tx.credentials().record_failure(credential.user_id, failed,
                                  locked_until_after(failed, a.now, login_policy_));
  event.outcome = "failure";
  event.detail =
      fmt::format("{} ({} in a row){}", what, failed,
                  failed >= login_policy_.failures_before_lock ? ", account locked" : "");
  audit::record_anonymous(tx, clock_, credential.region_id, credential.user_id, a.login_id,
                          a.origin, event);
}

void AuthService::deny(storage::Transaction& tx, const LoginAttempt& a,
                       const Credential& credential, audit::Event& event, std::string detail) {
  event.outcome = "denied";
  event.detail = std::move(detail);
  audit::record_anonymous(tx, clock_, credential.region_id, credential.user_id, a.login_id,
                          a.origin, event);
}

}  // namespace musubi::auth
