// The outgoing mail queue in storage: mail is queued in the same transaction as the change that
// causes it, and the mailer sends it afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::mail {

using Id = std::int64_t;

struct QueuedMail {
  Id id = 0;
  std::optional<Id> region_id;
  std::string recipient;
  std::string subject;
  std::string body;  // empty once sent or given up on
  std::string kind;  // e.g. "invitation"
  UnixSeconds created_at = 0;
  std::int64_t attempts = 0;
  std::optional<UnixSeconds> sent_at;
  std::optional<UnixSeconds> failed_at;
  std::string last_error;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  virtual Id enqueue(const QueuedMail& mail, UnixSeconds now) = 0;
  virtual std::vector<QueuedMail> due(UnixSeconds now, std::int64_t limit) = 0;
  virtual void mark_sent(Id id, UnixSeconds now) = 0;
  // Another try at `next_attempt_at`, or (when nullopt) given up: failed for good.
  virtual void mark_failed_attempt(Id id, const std::string& error, UnixSeconds now,
                                   std::optional<UnixSeconds> next_attempt_at) = 0;
  // A bounce came back after the relay had accepted the mail: failed after all. False when there
  // is no such mail.
  virtual bool mark_bounced(Id id, const std::string& reason, UnixSeconds now) = 0;
  // The region's mail newest first (without bodies): what the administrator sees.
  virtual std::vector<QueuedMail> recent(Id region_id, std::int64_t limit) = 0;
};

}  // namespace musubi::mail
