-- The inbox kept up to date as things happen, instead of worked out on every view: one row per
-- user and post that needs that user, with why. A busy doctor's inbox is then one range of one
-- index; before, it joined every unread post of every team on each request.
--
-- `inbox_truth` is the one definition of "why does this post need this member"; every trigger
-- below recomputes rows from it, so the table cannot drift from the rules. Rows whose only reason
-- is an important post older than the inbox window are filtered when read and pruned hourly.
CREATE TABLE inbox_items (
  user_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  request INTEGER NOT NULL,    -- a request addressed to the user, still waiting for them
  deadline INTEGER,
  important INTEGER NOT NULL,  -- an important post the user has not acknowledged
  unread INTEGER NOT NULL,
  to_me INTEGER NOT NULL,      -- a reply in a thread the user started
  PRIMARY KEY (user_id, post_id)
) WITHOUT ROWID;
CREATE INDEX inbox_items_post ON inbox_items(post_id);

CREATE VIEW inbox_truth AS
SELECT m.user_id AS user_id, p.id AS post_id, p.team_id AS team_id, p.created_at AS created_at,
  m.read_through_id AS read_through_id,
  EXISTS (SELECT 1 FROM post_addressees ad JOIN post_requests r ON r.post_id = ad.post_id
          WHERE ad.post_id = p.id AND ad.user_id = m.user_id AND
          CASE r.kind WHEN 'answer' THEN NOT EXISTS (
                SELECT 1 FROM posts x WHERE x.root_id = p.id AND x.parent_id IS NOT NULL AND
                +x.author_id = m.user_id AND x.deleted_at IS NULL)
          ELSE NOT (p.id <= m.read_through_id OR EXISTS (
                SELECT 1 FROM post_reads rd WHERE rd.user_id = m.user_id AND rd.post_id = p.id))
          END) AS request,
  (SELECT r.deadline FROM post_requests r WHERE r.post_id = p.id) AS deadline,
  (p.important = 1 AND p.parent_id IS NULL AND p.author_id != m.user_id AND NOT EXISTS (
     SELECT 1 FROM post_acknowledgements k WHERE k.post_id = p.id AND k.user_id = m.user_id))
    AS important,
  (p.author_id != m.user_id AND NOT (p.id <= m.read_through_id OR EXISTS (
     SELECT 1 FROM post_reads rd WHERE rd.user_id = m.user_id AND rd.post_id = p.id))) AS unread,
  (p.parent_id IS NOT NULL AND EXISTS (
     SELECT 1 FROM posts o WHERE o.id = p.root_id AND o.author_id = m.user_id)) AS to_me
FROM care_team_members m JOIN posts p ON p.team_id = m.team_id
WHERE p.deleted_at IS NULL AND (p.restricted = 0 OR EXISTS (
  SELECT 1 FROM post_audience a WHERE a.post_id = p.id AND a.user_id = m.user_id));

-- Every row the table should hold, looking only at pairs that can need someone (unread above the
-- watermark, requests, important posts), never every member × every post.
-- Fills the table here and after a bulk load (SqliteStorage::bulk_load).
CREATE VIEW inbox_rebuild AS
  SELECT user_id, post_id, team_id, created_at, request, deadline, important, unread, to_me
  FROM inbox_truth WHERE post_id > read_through_id AND (request OR important OR unread)
  UNION
  SELECT t.user_id, t.post_id, t.team_id, t.created_at, t.request, t.deadline, t.important,
         t.unread, t.to_me
  FROM post_addressees ad JOIN inbox_truth t ON t.post_id = ad.post_id AND t.user_id = ad.user_id
  WHERE t.request OR t.important OR t.unread
  UNION
  SELECT t.user_id, t.post_id, t.team_id, t.created_at, t.request, t.deadline, t.important,
         t.unread, t.to_me
  FROM posts p JOIN inbox_truth t ON t.post_id = p.id
  WHERE p.important = 1 AND p.parent_id IS NULL AND p.deleted_at IS NULL
    AND (t.request OR t.important OR t.unread);
