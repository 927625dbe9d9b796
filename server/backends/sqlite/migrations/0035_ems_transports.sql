-- What a crew reports after a call (活動内容を共有する, issue 23): the person's 活動履歴, shown in
-- the emergency view and to the care team, newest first. The post it made on the care team's
-- board is linked (none when the person has no team).

CREATE TABLE ems_transports (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  fire_facility_id INTEGER REFERENCES facilities(id),
  reported_by INTEGER NOT NULL REFERENCES users(id),
  occurred_at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('transported', 'not_transported', 'treated_on_site')),
  hospital_id INTEGER REFERENCES facilities(id),
  hospital_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  incident TEXT NOT NULL DEFAULT '',
  post_id INTEGER REFERENCES posts(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX ems_transports_person ON ems_transports(person_id, occurred_at DESC, id DESC);

-- The care team's 「救急隊が閲覧しました」 reads a person's views from the audit log by target
-- (audit_target, now with the action and order), newest first.
DROP INDEX audit_target;
CREATE INDEX audit_target ON audit_log(target_type, target_id, action, id);
