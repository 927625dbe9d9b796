#include "live/hub.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

#include "auth/auth_service.hpp"
#include "board/board_store.hpp"
#include "board/search_store.hpp"
#include "notice/notice_store.hpp"
#include "storage/storage.hpp"

namespace musubi::live {

namespace {

using board::BoardEvent;
using board::Id;
using nlohmann::json;

// New events are looked for at least this often even without a wake-up (another process, e.g.
// a second node, may have written them).
constexpr auto kPollInterval = std::chrono::seconds(1);
// How soon a logout, timeout or revocation elsewhere ends a live connection.
constexpr auto kSessionCheckInterval = std::chrono::seconds(5);
constexpr std::int64_t kBatch = 1000;
// Events older than this are pruned; a client away longer reloads instead of catching up.
constexpr UnixSeconds kKeepEvents = UnixSeconds{3} * 24 * 3600;
constexpr auto kPruneInterval = std::chrono::hours(1);

std::string event_message(const BoardEvent& e) {
  json j{{"type", "event"},        {"seq", e.seq},           {"kind", e.kind},
         {"board_id", e.board_id}, {"actor_id", e.actor_id}, {"post_id", nullptr},
         {"parent_id", nullptr}};
  if (e.post_id) j["post_id"] = *e.post_id;
  if (e.parent_id) j["parent_id"] = *e.parent_id;
  return j.dump();
}

std::string control_message(const char* type, std::int64_t seq) {
  return json{{"type", type}, {"seq", seq}}.dump();
}

}  // namespace

struct Hub::Subscriber {
  UserId user_id;
  RegionId region_id;
  std::int64_t session_id = 0;
  std::optional<std::int64_t> after;
  std::shared_ptr<Sink> sink;
  std::unordered_set<BoardId> teams;
  std::unordered_set<BoardId> request_only_boards;  // of `teams`: only the posts they may see
  std::int64_t last_seq = 0;
  std::atomic<bool> alive{true};
};

Hub::Hub(storage::Storage& storage, auth::AuthService& auth, const Clock& clock)
    : storage_(storage), auth_(auth), clock_(clock) {
  cursor_ = storage_.read([](storage::Transaction& tx) { return tx.events().head(); });
  thread_ = std::thread([this] { run(); });
}

Hub::~Hub() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::shared_ptr<void> Hub::subscribe(const access::Actor& actor, std::int64_t session_id,
                                     std::optional<std::int64_t> after,
                                     std::shared_ptr<Sink> sink) {
  auto s = std::make_shared<Subscriber>();
  s->user_id = actor.user_id;
  s->region_id = actor.region_id;
  s->session_id = session_id;
  s->after = after;
  s->sink = std::move(sink);
  {
    std::lock_guard lock(mutex_);
    joining_.push_back(s);
  }
  wake_.notify_all();
  // The handle marks the subscriber gone; the hub drops it on its next round.
  return std::shared_ptr<void>(nullptr, [this, s](void*) {
    s->alive = false;
    events_committed();
  });
}

void Hub::events_committed() {
  {
    std::lock_guard lock(mutex_);
    dirty_ = true;
  }
  wake_.notify_all();
}

void Hub::notice_published(std::int64_t notice_id) {
  {
    std::lock_guard lock(mutex_);
    notices_.push_back(notice_id);
  }
  wake_.notify_all();
}

void Hub::disaster_changed(RegionId region_id, disaster::DisasterId id, std::int64_t version) {
  {
    std::lock_guard lock(mutex_);
    auto& change = disasters_[id.value()];
    change.region_id = region_id;
    change.version = std::max(change.version, version);
  }
  wake_.notify_all();
}

void Hub::deliver_disaster(RegionId region_id, disaster::DisasterId id, std::int64_t version) {
  const auto message =
      json{{"type", "disaster"}, {"disaster_id", id.value()}, {"version", version}}.dump();
  for (const auto& s : subscribers_) {
    if (s->alive && s->region_id == region_id && !s->sink->send(message)) s->alive = false;
  }
}

void Hub::deliver_notice(std::int64_t notice_id) {
  auto recipients = storage_.read(
      [&](storage::Transaction& tx) { return tx.notices().recipient_ids(notice_id); });
  const auto message = json{{"type", "notice"}, {"notice_id", notice_id}}.dump();
  for (const auto& s : subscribers_) {
    if (s->alive && std::binary_search(recipients.begin(), recipients.end(), s->user_id) &&
        !s->sink->send(message)) {
      s->alive = false;
    }
  }
}

void Hub::run() {
  auto next_session_check = std::chrono::steady_clock::now() + kSessionCheckInterval;
  auto next_prune = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kPollInterval, [&] {
      return stopping_ || dirty_ || !joining_.empty() || !notices_.empty() || !disasters_.empty();
    });
    if (stopping_) break;
    dirty_ = false;
    auto joining = std::move(joining_);
    joining_.clear();
    auto notices = std::move(notices_);
    notices_.clear();
    auto disasters = std::move(disasters_);
    disasters_.clear();
    lock.unlock();
    try {
      pump();
      for (const auto& s : joining) admit(s);
      for (auto id : notices) deliver_notice(id);
      for (const auto& [id, change] : disasters) {
        deliver_disaster(change.region_id, disaster::DisasterId{id}, change.version);
      }
      const auto now = std::chrono::steady_clock::now();
      if (now >= next_session_check) {
        check_sessions();
        next_session_check = now + kSessionCheckInterval;
      }
      if (now >= next_prune) {
        // The hub's thread is the server's only periodic one, so it also keeps the inbox small.
        storage_.write([&](storage::Transaction& tx) {
          tx.events().prune_before(clock_.now() - kKeepEvents);
          tx.inbox().prune_stale(clock_.now());
        });
        next_prune = now + kPruneInterval;
      }
    } catch (const std::exception& e) {
      spdlog::error("live updates: {}", e.what());
    }
    lock.lock();
  }
}

