#include "notify/types.hpp"

namespace musubi::notify {

std::string_view kind_code(Kind kind) {
  switch (kind) {
    case Kind::request:
      return "request";
    case Kind::message:
      return "message";
    case Kind::important:
      return "important";
    case Kind::poll:
      return "poll";
    case Kind::reply:
      return "reply";
    case Kind::reminder:
      return "reminder";
    case Kind::notice:
      return "notice";
  }
  return "reply";
}

std::optional<Kind> kind_from_code(std::string_view code) {
  for (auto k : {Kind::request, Kind::message, Kind::important, Kind::poll, Kind::reply,
                 Kind::reminder, Kind::notice}) {
    if (kind_code(k) == code) return k;
  }
  return std::nullopt;
}

bool mailed_at_once(Kind kind) {
  return kind == Kind::request || kind == Kind::message || kind == Kind::important ||
         kind == Kind::reminder;
}

bool Settings::quiet_at(int hour) const {
  if (quiet_start == quiet_end) return false;
  if (quiet_start < quiet_end) return hour >= quiet_start && hour < quiet_end;
  return hour >= quiet_start || hour < quiet_end;  // across midnight, e.g. 21–7
}

}  // namespace musubi::notify
