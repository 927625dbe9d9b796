-- C3: invitations by e-mail, the outgoing mail queue, one-time codes (TOTP) with recovery codes,
-- and the rest of the region's sign-in policy.

-- A one-time link sent to a user's registered address: it sets the password (first sign-in) and
-- issues a device certificate, or enrols a one-time-code app for account kinds that use one.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  sets_password INTEGER NOT NULL,
  second_factor TEXT NOT NULL,  -- 'certificate' | 'totp'
  device_name TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),  -- null: the command line
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  cancelled_at INTEGER,  -- a newer invitation for the same user replaces this one
  device_id INTEGER REFERENCES devices(id),
  mail_id INTEGER REFERENCES mail_outbox(id)
);
CREATE INDEX invitations_user ON invitations(user_id, id);

-- Mail waits here until the relay has taken it. The body (which may hold a one-time link) is
-- removed once sent or given up on, so the database never keeps a usable link longer than needed.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  region_id INTEGER REFERENCES regions(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT,
  kind TEXT NOT NULL,  -- e.g. 'invitation'
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at)
  WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_region ON mail_outbox(region_id, id);

-- RFC 6238 secrets. A secret is usable once confirmed with a first code; last_step stops a code
-- from being used twice.
CREATE TABLE totp_secrets (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  secret BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id, code_hash);

ALTER TABLE regions ADD COLUMN max_devices_per_user INTEGER NOT NULL DEFAULT 5;
ALTER TABLE regions ADD COLUMN device_validity_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE regions ADD COLUMN totp_roles TEXT NOT NULL DEFAULT 'family';
