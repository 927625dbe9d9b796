-- A professional asks to join a person's care team; a team administrator approves or declines.
-- Decided requests stay for the record (who decided, when).
CREATE TABLE care_team_join_requests (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES care_teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  team_role TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by INTEGER REFERENCES users(id),
  approved INTEGER
);
-- At most one open request per person and team.
CREATE UNIQUE INDEX care_team_join_requests_open ON care_team_join_requests(team_id, user_id)
  WHERE decided_at IS NULL;
