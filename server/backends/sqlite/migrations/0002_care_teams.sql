-- Care teams around a person, and their board: posts (replies are posts with a parent), edit
-- history, restricted audiences, acknowledgements and read state.

CREATE TABLE care_teams (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  person_id INTEGER NOT NULL UNIQUE REFERENCES persons(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE care_team_members (
  team_id INTEGER NOT NULL REFERENCES care_teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  team_role TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX care_team_members_user ON care_team_members(user_id, team_id);

CREATE TABLE post_tags (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (region_id, name)
);
-- Every region starts with the categories the field uses most; the region administrator edits them.
CREATE VIEW default_post_tags AS
  SELECT '訪問記録' AS name, 1 AS sort_order UNION ALL SELECT 'バイタル', 2 UNION ALL SELECT '服薬', 3
  UNION ALL SELECT '連絡', 4 UNION ALL SELECT '相談', 5 UNION ALL SELECT '会議', 6;
INSERT INTO post_tags (region_id, name, sort_order)
  SELECT r.id, t.name, t.sort_order FROM regions r, default_post_tags t;
CREATE TRIGGER regions_default_post_tags AFTER INSERT ON regions
BEGIN
  INSERT INTO post_tags (region_id, name, sort_order) SELECT NEW.id, name, sort_order FROM default_post_tags;
END;

-- root_id is the post itself for a post and the parent for a reply, so that a thread is one
-- index range; restricted/audience of a reply are those of its root.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES care_teams(id),
  root_id INTEGER REFERENCES posts(id),
  parent_id INTEGER REFERENCES posts(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  tag_id INTEGER REFERENCES post_tags(id),
  important INTEGER NOT NULL DEFAULT 0,
  restricted INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER,
  deleted_by INTEGER REFERENCES users(id),
  delete_reason TEXT
);
CREATE INDEX posts_timeline ON posts(team_id, id) WHERE parent_id IS NULL;
CREATE INDEX posts_thread ON posts(root_id, id);

CREATE TABLE post_versions (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  tag_id INTEGER REFERENCES post_tags(id),
  written_at INTEGER NOT NULL,
  written_by INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (post_id, version)
) WITHOUT ROWID;

CREATE TABLE post_audience (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
CREATE INDEX post_audience_user ON post_audience(user_id, post_id);

CREATE TABLE post_acknowledgements (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;

CREATE TABLE post_reads (
  user_id INTEGER NOT NULL REFERENCES users(id),
  post_id INTEGER NOT NULL REFERENCES posts(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (user_id, post_id)
) WITHOUT ROWID;
