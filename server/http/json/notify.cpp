#include "http/json/notify.hpp"

#include "http/json/board.hpp"

namespace musubi::http {

using nlohmann::json;

json to_json(const notify::Notification& n) {
  return {{"id", n.id},
          {"kind", notify::kind_code(n.kind)},
          {"board", n.board ? board_json(*n.board) : json(nullptr)},
          {"post_id", n.post_id ? json(*n.post_id) : json(nullptr)},
          {"parent_id", n.parent_id ? json(*n.parent_id) : json(nullptr)},
          {"notice_id", n.notice_id ? json(*n.notice_id) : json(nullptr)},
          {"title", n.title},
          {"actor_name", n.actor_name},
          {"urgent", n.urgent},
          {"created_at", format_iso8601(n.created_at)},
          {"read_at", optional_time(n.read_at)}};
}

json to_json(const notify::Settings& v) {
  return {{"immediate", v.immediate},
          {"digest", v.digest},
          {"digest_hour", v.digest_hour},
          {"quiet_start", v.quiet_start},
          {"quiet_end", v.quiet_end}};
}

}  // namespace musubi::http
