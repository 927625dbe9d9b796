-- Device certificates (C3): each region's CA, and one certificate per user per device.
CREATE TABLE region_cas (
  region_id INTEGER PRIMARY KEY REFERENCES regions(id),
  certificate_pem TEXT NOT NULL,
  encrypted_key_pem TEXT NOT NULL,  -- PKCS#8, encrypted with the operator's passphrase
  created_at INTEGER NOT NULL
);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  serial TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL UNIQUE,
  issued_at INTEGER NOT NULL,
  issued_by INTEGER REFERENCES users(id),  -- null: the command line
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revoked_by INTEGER REFERENCES users(id),
  last_used_at INTEGER,
  last_ip TEXT NOT NULL DEFAULT '',
  download_token_hash TEXT UNIQUE,
  download_expires_at INTEGER,
  pkcs12 BLOB  -- waits for its one download, then removed
);
CREATE INDEX devices_user ON devices(user_id, id);

ALTER TABLE sessions ADD COLUMN device_id INTEGER REFERENCES devices(id);
CREATE INDEX sessions_open_by_device ON sessions(device_id)
  WHERE device_id IS NOT NULL AND ended_at IS NULL;
