-- How far the read-audit journal (a file of its own beside the database) has been sealed into
-- the audit log's hash chain; see audit/read_journal.hpp.
CREATE TABLE audit_journal_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sealed_through INTEGER NOT NULL
);
