-- Unread counts that cost the same however much is unread. The team list's badges and the
-- inbox's counts used to count a user's unread inbox rows on every view: with a two-week backlog
-- at 10 million posts that was tens of thousands of rows per request (team list 6.5×, inbox 3.9×
-- slower than at 100,000 posts). `inbox_tallies` keeps, per user and board, how many of the
-- user's inbox rows are unread and how many of those answer a thread the user started; triggers
-- on inbox_items keep it exact. The inbox reads its few rows that need attention (requests,
-- important posts) whole, and only the newest of the plain unread rows (inbox_items_unread).
CREATE TABLE inbox_tallies (
  user_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0,
  unread_to_me INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, team_id)
) WITHOUT ROWID;
INSERT INTO inbox_tallies (user_id, team_id, unread, unread_to_me)
  SELECT user_id, team_id, SUM(unread != 0), SUM(unread != 0 AND to_me != 0)
  FROM inbox_items GROUP BY user_id, team_id;

CREATE TRIGGER inbox_tally_insert AFTER INSERT ON inbox_items WHEN NEW.unread BEGIN
  INSERT INTO inbox_tallies (user_id, team_id, unread, unread_to_me)
    VALUES (NEW.user_id, NEW.team_id, 1, NEW.to_me != 0)
    ON CONFLICT (user_id, team_id) DO UPDATE SET unread = unread + 1,
      unread_to_me = unread_to_me + excluded.unread_to_me;
END;
CREATE TRIGGER inbox_tally_delete AFTER DELETE ON inbox_items WHEN OLD.unread BEGIN
  UPDATE inbox_tallies SET unread = unread - 1, unread_to_me = unread_to_me - (OLD.to_me != 0)
    WHERE user_id = OLD.user_id AND team_id = OLD.team_id;
END;
CREATE TRIGGER inbox_tally_update AFTER UPDATE OF unread, to_me ON inbox_items
  WHEN (OLD.unread != 0) != (NEW.unread != 0) OR (OLD.to_me != 0) != (NEW.to_me != 0) BEGIN
  INSERT INTO inbox_tallies (user_id, team_id, unread, unread_to_me)
    VALUES (NEW.user_id, NEW.team_id, (NEW.unread != 0) - (OLD.unread != 0),
            (NEW.unread != 0 AND NEW.to_me != 0) - (OLD.unread != 0 AND OLD.to_me != 0))
    ON CONFLICT (user_id, team_id) DO UPDATE SET unread = unread + excluded.unread,
      unread_to_me = unread_to_me + excluded.unread_to_me;
END;

-- The watermark trigger replaced rows (INSERT OR REPLACE), which deletes without firing delete
-- triggers: it now updates them in place from the same one definition.
DROP TRIGGER inbox_members_watermark;
CREATE TRIGGER inbox_members_watermark AFTER UPDATE OF read_through_id ON care_team_members
  WHEN NEW.read_through_id > OLD.read_through_id BEGIN
  UPDATE inbox_items SET request = t.request, deadline = t.deadline, important = t.important,
    unread = t.unread, to_me = t.to_me
    FROM inbox_truth AS t
    WHERE t.user_id = inbox_items.user_id AND t.post_id = inbox_items.post_id
      AND inbox_items.user_id = NEW.user_id AND inbox_items.team_id = NEW.team_id
      AND inbox_items.post_id > OLD.read_through_id AND inbox_items.post_id <= NEW.read_through_id;
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND team_id = NEW.team_id
    AND post_id > OLD.read_through_id AND post_id <= NEW.read_through_id
    AND NOT (request OR important OR unread);
END;

-- The rows that need attention, counted and ranked from their indexes alone: requests
-- (whatever their age) in the inbox's order, important posts by age (the window is a range);
-- and the newest plain unread rows.
CREATE INDEX inbox_items_requests ON inbox_items(user_id, deadline IS NULL, deadline, post_id,
                                                 unread, to_me) WHERE request;
CREATE INDEX inbox_items_important ON inbox_items(user_id, created_at, post_id, request, unread,
                                                  to_me) WHERE important;
CREATE INDEX inbox_items_unread ON inbox_items(user_id, to_me, post_id, request, important,
                                               created_at) WHERE unread;

-- The boards where a viewer is a request-only contact (migration 0031), asked once per read by
-- the visibility predicate (post_visibility.hpp): usually an empty range of this index.
CREATE INDEX care_team_members_request_only ON care_team_members(user_id, team_id)
  WHERE request_only = 1;
