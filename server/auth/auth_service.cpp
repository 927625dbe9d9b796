#include "auth/auth_service.hpp"
#include "auth/actor_for.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "auth/device_store.hpp"
#include "auth/login_throttle.hpp"
#include "auth/second_factor_store.hpp"
#include "auth/totp.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

namespace {

constexpr const char* kWrongCredentials = "ログインIDまたはパスワードが違います";

enum class Outcome {
  ok,
  wrong,
  delayed,
  locked,
  inactive,
  other_device,
  certificate_required,
  code_required,
  code_wrong
};

}  // namespace

AuthService::AuthService(storage::Storage& storage, const Clock& clock,
                         Config::Session session_policy, Config::Login login_policy)
    : storage_(storage),
      clock_(clock),
      session_policy_(session_policy),
      login_policy_(login_policy),
      client_failures_(login_policy) {}

LoginResult AuthService::login(const std::string& login_id, const std::string& password,
                               const Origin& origin, const std::string& one_time_code) {
  auto now = clock_.now();
  const auto client = origin.device_id ? fmt::format("device:{}", *origin.device_id)
                                       : fmt::format("address:{}", origin.ip);
  try {
    client_failures_.check(client, now);
  } catch (const Error&) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, login_id, origin,
                              {.action = "login",
                               .outcome = "denied",
                               .detail = "too many failed logins from this client"});
    });
    throw;
  }
  auto credential = storage_.read(
      [&](storage::Transaction& tx) { return tx.credentials().find_by_login(login_id); });
  if (!credential) {
    // The same delay and lock as an account's, so that the answers never tell the two apart.
    auto known = unknown_logins_.state(login_id);
    if (known.locked_until > now) {
      storage_.write([&](storage::Transaction& tx) {
        audit::record_anonymous(
            tx, clock_, std::nullopt, std::nullopt, login_id, origin,
            {.action = "login", .outcome = "denied", .detail = "unknown login ID, retry delay"});
      });
      refuse_while_locked(known.locked_until - now,
                          known.failed >= login_policy_.failures_before_lock);
    }
    access::verify_dummy_password(password);
    client_failures_.fail(client, now);
    auto failed = unknown_logins_.fail(login_id, now, login_policy_).failed;
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, login_id, origin,
                              {.action = "login",
                               .outcome = "failure",
                               .detail = fmt::format("unknown login ID ({} in a row)", failed)});
    });
    throw Error(ErrorCode::unauthenticated, kWrongCredentials);
  }
  if (credential->locked_until > now) {
    bool hard_lock = credential->failed_logins >= login_policy_.failures_before_lock;
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, credential->region_id, credential->user_id, login_id,
                              origin,
                              {.action = "login",
                               .target_type = "user",
                               .target_id = std::to_string(credential->user_id),
                               .outcome = "denied",
                               .detail = hard_lock ? "account locked" : "retry delay"});
    });
    refuse_while_locked(credential->locked_until - now, hard_lock);
  }

  // The slow hash runs outside any transaction so that it never holds the writer.
  bool password_ok = access::verify_password(password, credential->password_hash);

  LoginResult result;
  auto outcome = storage_.write([&](storage::Transaction& tx) {
    auto fresh = tx.credentials().find_by_user(credential->user_id);
    if (!fresh) return Outcome::wrong;
    audit::Event event{
        .action = "login", .target_type = "user", .target_id = std::to_string(fresh->user_id)};
    // Wrong passwords and wrong one-time codes count alike towards the delay and the lock.
    auto count_failure = [&](const char* what) {
      client_failures_.fail(client, now);
      auto failed = fresh->failed_logins + 1;
      tx.credentials().record_failure(fresh->user_id, failed,
                                      locked_until_after(failed, now, login_policy_));
      event.outcome = "failure";
      event.detail =
          fmt::format("{} ({} in a row){}", what, failed,
                      failed >= login_policy_.failures_before_lock ? ", account locked" : "");
      audit::record_anonymous(tx, clock_, fresh->region_id, fresh->user_id, login_id, origin,
                              event);
    };
    if (!password_ok) {
      count_failure("wrong password");
      return Outcome::wrong;
    }
    if (!fresh->active) {
      event.outcome = "denied";
      event.detail = "account deactivated";
      audit::record_anonymous(tx, clock_, fresh->region_id, fresh->user_id, login_id, origin,
                              event);
      return Outcome::inactive;
    }
    auto user = tx.users().find(fresh->region_id, fresh->user_id);
    if (!user) return Outcome::wrong;
    // Without a device certificate: a one-time code where the user has enrolled an app (the
    // account kinds the region allows), else only where the region does not require one.
    if (!origin.device_id) {
      auto region = tx.regions().find(fresh->region_id);
      auto secret = region && region->totp_roles.intersects(user->roles)
                        ? tx.second_factor().totp(fresh->user_id)
                        : std::nullopt;
      if (secret && secret->confirmed_at) {
        if (one_time_code.empty()) {
          event.outcome = "denied";
          event.detail = "one-time code required";
          audit::record_anonymous(tx, clock_, fresh->region_id, fresh->user_id, login_id, origin,
                                  event);
          return Outcome::code_required;
        }
        bool code_ok = false;
        if (auto step = totp::verify(secret->secret, one_time_code, now, secret->last_step)) {
          code_ok = tx.second_factor().advance_step(fresh->user_id, *step);
          event.detail = "one-time code";
        } else if (one_time_code.size() <= 20) {
          code_ok = tx.second_factor().use_recovery_code(
              fresh->user_id, totp::hash_recovery_code(one_time_code), now);
          event.detail = fmt::format("recovery code ({} left)",
                                     tx.second_factor().recovery_codes_left(fresh->user_id));
        }
        if (!code_ok) {
          count_failure("wrong one-time code");
          return Outcome::code_wrong;
        }
      } else if (!region || region->certificate_required) {
        event.outcome = "denied";
        event.detail = "device certificate required";
        audit::record_anonymous(tx, clock_, fresh->region_id, fresh->user_id, login_id, origin,
                                event);
        return Outcome::certificate_required;
      }
    }
    // Over the certificate listener the device must be this user's: a password is not enough.
    if (origin.device_id) {
      auto device = tx.devices().find(*origin.device_id);
      if (!device || device->user_id != fresh->user_id) {
        event.outcome = "denied";
        event.detail = fmt::format("device certificate {} belongs to another user",
                                   device ? device->serial : std::string("?"));
        audit::record_anonymous(tx, clock_, fresh->region_id, fresh->user_id, login_id, origin,
                                event);
        return Outcome::other_device;
      }
    }
    result.previous_login_at = fresh->last_login_at;
    result.previous_login_ip = fresh->last_login_ip;
    result.must_change_password = fresh->must_change_password;
    tx.credentials().record_success(fresh->user_id, now, origin.ip);

    result.session_token = crypto::random_token(32);
    Session& s = result.session;
    s.user_id = fresh->user_id;
    s.csrf_token = crypto::random_token(32);
    s.created_at = now;
    s.last_seen_at = now;
    auto region = tx.regions().find(fresh->region_id);
    const auto absolute = region && region->session_absolute_timeout_seconds > 0
                              ? region->session_absolute_timeout_seconds
                              : session_policy_.absolute_timeout_seconds;
    s.idle_timeout_seconds = region && region->session_idle_timeout_seconds > 0
                                 ? region->session_idle_timeout_seconds
                                 : session_policy_.idle_timeout_seconds;
    s.expires_at = now + absolute;
    s.ip = origin.ip;
    s.user_agent = text::prefix(origin.user_agent, 300);
    s.device_id = origin.device_id;
    s.id = tx.sessions().insert(crypto::sha256_hex(result.session_token), s);
    result.actor = actor_for(*user, s.id, origin);
    audit::record(tx, clock_, result.actor, event);
    return Outcome::ok;
  });
  if (outcome == Outcome::certificate_required) {
    throw Error(ErrorCode::forbidden,
                "この地域では、端末証明書を入れた端末からしかログインできません。証明書用の"
                "アドレス（https://…）から開いてください。証明書がない場合は管理者に連絡して"
                "ください。");
  }
  if (outcome == Outcome::code_required) {
    throw Error(ErrorCode::unauthenticated,
                "アプリに表示されている6桁のワンタイムコードを入力してください",
                {{"one_time_code", "ワンタイムコードを入力してください"}});
  }
  if (outcome == Outcome::code_wrong) {
    throw Error(
        ErrorCode::unauthenticated,
        "ワンタイムコードが違います。アプリの最新のコード（または回復コード）を入力してください",
        {{"one_time_code", "コードが違います"}});
  }
  if (outcome == Outcome::other_device) {
    throw Error(ErrorCode::forbidden,
                "この端末の証明書は別の利用者のものです。ご自分の端末からログインしてください。");
  }
  if (outcome == Outcome::inactive) {
    throw Error(ErrorCode::forbidden,
                "このアカウントは利用停止されています。管理者に連絡してください。");
  }
  if (outcome != Outcome::ok) throw Error(ErrorCode::unauthenticated, kWrongCredentials);
  return result;
}

