-- A day before a poll closes, those who have not answered are reminded once by themselves (the
-- notifier); a moved deadline may remind again. The partial index is what the notifier scans.
ALTER TABLE polls ADD COLUMN auto_reminded_at INTEGER;
CREATE INDEX polls_closing ON polls(deadline)
  WHERE deadline IS NOT NULL AND auto_reminded_at IS NULL AND fixed_at IS NULL;
