-- foreign_keys: off
-- Boards not tied to a person: groups (プロジェクト, open to any professional of the region or
-- closed) and direct conversations. They are rows of care_teams with another kind, so that posts,
-- replies, files, acknowledgements, requests, restricted posts, the inbox and search work on them
-- unchanged. care_teams is rebuilt because person_id can no longer be NOT NULL (SQLite cannot drop
-- a constraint in place); the migration runner checks foreign keys before committing.
CREATE TABLE care_teams_new (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  kind TEXT NOT NULL DEFAULT 'care' CHECK (kind IN ('care', 'group', 'direct')),
  person_id INTEGER UNIQUE REFERENCES persons(id),
  name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  open INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'care') = (person_id IS NOT NULL))
);
INSERT INTO care_teams_new (id, region_id, kind, person_id, created_at)
  SELECT id, region_id, 'care', person_id, created_at FROM care_teams;
DROP TABLE care_teams;
ALTER TABLE care_teams_new RENAME TO care_teams;
CREATE INDEX care_teams_kind ON care_teams(region_id, kind, open);
