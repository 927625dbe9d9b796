-- A crew's session ends sooner (issue 23): the dispatch desk's terminal and a phone left in an
-- ambulance. The region's setting, 10 minutes unless it says otherwise.

ALTER TABLE regions ADD COLUMN ems_idle_timeout_seconds INTEGER NOT NULL DEFAULT 600;
