// Polls and date scheduling on a care team's or group's board. A poll is a post (the question)
// with options; members answer until the deadline, see the counts and who has not answered, and
// the author or a team administrator reminds them, exports the results and — for scheduling —
// fixes a slot, which posts the decision to the board. Anonymous polls never tell who answered
// what, to anyone, in any output.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "board/types.hpp"
#include "core/clock.hpp"
#include "poll/types.hpp"

namespace musubi::storage {
class Storage;
class Transaction;
}  // namespace musubi::storage

namespace musubi::poll {

struct PollView {
  Poll poll;
  std::vector<board::Member> not_answered;  // members who can answer and have not
  std::int64_t expected = 0;                // members who can answer (the author aside)
  std::vector<Id> best;                     // scheduling: the slots to settle on
  bool answered_by_me = false;
  std::optional<NamedAnswer> mine;  // named polls: my answer, to change it
  bool can_manage = false;          // the author or a team administrator
  bool closed = false;
};

class PollService {
 public:
  PollService(storage::Storage& storage, const Clock& clock,
              board::EventListener* listener = nullptr)
      : storage_(storage), clock_(clock), listener_(listener) {}

  // Posts `question` with a poll on a care team or group (not a conversation).
  board::Post create(const access::Actor& actor, BoardId board_id, const std::string& question,
                     const PollSpec& spec);
  PollView view(const access::Actor& actor, PostId post_id);
  // marks: option id → Mark. Single choice: one option `yes`; multiple: one or more; scheduling:
  // every candidate ◯, △ or ×.
  PollView answer(const access::Actor& actor, PostId post_id, const std::map<Id, int>& marks,
                  const std::string& comment);
  // Reminds those who have not answered (at most once an hour); returns how many.
  std::int64_t remind(const access::Actor& actor, PostId post_id);
  // Moves the deadline (to a later time or none), which also reopens a poll that had closed;
  // refused once a slot is fixed.
  PollView set_deadline(const access::Actor& actor, PostId post_id,
                        std::optional<UnixSeconds> deadline);
  // Closes the poll now (締め切る): answers are refused from here on, the counts stay.
  PollView close(const access::Actor& actor, PostId post_id);
  // Scheduling: settles on a slot and posts the decision to the board.
  PollView fix(const access::Actor& actor, PostId post_id, Id option_id);
  // The results as CSV (UTF-8 with BOM, for Excel): per person for a named poll, totals and
  // comments only for an anonymous one.
  std::string csv(const access::Actor& actor, PostId post_id);

  static constexpr std::size_t kMaxOptions = 30;
  static constexpr std::size_t kMaxOption = 100;
  static constexpr std::size_t kMaxComment = 1000;
  static constexpr UnixSeconds kReminderInterval = 3600;

 private:
  template <class F>
  auto write_and_publish(F&& work);
  // Sets the deadline, tells the board's open pages (`event`) and logs `action`.
  PollView store_deadline(storage::Transaction& tx, const access::Actor& actor, const Poll& poll,
                          const board::Member& me, std::optional<UnixSeconds> deadline,
                          const char* event, const char* action, const std::string& detail);

  storage::Storage& storage_;
  const Clock& clock_;
  board::EventListener* listener_;
};

}  // namespace musubi::poll
