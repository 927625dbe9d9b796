-- The city's emergency-call system (緊急通報システム: pendant alarms and their centre, issue 23):
-- each centre is a gateway with its own token (only its SHA-256 is kept) and an account of its
-- own that its posts are written by. A call it sends becomes an important post on the person's
-- care team, once: the centre's event id is unique per gateway, so a resent event posts nothing.

CREATE TABLE emergency_gateways (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE emergency_calls (
  id INTEGER PRIMARY KEY,
  gateway_id INTEGER NOT NULL REFERENCES emergency_gateways(id),
  event_id TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('call', 'ems_request', 'welfare_check')),
  occurred_at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  post_id INTEGER REFERENCES posts(id),
  received_at INTEGER NOT NULL,
  UNIQUE (gateway_id, event_id)
);
CREATE INDEX emergency_calls_person ON emergency_calls(person_id, occurred_at DESC);
