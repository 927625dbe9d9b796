-- Requests (宛先・返信依頼): a post addressed to named members, asking them to read or to answer,
-- with an optional deadline. An addressee's state (unread, read, acknowledged, answered) is derived
-- from post_reads, post_acknowledgements and their replies, so it can never disagree with them.

CREATE TABLE post_requests (
  post_id INTEGER PRIMARY KEY REFERENCES posts(id),
  kind TEXT NOT NULL CHECK (kind IN ('read', 'answer')),
  deadline INTEGER
);

-- via_facility_id: addressed to a facility and delivered to its designated contact, who may hand
-- it on to a colleague (handed_on_by).
CREATE TABLE post_addressees (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  via_facility_id INTEGER REFERENCES facilities(id),
  handed_on_by INTEGER REFERENCES users(id),
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
CREATE INDEX post_addressees_user ON post_addressees(user_id, post_id);
