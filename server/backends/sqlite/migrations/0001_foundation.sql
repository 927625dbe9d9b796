-- Regions, facilities, professions, users, sessions, persons and the audit log.
-- Times are Unix seconds (UTC). Text is UTF-8 as entered; *_key columns hold the search key
-- (NFKC, hiragana, no spaces) so kana search can use an index.

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_min_length INTEGER NOT NULL DEFAULT 10,
  password_require_letter_and_digit INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE professions (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  UNIQUE (region_id, name)
);

CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  name_kana TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  postal_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  contact_user_id INTEGER REFERENCES users(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (region_id, name)
);
CREATE INDEX facilities_region_key ON facilities(region_id, search_key);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  facility_id INTEGER REFERENCES facilities(id),
  login_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  name_kana TEXT NOT NULL,
  search_key TEXT NOT NULL,
  profession_id INTEGER REFERENCES professions(id),
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  password_changed_at INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_login_at INTEGER,
  last_login_ip TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_region_key ON users(region_id, search_key, id);
CREATE INDEX users_facility ON users(facility_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  ended_at INTEGER,
  end_reason TEXT
);
CREATE INDEX sessions_open_by_user ON sessions(user_id) WHERE ended_at IS NULL;

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  registered_by_facility_id INTEGER REFERENCES facilities(id),
  name TEXT NOT NULL,
  name_kana TEXT NOT NULL,
  search_key TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('male', 'female', 'other', 'unknown')),
  postal_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX persons_region_key ON persons(region_id, search_key, id);
CREATE INDEX persons_facility_key ON persons(registered_by_facility_id, search_key, id);

-- Append-only: each row's hash covers its fields and the previous row's hash, so `musubi audit
-- verify` finds any altered or removed row. The triggers stop the application (and a careless
-- operator) from changing rows; the chain catches anyone who removes the triggers first.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  region_id INTEGER,
  actor_user_id INTEGER,
  actor_login TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_region_at ON audit_log(region_id, id);
CREATE INDEX audit_target ON audit_log(target_type, target_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
