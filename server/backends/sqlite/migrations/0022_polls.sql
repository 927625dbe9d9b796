-- Polls (アンケート) and date scheduling (日程調整), each on a post of a care team or group.
-- Who has answered and what was answered are kept apart: for an anonymous poll a ballot has no
-- user and a random id, so no row links an answer to the person who gave it (not by user, not
-- by time, not by insertion order).
CREATE TABLE polls (
  post_id INTEGER PRIMARY KEY REFERENCES posts(id),
  mode TEXT NOT NULL CHECK (mode IN ('single', 'multiple', 'schedule')),
  anonymous INTEGER NOT NULL DEFAULT 0,
  free_text INTEGER NOT NULL DEFAULT 0,
  deadline INTEGER,
  reminded_at INTEGER,
  fixed_option_id INTEGER,
  fixed_at INTEGER,
  fixed_by INTEGER REFERENCES users(id),
  decision_post_id INTEGER REFERENCES posts(id)
);
-- Polls still taking answers: what the inbox looks through for "waiting for my answer".
CREATE INDEX polls_open ON polls(post_id) WHERE fixed_at IS NULL;

CREATE TABLE poll_options (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES polls(post_id),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  UNIQUE (post_id, position)
);

CREATE TABLE poll_responders (
  post_id INTEGER NOT NULL REFERENCES polls(post_id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
CREATE INDEX poll_responders_user ON poll_responders(user_id, post_id);

CREATE TABLE poll_ballots (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES polls(post_id),
  user_id INTEGER REFERENCES users(id),  -- NULL on an anonymous poll
  comment TEXT NOT NULL DEFAULT '',
  answered_at INTEGER                    -- NULL on an anonymous poll
);
CREATE UNIQUE INDEX poll_ballots_named ON poll_ballots(post_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX poll_ballots_poll ON poll_ballots(post_id);

-- A choice: 1 for each chosen option. Scheduling: 2 ◯, 1 △, 0 × for every candidate.
CREATE TABLE poll_marks (
  ballot_id INTEGER NOT NULL REFERENCES poll_ballots(id),
  option_id INTEGER NOT NULL REFERENCES poll_options(id),
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 2),
  PRIMARY KEY (ballot_id, option_id)
) WITHOUT ROWID;
