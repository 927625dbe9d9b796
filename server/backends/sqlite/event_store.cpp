// Board events in SQLite: one row per event, the audience as a JSON array.
#include <nlohmann/json.hpp>

#include "backends/sqlite/event_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::board;

void SqliteEventStore::append(const BoardEvent& e) {
  c_.prepare(
        "INSERT INTO board_events (board_id, kind, post_id, parent_id, actor_id, audience, "
        "subject_user_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind_all(e.board_id, e.kind, e.post_id, e.parent_id, e.actor_id,
                nlohmann::json(e.audience).dump(), e.subject_user_id, e.at)
      .run();
}

std::vector<BoardEvent> SqliteEventStore::after(std::int64_t after,
                                                std::optional<std::int64_t> until,
                                                const std::vector<BoardId>* board_ids,
                                                std::int64_t limit) {
  auto s = c_.prepare(
      "SELECT seq, board_id, kind, post_id, parent_id, actor_id, audience, subject_user_id, at "
      "FROM board_events WHERE seq > ?1 AND (?2 IS NULL OR seq <= ?2) AND (?3 IS NULL OR "
      "board_id IN (SELECT value FROM json_each(?3))) ORDER BY seq LIMIT ?4");
  std::optional<std::string> teams;
  if (board_ids) teams = nlohmann::json(*board_ids).dump();
  s.bind_all(after, until, teams, limit);
  std::vector<BoardEvent> out;
  while (s.step()) {
    BoardEvent e{.seq = s.int64(0),
                 .board_id = s.id<BoardId>(1),
                 .kind = s.text(2),
                 .post_id = s.optional_id<PostId>(3),
                 .parent_id = s.optional_id<PostId>(4),
                 .actor_id = s.id<UserId>(5),
                 .subject_user_id = s.optional_id<UserId>(7),
                 .at = s.int64(8)};
    e.audience = nlohmann::json::parse(s.text(6)).get<std::vector<UserId>>();
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t SqliteEventStore::head() {
  auto s = c_.prepare("SELECT COALESCE(MAX(seq), 0) FROM board_events");
  s.step();
  return s.int64(0);
}

std::int64_t SqliteEventStore::oldest() {
  auto s = c_.prepare("SELECT COALESCE(MIN(seq), 0) FROM board_events");
  s.step();
  return s.int64(0);
}

// The newest event always stays, so that numbering never restarts.
void SqliteEventStore::prune_before(UnixSeconds at) {
  c_.prepare("DELETE FROM board_events WHERE at < ?1 AND seq < (SELECT MAX(seq) FROM board_events)")
      .bind_all(at)
      .run();
}

std::vector<BoardId> SqliteEventStore::board_ids_of(UserId user_id) {
  auto s = c_.prepare("SELECT board_id FROM board_members WHERE user_id = ?1");
  s.bind_all(user_id);
  std::vector<BoardId> out;
  while (s.step()) out.push_back(s.id<BoardId>(0));
  return out;
}

std::vector<BoardId> SqliteEventStore::request_only_board_ids_of(UserId user_id) {
  auto s = c_.prepare("SELECT board_id FROM board_members WHERE user_id = ?1 AND request_only = 1");
  s.bind_all(user_id);
  std::vector<BoardId> out;
  while (s.step()) out.push_back(s.id<BoardId>(0));
  return out;
}

}  // namespace musubi::backends::sqlite
