-- Region policy for sessions (C3): idle and absolute timeouts per region (0: the server's
-- session.* settings). Each session keeps the idle timeout it was opened under.
ALTER TABLE regions ADD COLUMN session_idle_timeout_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE regions ADD COLUMN session_absolute_timeout_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN idle_timeout_seconds INTEGER NOT NULL DEFAULT 0;
