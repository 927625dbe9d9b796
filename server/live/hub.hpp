// Live updates: the hub sends each connected user the board events they may see, in order and
// exactly once, and lets a client that reconnects catch up from the last event it received.
// It knows nothing of sockets: a connection is a Sink that takes text messages.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "core/clock.hpp"
#include "disaster/disaster_service.hpp"
#include "notice/types.hpp"

namespace musubi::storage {
class Storage;
class Transaction;
}  // namespace musubi::storage
namespace musubi::auth {
class AuthService;
}

namespace musubi::live {

// One client connection as the hub sees it. Implementations must be safe to call from the hub's
// thread while the connection lives on another.
class Sink {
 public:
  virtual ~Sink() = default;
  // Queues a text message. False when the connection is closing (or has just been closed
  // because the client stopped reading and too much was queued).
  virtual bool send(std::string message) = 0;
  virtual void close() = 0;
};

class Hub final : public board::EventListener,
                  public notice::NoticeListener,
                  public disaster::ChangeListener {
 public:
  Hub(storage::Storage& storage, auth::AuthService& auth, const Clock& clock);
  ~Hub() override;
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Registers a connection of `actor`'s session. It first receives the events after `after`
  // that it may see (or a "resync" when too many were missed), then every new one. Dropping the
  // returned handle unregisters it.
  std::shared_ptr<void> subscribe(const access::Actor& actor, std::int64_t session_id,
                                  std::optional<std::int64_t> after, std::shared_ptr<Sink> sink);
  void events_committed() override;
  // A notice's connected recipients get {"type":"notice"}: outside the board's event sequence
  // (nothing to replay; a client back from a drop reloads its counts).
  void notice_published(std::int64_t notice_id) override;
  // Every connected user of the region gets {"type":"disaster","disaster_id","version"}: it
  // names no person, and each page fetches what its user may see. Changes that come faster than
  // the hub's rounds are told once, with the newest version.
  void disaster_changed(RegionId region_id, disaster::DisasterId id, std::int64_t version) override;

  // At most this many missed events are replayed; beyond, the client reloads instead.
  static constexpr std::int64_t kMaxReplay = 500;

 private:
  struct Subscriber;
  void run();
  void pump();
  void admit(const std::shared_ptr<Subscriber>& s);
  void check_sessions();
  void deliver(Subscriber& s, const board::BoardEvent& e);
  static std::vector<BoardId> load_teams(storage::Transaction& tx, Subscriber& s);
  void deliver_notice(std::int64_t notice_id);
  void deliver_disaster(RegionId region_id, disaster::DisasterId id, std::int64_t version);

  storage::Storage& storage_;
  auth::AuthService& auth_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool dirty_ = false;
  std::vector<std::shared_ptr<Subscriber>> joining_;
  std::vector<std::int64_t> notices_;  // published, not yet told
  struct DisasterChange {
    RegionId region_id;
    std::int64_t version = 0;
  };
  std::map<std::int64_t, DisasterChange> disasters_;  // by disaster id: changed, not yet told
  // Touched only by the hub's thread.
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  std::int64_t cursor_ = 0;  // every event up to here has been delivered
  std::thread thread_;
};

}  // namespace musubi::live
