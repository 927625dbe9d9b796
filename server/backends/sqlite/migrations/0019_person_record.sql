-- The person record (C4): summary versions, ACP entries, consents, forms, and the region's choice
-- of actions that need a valid consent. Summaries and ACP entries are JSON documents
-- (codec/record_json) and are only ever added, never changed.

CREATE TABLE person_summaries (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  changes TEXT NOT NULL,  -- JSON array of what this version changed, in Japanese
  changed_by INTEGER NOT NULL REFERENCES users(id),
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, version)
) WITHOUT ROWID;

CREATE TABLE advance_care_plans (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, version)
) WITHOUT ROWID;

CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  consenter TEXT NOT NULL CHECK (consenter IN ('self', 'proxy')),
  consenter_name TEXT NOT NULL,
  proxy_relation TEXT NOT NULL DEFAULT '',
  consented_on TEXT NOT NULL,
  expires_on TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL,  -- JSON (codec/record_json)
  document_attachment_id INTEGER REFERENCES attachments(id),
  note TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  withdrawn_by INTEGER REFERENCES users(id),
  withdrawn_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_person ON consents(person_id, id);

-- The signed paper of a consent is an upload of the person's team, claimed by the consent: then
-- the whole team may see it (attachments otherwise follow their post, or only their uploader).
ALTER TABLE attachments ADD COLUMN consent_id INTEGER REFERENCES consents(id);

CREATE TABLE forms (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  template TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'final')),
  form_values TEXT NOT NULL,  -- JSON object, field key → value
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  finalized_by INTEGER REFERENCES users(id),
  finalized_at INTEGER
);
CREATE INDEX forms_person ON forms(person_id, id);

ALTER TABLE regions ADD COLUMN consent_required_for TEXT NOT NULL DEFAULT '';
