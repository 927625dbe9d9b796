-- Outside overlays on the disaster map (issue 24): a power company's outage meshes, a flood map.
-- Each sender is a gateway of a region with its own token (only its SHA-256 is kept). Every
-- overlay sent is kept; the newest version of each name is the one shown. The sender's event id
-- is unique per gateway, so a resent overlay is found, not stored twice.

CREATE TABLE overlay_gateways (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),  -- its posts' author; never signs in
  token_hash TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE overlays (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  gateway_id INTEGER NOT NULL REFERENCES overlay_gateways(id),
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('outage', 'flood', 'other')),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  geojson TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  features INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (gateway_id, event_id),
  UNIQUE (region_id, name, version)
);

-- The registered persons inside each overlay as it was received (their teams are told of an
-- outage once: when they first fall inside one).
CREATE TABLE overlay_persons (
  overlay_id INTEGER NOT NULL REFERENCES overlays(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  needs_power INTEGER NOT NULL,
  PRIMARY KEY (overlay_id, person_id)
) WITHOUT ROWID;
