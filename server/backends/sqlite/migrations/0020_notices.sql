-- Region notices (お知らせ): published to the users an audience named at that moment; one row
-- per recipient holds their read and acknowledged times, so "who has not read it" is one query.

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  publisher_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  important INTEGER NOT NULL DEFAULT 0,
  ack_requested INTEGER NOT NULL DEFAULT 0,
  -- The audience as chosen, for showing it: facility kind codes and profession ids (JSON arrays),
  -- the facility of a facility administrator's notice.
  facility_kinds TEXT NOT NULL DEFAULT '[]',
  profession_ids TEXT NOT NULL DEFAULT '[]',
  facility_id INTEGER REFERENCES facilities(id),
  published_at INTEGER NOT NULL
);
CREATE INDEX notices_region ON notices(region_id, id);
CREATE INDEX notices_publisher ON notices(publisher_id, id);

CREATE TABLE notice_recipients (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  read_at INTEGER,
  acknowledged_at INTEGER,
  PRIMARY KEY (notice_id, user_id)
) WITHOUT ROWID;
-- A user's notices newest first, and their unread count.
CREATE INDEX notice_recipients_user ON notice_recipients(user_id, notice_id);