INSERT INTO inbox_items SELECT * FROM inbox_rebuild;

-- Triggers set aside during a bulk load, put back by the next start if the load never finished.
CREATE TABLE bulk_load_triggers (name TEXT PRIMARY KEY, sql TEXT NOT NULL);

-- One user and one post.
CREATE TRIGGER inbox_reads_insert AFTER INSERT ON post_reads BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND post_id = NEW.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_acks_insert AFTER INSERT ON post_acknowledgements BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND post_id = NEW.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_addressees_insert AFTER INSERT ON post_addressees BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND post_id = NEW.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_addressees_delete AFTER DELETE ON post_addressees BEGIN
  DELETE FROM inbox_items WHERE user_id = OLD.user_id AND post_id = OLD.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = OLD.user_id AND post_id = OLD.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_audience_insert AFTER INSERT ON post_audience BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND post_id = NEW.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_audience_delete AFTER DELETE ON post_audience BEGIN
  DELETE FROM inbox_items WHERE user_id = OLD.user_id AND post_id = OLD.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = OLD.user_id AND post_id = OLD.post_id AND (request OR important OR unread);
END;

-- Every member for one post.
CREATE TRIGGER inbox_posts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE post_id = NEW.id AND (request OR important OR unread);
  -- A reply may answer a request addressed to its author.
  DELETE FROM inbox_items WHERE NEW.parent_id IS NOT NULL AND user_id = NEW.author_id
    AND post_id = NEW.root_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE NEW.parent_id IS NOT NULL AND user_id = NEW.author_id AND post_id = NEW.root_id
      AND (request OR important OR unread);
END;
-- Only these change after a post is written (its place in a thread and its author never do).
CREATE TRIGGER inbox_posts_update AFTER UPDATE OF deleted_at, important, restricted ON posts BEGIN
  DELETE FROM inbox_items WHERE post_id = NEW.id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE post_id = NEW.id AND (request OR important OR unread);
  -- Deleting a reply can reopen the request its author answered with it.
  DELETE FROM inbox_items WHERE NEW.parent_id IS NOT NULL AND user_id = NEW.author_id
    AND post_id = NEW.root_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE NEW.parent_id IS NOT NULL AND user_id = NEW.author_id AND post_id = NEW.root_id
      AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_requests_insert AFTER INSERT ON post_requests BEGIN
  DELETE FROM inbox_items WHERE post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE post_id = NEW.post_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_requests_update AFTER UPDATE ON post_requests BEGIN
  DELETE FROM inbox_items WHERE post_id = NEW.post_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE post_id = NEW.post_id AND (request OR important OR unread);
END;

-- Every post for one member.
CREATE TRIGGER inbox_members_insert AFTER INSERT ON care_team_members BEGIN
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND team_id = NEW.team_id AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_members_delete AFTER DELETE ON care_team_members BEGIN
  DELETE FROM inbox_items WHERE user_id = OLD.user_id AND team_id = OLD.team_id;
END;
-- Posts a raised watermark passes over are read: recompute the rows it covers.
CREATE TRIGGER inbox_members_watermark AFTER UPDATE OF read_through_id ON care_team_members
  WHEN NEW.read_through_id > OLD.read_through_id BEGIN
  INSERT OR REPLACE INTO inbox_items SELECT t.user_id, t.post_id, t.team_id, t.created_at,
    t.request, t.deadline, t.important, t.unread, t.to_me
    FROM inbox_items i JOIN inbox_truth t ON t.user_id = i.user_id AND t.post_id = i.post_id
    WHERE i.user_id = NEW.user_id AND i.team_id = NEW.team_id
      AND i.post_id > OLD.read_through_id AND i.post_id <= NEW.read_through_id;
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND team_id = NEW.team_id
    AND post_id > OLD.read_through_id AND post_id <= NEW.read_through_id
    AND NOT (request OR important OR unread);
END;
