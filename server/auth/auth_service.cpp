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

AuthService::AuthService(storage::Storage& storage, const Clock& clock,
                         Config::Session session_policy, Config::Login login_policy)
    : storage_(storage),
      clock_(clock),
      session_policy_(session_policy),
      login_policy_(login_policy),
      client_failures_(login_policy) {}

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
