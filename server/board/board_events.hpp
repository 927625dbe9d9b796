// What happened on a board, in one numbered sequence: appended in the same transaction as the
// change (so an event exists exactly when the change does) and read by live updates, which send
// each member the events they may see, in order, and let a reconnecting client catch up.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "board/types.hpp"

namespace musubi::board {

struct BoardEvent {
  std::int64_t seq = 0;
  BoardId board_id;
  std::string kind;  // post.created, post.edited, post.deleted, post.acknowledged, …
  std::optional<PostId> post_id;
  std::optional<PostId> parent_id;  // a reply: the post it answers
  UserId actor_id;
  // Who may receive it: empty is every member of the team; else only these users (a restricted
  // post's audience, the addressees of a reminder).
  std::vector<UserId> audience;
  std::optional<UserId> subject_user_id;  // member.changed: who joined or left
  UnixSeconds at = 0;
};

class EventStore {
 public:
  virtual ~EventStore() = default;
  virtual void append(const BoardEvent& event) = 0;
  // Events with seq > after (and <= until when given), oldest first, at most `limit`; only of
  // `board_ids` when given.
  virtual std::vector<BoardEvent> after(std::int64_t after, std::optional<std::int64_t> until,
                                        const std::vector<BoardId>* board_ids,
                                        std::int64_t limit) = 0;
  virtual std::int64_t head() = 0;
  // The oldest event still kept (0 when there is none).
  virtual std::int64_t oldest() = 0;
  virtual void prune_before(UnixSeconds at) = 0;
  // The teams a user is on (who receives what).
  virtual std::vector<BoardId> board_ids_of(UserId user_id) = 0;
  // Those of them where the user is a request-only contact (they receive only what they see).
  virtual std::vector<BoardId> request_only_board_ids_of(UserId user_id) = 0;
};

// Told after a change with events has been committed (live updates wake up).
class EventListener {
 public:
  virtual ~EventListener() = default;
  virtual void events_committed() = 0;
};

// Forwards to a listener connected later (the live hub exists only while serving).
class EventRelay final : public EventListener {
 public:
  void connect(EventListener* target) { target_ = target; }
  void events_committed() override {
    if (auto* t = target_.load()) t->events_committed();
  }

 private:
  std::atomic<EventListener*> target_{nullptr};
};

}  // namespace musubi::board
