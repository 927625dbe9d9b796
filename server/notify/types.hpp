// Notifications (通知): what the in-app list shows and what e-mail tells about — that something
// is waiting, never what it says.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "board/types.hpp"
#include "core/clock.hpp"

namespace musubi::notify {

using Id = std::int64_t;

// Why a user is told, most pressing first. Mail: request, message, important and reminder at once
// (by day, or at night when urgent), the rest in the daily digest.
enum class Kind { request, message, important, poll, reply, reminder, notice };
std::string_view kind_code(Kind kind);
std::optional<Kind> kind_from_code(std::string_view code);
bool mailed_at_once(Kind kind);

struct Notification {
  Id id = 0;
  Kind kind = Kind::reply;
  std::optional<board::Board> board;  // for a post
  std::optional<Id> post_id;
  std::optional<Id> parent_id;  // the post is a reply to this one
  std::optional<Id> notice_id;
  std::string title;  // a notice's title; empty for posts (the list shows where, not what)
  std::string actor_name;
  bool urgent = false;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> read_at;
};

struct Settings {
  bool immediate = true;
  bool digest = true;
  int digest_hour = 7;  // Japan time
  int quiet_start = 21;
  int quiet_end = 7;  // quiet from quiet_start to quiet_end (may wrap midnight); equal: never

  // Whether `hour` (0–23, Japan time) is in the quiet hours.
  bool quiet_at(int hour) const;
};

// One user's mail to send: what is waiting, counted by kind.
struct MailDue {
  Id user_id = 0;
  Id region_id = 0;
  std::string email;
  std::string region_name;
  std::map<Kind, std::int64_t> counts;
  std::vector<Id> notification_ids;  // immediate mail: the ones it tells about
  bool urgent = false;
  Settings settings;
};

}  // namespace musubi::notify
