-- Notifications: the in-app list (通知) and what e-mail tells about. One row per user and thing
-- (a post or a notice), under the reason that matters most to them (a request before an important
-- post before a reply); a reminder brings the row back as new. Rows are made from the board's
-- events and from published notices by the notifier, after the change has committed.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  subject TEXT NOT NULL,  -- 'post:ID' or 'notice:ID'
  kind TEXT NOT NULL CHECK (kind IN ('request', 'message', 'important', 'poll', 'reply',
                                     'reminder', 'notice')),
  team_id INTEGER REFERENCES care_teams(id),
  post_id INTEGER REFERENCES posts(id),
  notice_id INTEGER REFERENCES notices(id),
  actor_id INTEGER REFERENCES users(id),
  urgent INTEGER NOT NULL DEFAULT 0,  -- mailed even at night
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  mailed_at INTEGER,  -- told by an immediate mail or a digest (or the user wants no mail)
  UNIQUE (user_id, subject)
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unmailed ON notifications(user_id, kind) WHERE mailed_at IS NULL;

-- Each user's choices; no row means the defaults.
CREATE TABLE notification_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  immediate INTEGER NOT NULL DEFAULT 1,  -- mail at once for requests, messages, important posts
  digest INTEGER NOT NULL DEFAULT 1,     -- one mail a day with the rest
  digest_hour INTEGER NOT NULL DEFAULT 7 CHECK (digest_hour BETWEEN 0 AND 23),
  quiet_start INTEGER NOT NULL DEFAULT 21 CHECK (quiet_start BETWEEN 0 AND 23),
  quiet_end INTEGER NOT NULL DEFAULT 7 CHECK (quiet_end BETWEEN 0 AND 23),
  last_digest_at INTEGER
);

-- How far the notifier has read the board's events and the published notices.
CREATE TABLE notifier_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  event_cursor INTEGER NOT NULL,
  notice_cursor INTEGER NOT NULL
);
INSERT INTO notifier_state (id, event_cursor, notice_cursor)
  SELECT 1, (SELECT COALESCE(MAX(seq), 0) FROM board_events), (SELECT COALESCE(MAX(id), 0) FROM notices);