std::optional<ResolvedSession> AuthService::resolve(const std::string& token, const Origin& origin,
                                                    bool activity) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto hash = crypto::sha256_hex(token);
  auto now = clock_.now();
  struct Found {
    Session session;
    std::optional<region::User> user;
    bool must_change = false;
  };
  auto found = storage_.read([&](storage::Transaction& tx) -> std::optional<Found> {
    auto session = tx.sessions().find_open(hash);
    if (!session) return std::nullopt;
    auto credential = tx.credentials().find_by_user(session->user_id);
    if (!credential) return std::nullopt;
    Found f{*session, tx.users().find(credential->region_id, session->user_id),
            credential->must_change_password};
    return f;
  });
  if (!found) return std::nullopt;
  auto& session = found->session;
  // A session lives on the connection kind it was opened on: one opened with a device
  // certificate only with that certificate, one opened without only without.
  if (session.device_id != origin.device_id) return std::nullopt;
  const char* end_reason = nullptr;
  if (now >= session.expires_at) end_reason = "absolute_timeout";
  const auto idle = idle_timeout_of(session);
  if (now - session.last_seen_at >= idle) {
    end_reason = "idle_timeout";
  }
  if (!found->user || !found->user->active) end_reason = "account_inactive";
  if (end_reason) {
    storage_.write(
        [&](storage::Transaction& tx) { tx.sessions().end(session.id, now, end_reason); });
    return std::nullopt;
  }
  // Refresh last-seen at most every minute (or a tenth of the idle timeout): a write per request
  // would serialise every read behind the single writer.
  auto refresh_after = std::min<std::int64_t>(60, idle / 10);
  if (activity && now - session.last_seen_at >= refresh_after) {
    storage_.write([&](storage::Transaction& tx) { tx.sessions().touch(session.id, now); });
    session.last_seen_at = now;
  }
  return ResolvedSession{actor_for(*found->user, session.id, origin), session, found->must_change};
}

