// The SQLite outbox store (see mail/outbox_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "mail/outbox_store.hpp"

namespace musubi::backends::sqlite {

class SqliteOutboxStore final : public mail::OutboxStore {
 public:
  explicit SqliteOutboxStore(Connection& c) : c_(c) {}
  mail::Id enqueue(const mail::QueuedMail& mail, UnixSeconds now) override;
  std::vector<mail::QueuedMail> due(UnixSeconds now, std::int64_t limit) override;
  void mark_sent(mail::Id id, UnixSeconds now) override;
  void mark_failed_attempt(mail::Id id, const std::string& error, UnixSeconds now,
                           std::optional<UnixSeconds> next_attempt_at) override;
  bool mark_bounced(mail::Id id, const std::string& reason, UnixSeconds now) override;
  std::vector<mail::QueuedMail> recent(mail::Id region_id, std::int64_t limit) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
