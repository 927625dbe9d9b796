-- Live updates: every change on a board as a numbered event (see board/board_events.hpp). The
-- audience is a JSON array of user ids, empty for the whole team. Old events are pruned: a client
-- that was away longer than they are kept reloads instead of catching up.
CREATE TABLE board_events (
  seq INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES care_teams(id),
  kind TEXT NOT NULL,
  post_id INTEGER,
  parent_id INTEGER,
  actor_id INTEGER NOT NULL,
  audience TEXT NOT NULL DEFAULT '[]',
  subject_user_id INTEGER,
  at INTEGER NOT NULL
);
CREATE INDEX board_events_team ON board_events(team_id, seq);