// The boards the subscriber is on, and those where they read only their requests.
std::vector<BoardId> Hub::load_teams(storage::Transaction& tx, Subscriber& s) {
  auto teams = tx.events().board_ids_of(s.user_id);
  auto request_only = tx.events().request_only_board_ids_of(s.user_id);
  s.teams = {teams.begin(), teams.end()};
  s.request_only_boards = {request_only.begin(), request_only.end()};
  return teams;
}

// Delivers every event after the cursor to the subscribers who may see it.
void Hub::pump() {
  std::erase_if(subscribers_, [](const auto& s) { return !s->alive; });
  for (;;) {
    auto events = storage_.read([&](storage::Transaction& tx) {
      return tx.events().after(cursor_, std::nullopt, nullptr, kBatch);
    });
    for (const auto& e : events) {
      for (const auto& s : subscribers_) deliver(*s, e);
      cursor_ = e.seq;
    }
    if (static_cast<std::int64_t>(events.size()) < kBatch) break;
  }
}

void Hub::deliver(Subscriber& s, const BoardEvent& e) {
  if (!s.alive || e.seq <= s.last_seq) return;
  const bool subject = e.subject_user_id == s.user_id;
  if (subject) {
    // Joined or left: from now on the user receives (or no longer receives) this team's events.
    storage_.read([&](storage::Transaction& tx) { load_teams(tx, s); });
  }
  s.last_seq = e.seq;
  if (!subject && !s.teams.contains(e.board_id)) return;
  if (!e.audience.empty() &&
      std::find(e.audience.begin(), e.audience.end(), s.user_id) == e.audience.end()) {
    return;
  }
  if (!subject && s.request_only_boards.contains(e.board_id)) {
    // A contact who came for a request hears only of the threads they may read.
    if (!e.post_id) return;
    const auto post_id = e.parent_id.value_or(*e.post_id);
    bool sees = storage_.read([&](storage::Transaction& tx) {
      return tx.posts().find_visible(post_id, s.user_id).has_value();
    });
    if (!sees) return;
  }
  if (!s.sink->send(event_message(e))) s.alive = false;
}

// Replays what the subscriber missed (up to the cursor), then it receives new events with the
// others: the same thread does both, so nothing is lost or sent twice.
void Hub::admit(const std::shared_ptr<Subscriber>& s) {
  if (!s->alive) return;
  std::vector<BoardEvent> missed;
  bool pruned = false;  // some of what it missed is no longer kept
  storage_.read([&](storage::Transaction& tx) {
    auto teams = load_teams(tx, *s);
    if (s->after && *s->after < cursor_) {
      pruned = *s->after + 1 < tx.events().oldest();
      missed = tx.events().after(*s->after, cursor_, &teams, kMaxReplay + 1);
    }
  });
  if (pruned || static_cast<std::int64_t>(missed.size()) > kMaxReplay ||
      (s->after && *s->after > cursor_)) {
    s->last_seq = cursor_;
    if (!s->sink->send(control_message("resync", cursor_))) s->alive = false;
  } else {
    s->last_seq = s->after.value_or(cursor_);
    for (const auto& e : missed) deliver(*s, e);
    s->last_seq = cursor_;
    if (!s->sink->send(control_message("hello", cursor_))) s->alive = false;
  }
  if (s->alive) subscribers_.push_back(s);
}

// A session that ended (logout, timeout, revoked) takes its live connections with it.
void Hub::check_sessions() {
  if (subscribers_.empty()) return;
  std::vector<std::int64_t> ids;
  for (const auto& s : subscribers_) ids.push_back(s->session_id);
  auto open = auth_.still_open(ids);
  std::sort(open.begin(), open.end());
  for (const auto& s : subscribers_) {
    if (s->alive && !std::binary_search(open.begin(), open.end(), s->session_id)) {
      s->sink->send(control_message("session_ended", cursor_));
      s->sink->close();
      s->alive = false;
    }
  }
}

}  // namespace musubi::live
