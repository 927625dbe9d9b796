-- Its publisher may remind the recipients who have not read (or acknowledged) a notice, once an
-- hour: the time of the latest reminder.
ALTER TABLE notices ADD COLUMN reminded_at INTEGER;