UnixSeconds AuthService::idle_timeout_of(const Session& session) const {
  return session.idle_timeout_seconds > 0 ? session.idle_timeout_seconds
                                          : session_policy_.idle_timeout_seconds;
}

std::vector<Id> AuthService::still_open(const std::vector<Id>& session_ids) {
  auto sessions = storage_.read(
      [&](storage::Transaction& tx) { return tx.sessions().open_among(session_ids); });
  const auto now = clock_.now();
  std::vector<Id> open;
  for (const auto& s : sessions) {
    if (now < s.expires_at && now - s.last_seen_at < idle_timeout_of(s)) {
      open.push_back(s.id);
    }
  }
  return open;
}

void AuthService::logout(const Actor& actor) {
  storage_.write([&](storage::Transaction& tx) {
    tx.sessions().end(actor.session_id, clock_.now(), "logout");
    audit::record(tx, clock_, actor,
                  {.action = "logout",
                   .target_type = "session",
                   .target_id = std::to_string(actor.session_id)});
  });
}

std::int64_t AuthService::logout_everywhere(const Actor& actor) {
  return storage_.write([&](storage::Transaction& tx) {
    auto ended = tx.sessions().end_all_for_user(actor.user_id, clock_.now(), "logout_everywhere");
    audit::record(tx, clock_, actor,
                  {.action = "logout.everywhere",
                   .target_type = "user",
                   .target_id = std::to_string(actor.user_id),
                   .detail = fmt::format("{} sessions ended", ended)});
    return ended;
  });
}

void AuthService::change_password(const Actor& actor, const std::string& current,
                                  const std::string& replacement) {
  auto context = storage_.read([&](storage::Transaction& tx) {
    auto credential = tx.credentials().find_by_user(actor.user_id);
    auto region = tx.regions().find(actor.region_id);
    if (!credential || !region) throw Error(ErrorCode::not_found);
    return std::make_pair(*credential, region->password_policy);
  });
  if (!access::verify_password(current, context.first.password_hash)) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record(tx, clock_, actor,
                    {.action = "password.change",
                     .target_type = "user",
                     .target_id = std::to_string(actor.user_id),
                     .outcome = "failure",
                     .detail = "wrong current password"});
    });
    throw Error(ErrorCode::invalid_input, "現在のパスワードが違います",
                {{"current_password", "現在のパスワードが違います"}});
  }
  if (auto problem = access::password_problem(context.second, replacement, actor.login_id)) {
    throw Error(ErrorCode::invalid_input, *problem, {{"new_password", *problem}});
  }
  if (current == replacement) {
    throw Error(ErrorCode::invalid_input, "新しいパスワードは現在のものと違うものにしてください",
                {{"new_password", "現在のパスワードと同じです"}});
  }
  auto hash = access::hash_password(replacement);
  storage_.write([&](storage::Transaction& tx) {
    tx.credentials().set_password(actor.user_id, hash, false, clock_.now());
    // Other devices must sign in again with the new password.
    auto ended = tx.sessions().end_all_for_user(actor.user_id, clock_.now(), "password_changed",
                                                actor.session_id);
    audit::record(tx, clock_, actor,
                  {.action = "password.change",
                   .target_type = "user",
                   .target_id = std::to_string(actor.user_id),
                   .detail = fmt::format("{} other sessions ended", ended)});
  });
}

std::vector<Session> AuthService::open_sessions(const Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.sessions().open_for_user(actor.user_id); });
}

}  // namespace musubi::auth
