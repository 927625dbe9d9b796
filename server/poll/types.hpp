// Polls (アンケート) and date scheduling (日程調整) on a post of a care team or group: single or
// multiple choice or candidate dates answered ◯/△/×, a free-text comment, anonymous or named,
// an optional deadline; "fix this slot" posts the decision to the board.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace musubi::poll {

using Id = std::int64_t;

enum class Mode { single, multiple, schedule };
std::string_view mode_code(Mode mode);
std::optional<Mode> mode_from_code(std::string_view code);

// Scheduling answers; a chosen option of a choice poll is `yes`.
enum Mark : int { no = 0, maybe = 1, yes = 2 };

struct PollSpec {
  Mode mode = Mode::single;
  std::vector<std::string> options;  // choices, or candidate dates and times as written
  bool anonymous = false;
  bool free_text = false;  // a comment box under the options
  std::optional<UnixSeconds> deadline;
};

struct Option {
  Id id = 0;
  std::string label;
  std::int64_t yes = 0;  // chosen, or ◯
  std::int64_t maybe = 0;
  std::int64_t no = 0;
};

struct NamedAnswer {
  UserId user_id;
  std::string name;
  std::string facility_name;
  std::map<Id, int> marks;  // option id → Mark
  std::string comment;
  UnixSeconds answered_at = 0;
};

struct Poll {
  PostId post_id;
  BoardId board_id;
  UserId author_id;
  Mode mode = Mode::single;
  bool anonymous = false;
  bool free_text = false;
  std::optional<UnixSeconds> deadline;
  std::optional<UnixSeconds> reminded_at;
  std::optional<Id> fixed_option_id;
  std::optional<UnixSeconds> fixed_at;
  std::optional<PostId> decision_post_id;
  std::vector<Option> options;  // in the order written, with tallies
  std::int64_t responders = 0;
  std::vector<NamedAnswer> answers;   // named polls only
  std::vector<std::string> comments;  // anonymous polls only, in no particular order

  bool closed(UnixSeconds now) const {
    return fixed_at.has_value() || (deadline && now >= *deadline);
  }
};

// The options a scheduling poll should settle on: most ◯, then fewest ×, then most △.
std::vector<Id> best_options(const Poll& poll);

// A poll on one of my boards that waits for my answer (for the inbox).
struct Waiting {
  PostId post_id;
  std::optional<UnixSeconds> deadline;
  std::optional<UnixSeconds> reminded_at;
};

}  // namespace musubi::poll
