-- Disaster mode (issue 24, C8): the register of persons who need evacuation support (要援護者台帳)
-- with their homes' coordinates and areas, the disasters a city opens, and the safety status
-- teams report for each person during one.

-- A district the city defines (町丁目, 小学校区 …); persons are counted and shaded by it.
CREATE TABLE disaster_areas (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (region_id, name)
);

-- One row per registered person. `reasons` holds comma-separated codes (disaster/types.hpp).
CREATE TABLE support_needs (
  person_id INTEGER PRIMARY KEY REFERENCES persons(id),
  region_id INTEGER NOT NULL REFERENCES regions(id),
  reasons TEXT NOT NULL,
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
  latitude REAL,
  longitude REAL,
  area_id INTEGER REFERENCES disaster_areas(id),
  note TEXT NOT NULL DEFAULT '',
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);
CREATE INDEX support_needs_area ON support_needs(region_id, area_id, priority, person_id);

-- `version` counts the disaster's changes (a status, a label): live pages fetch what changed
-- after the version they hold.
CREATE TABLE disasters (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  drill INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  closed_at INTEGER,
  opened_by INTEGER NOT NULL REFERENCES users(id),
  closed_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX disasters_region ON disasters(region_id, closed_at, id);

-- The areas a disaster covers; none: the whole region.
CREATE TABLE disaster_affected_areas (
  disaster_id INTEGER NOT NULL REFERENCES disasters(id),
  area_id INTEGER NOT NULL REFERENCES disaster_areas(id),
  PRIMARY KEY (disaster_id, area_id)
);

-- Every report as sent, kept for the record. `client_key` is made once per tap by the client:
-- a report sent again (a retry, a queue replayed after being offline) is found, not added.
CREATE TABLE safety_reports (
  id INTEGER PRIMARY KEY,
  disaster_id INTEGER NOT NULL REFERENCES disasters(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  status TEXT NOT NULL CHECK (status IN ('unchecked', 'safe', 'noted', 'unreachable')),
  note TEXT NOT NULL DEFAULT '',
  reported_by INTEGER NOT NULL REFERENCES users(id),
  facility_id INTEGER REFERENCES facilities(id),
  observed_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  client_key TEXT NOT NULL,
  UNIQUE (disaster_id, client_key)
);
CREATE INDEX safety_reports_person ON safety_reports(disaster_id, person_id, observed_at, id);

-- Per disaster and person: the report that counts (the latest observed) and the city's label.
CREATE TABLE safety_current (
  disaster_id INTEGER NOT NULL REFERENCES disasters(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  report_id INTEGER REFERENCES safety_reports(id),
  label TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  PRIMARY KEY (disaster_id, person_id)
);
CREATE INDEX safety_current_version ON safety_current(disaster_id, version);
