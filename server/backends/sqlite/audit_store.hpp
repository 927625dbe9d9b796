// The SQLite audit store (see audit/audit_store.hpp for what it promises).
#pragma once

#include "audit/audit_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteAuditStore final : public audit::AuditStore {
 public:
  explicit SqliteAuditStore(Connection& c) : c_(c) {}
  audit::Id append(const audit::Entry& e) override;
  std::optional<audit::Entry> last() override;
  std::optional<audit::Entry> find(audit::Id id) override;
  std::vector<audit::Entry> search(const audit::Query& q) override;
  void scan(const std::function<bool(const audit::Entry&)>& visit) override;
  std::int64_t journal_sealed_through() override;
  void set_journal_sealed_through(std::int64_t seq) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
