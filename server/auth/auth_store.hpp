// What authentication needs from storage: credentials on the user row, and sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::auth {

using Id = std::int64_t;

struct Credential {
  Id user_id = 0;
  Id region_id = 0;
  std::string login_id;
  std::string password_hash;
  std::int64_t failed_logins = 0;
  UnixSeconds locked_until = 0;
  bool active = true;
  bool must_change_password = false;
  std::optional<UnixSeconds> last_login_at;
  std::string last_login_ip;
};

class CredentialStore {
 public:
  virtual ~CredentialStore() = default;
  virtual std::optional<Credential> find_by_login(const std::string& login_id) = 0;
  virtual std::optional<Credential> find_by_user(Id user_id) = 0;
  virtual void record_failure(Id user_id, std::int64_t failed_logins, UnixSeconds locked_until) = 0;
  virtual void record_success(Id user_id, UnixSeconds at, const std::string& ip) = 0;
  virtual void set_password(Id user_id, const std::string& hash, bool must_change,
                            UnixSeconds at) = 0;
};

struct Session {
  Id id = 0;
  Id user_id = 0;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;
  UnixSeconds expires_at = 0;  // absolute limit
  std::string ip;
  std::string user_agent;
  std::optional<Id> device_id;  // the device certificate it was opened with; used only with it
  UnixSeconds idle_timeout_seconds = 0;  // the region's at login; 0: the server's
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Id insert(const std::string& token_hash, const Session& session) = 0;
  virtual std::optional<Session> find_open(const std::string& token_hash) = 0;
  virtual void touch(Id session_id, UnixSeconds at) = 0;
  virtual void end(Id session_id, UnixSeconds at, const std::string& reason) = 0;
  // Returns how many sessions were ended.
  virtual std::int64_t end_all_for_user(Id user_id, UnixSeconds at, const std::string& reason,
                                        std::optional<Id> except_session = std::nullopt) = 0;
  virtual std::vector<Session> open_for_user(Id user_id) = 0;
  virtual std::int64_t end_all_for_device(Id device_id, UnixSeconds at,
                                          const std::string& reason) = 0;
  // Every open session of the region's users that was opened without a device certificate.
  virtual std::int64_t end_all_without_device(Id region_id, UnixSeconds at,
                                              const std::string& reason) = 0;
  // Of these sessions, the ones not ended (one query for every live connection).
  virtual std::vector<Session> open_among(const std::vector<Id>& session_ids) = 0;
};

}  // namespace musubi::auth
