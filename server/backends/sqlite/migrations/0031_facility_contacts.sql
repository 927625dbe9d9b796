-- A facility's contact (病院の地域連携室) who joins a board because a request was addressed to the
-- facility: the team sees through which facility they came (via_facility_id), and the region
-- chooses whether such a contact reads the whole board and record ('record', as before) or only
-- the requests addressed to them and their threads ('request': request_only members).
ALTER TABLE regions ADD COLUMN contact_access TEXT NOT NULL DEFAULT 'record'
  CHECK (contact_access IN ('record', 'request'));
ALTER TABLE care_team_members ADD COLUMN via_facility_id INTEGER REFERENCES facilities(id);
ALTER TABLE care_team_members ADD COLUMN request_only INTEGER NOT NULL DEFAULT 0;

-- The inbox's one definition of "why does this post need this member", now with the same
-- visibility as every other read (backends/sqlite/post_visibility.hpp): a request-only member
-- sees the threads of requests addressed to them and 特別便 naming them, nothing else.
DROP VIEW inbox_rebuild;
DROP VIEW inbox_truth;
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
WHERE p.deleted_at IS NULL AND (
  (p.restricted = 0 AND m.request_only = 0)
  OR EXISTS (SELECT 1 FROM post_audience a WHERE a.post_id = p.id AND a.user_id = m.user_id)
  OR (p.restricted = 0 AND EXISTS (SELECT 1 FROM post_addressees ad
                                   WHERE ad.post_id = p.root_id AND ad.user_id = m.user_id)));

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

-- Being addressed (or no longer) opens (or closes) the whole thread to a request-only member.
DROP TRIGGER inbox_addressees_insert;
DROP TRIGGER inbox_addressees_delete;
CREATE TRIGGER inbox_addressees_insert AFTER INSERT ON post_addressees BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id
    AND post_id IN (SELECT id FROM posts WHERE root_id = NEW.post_id);
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND post_id IN (SELECT id FROM posts WHERE root_id = NEW.post_id)
      AND (request OR important OR unread);
END;
CREATE TRIGGER inbox_addressees_delete AFTER DELETE ON post_addressees BEGIN
  DELETE FROM inbox_items WHERE user_id = OLD.user_id
    AND post_id IN (SELECT id FROM posts WHERE root_id = OLD.post_id);
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = OLD.user_id AND post_id IN (SELECT id FROM posts WHERE root_id = OLD.post_id)
      AND (request OR important OR unread);
END;
-- A contact made a full member (or the reverse) sees the rest of the board from then on.
CREATE TRIGGER inbox_members_access AFTER UPDATE OF request_only ON care_team_members
  WHEN NEW.request_only != OLD.request_only BEGIN
  DELETE FROM inbox_items WHERE user_id = NEW.user_id AND team_id = NEW.team_id;
  INSERT INTO inbox_items SELECT user_id, post_id, team_id, created_at, request, deadline,
    important, unread, to_me FROM inbox_truth
    WHERE user_id = NEW.user_id AND team_id = NEW.team_id AND (request OR important OR unread);
END;
