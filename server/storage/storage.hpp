// The one door to persistent state. A domain service runs its work in a read or write
// transaction and reaches each domain's store through it; backends (backends/sqlite, later
// storage/postgres) implement Transaction and Storage and nothing above them knows SQL.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>

namespace musubi::region {
class RegionStore;
class FacilityStore;
class UserStore;
}  // namespace musubi::region
namespace musubi::auth {
class CredentialStore;
class SessionStore;
class DeviceStore;
class InvitationStore;
class SecondFactorStore;
}  // namespace musubi::auth
namespace musubi::mail {
class OutboxStore;
}
namespace musubi::person {
class PersonStore;
class RecordStore;
}  // namespace musubi::person
namespace musubi::audit {
class AuditStore;
class ReadJournal;
}  // namespace musubi::audit
namespace musubi::board {
class BoardStore;
class PostStore;
class AttachmentStore;
class SearchStore;
class InboxStore;
class EventStore;
}  // namespace musubi::board
namespace musubi::files {
class BlobStore;
}
namespace musubi::notice {
class NoticeStore;
}
namespace musubi::poll {
class PollStore;
}
namespace musubi::notify {
class NotifyStore;
}
namespace musubi::ems {
class EmsStore;
}
namespace musubi::disaster {
class DisasterStore;
}

namespace musubi::storage {

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual region::RegionStore& regions() = 0;
  virtual region::FacilityStore& facilities() = 0;
  virtual region::UserStore& users() = 0;
  virtual auth::CredentialStore& credentials() = 0;
  virtual auth::SessionStore& sessions() = 0;
  virtual auth::DeviceStore& devices() = 0;
  virtual auth::InvitationStore& invitations() = 0;
  virtual auth::SecondFactorStore& second_factor() = 0;
  virtual mail::OutboxStore& outbox() = 0;
  virtual person::PersonStore& persons() = 0;
  virtual person::RecordStore& records() = 0;
  virtual audit::AuditStore& audit() = 0;
  virtual board::BoardStore& boards() = 0;
  virtual board::PostStore& posts() = 0;
  virtual board::AttachmentStore& attachments() = 0;
  virtual board::SearchStore& search() = 0;
  virtual board::InboxStore& inbox() = 0;
  virtual board::EventStore& events() = 0;
  virtual files::BlobStore& blobs() = 0;
  virtual notice::NoticeStore& notices() = 0;
  virtual poll::PollStore& polls() = 0;
  virtual notify::NotifyStore& notifications() = 0;
  virtual ems::EmsStore& ems() = 0;
  virtual disaster::DisasterStore& disaster() = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // Runs `work` in one write transaction: committed if it returns, rolled back if it throws.
  template <class F>
  auto write(F&& work) {
    return run(work, true);
  }
  // Runs `work` on a consistent snapshot that sees every committed write.
  template <class F>
  auto read(F&& work) {
    return run(work, false);
  }

  virtual std::string backend_name() const = 0;
  // Where audited reads are logged (audit/read_journal.hpp); nullptr: straight into the chain.
  virtual audit::ReadJournal* read_journal() { return nullptr; }
  // Cheap liveness check for /healthz?deep=1.
  virtual bool healthy() = 0;

 protected:
  virtual void run_write(const std::function<void(Transaction&)>& work) = 0;
  virtual void run_read(const std::function<void(Transaction&)>& work) = 0;

 private:
  template <class F>
  auto run(F& work, bool writing) {
    using Result = std::invoke_result_t<F&, Transaction&>;
    auto dispatch = [&](const std::function<void(Transaction&)>& fn) {
      writing ? run_write(fn) : run_read(fn);
    };
    if constexpr (std::is_void_v<Result>) {
      dispatch([&](Transaction& tx) { work(tx); });
    } else {
      std::optional<Result> result;
      dispatch([&](Transaction& tx) { result.emplace(work(tx)); });
      return std::move(*result);
    }
  }
};

}  // namespace musubi::storage
