-- Japanese search over the board: one row per post or reply that is not deleted, holding its
-- text and the names of its files in search form (musubi_fold: NFKC, katakana as hiragana, lower
-- case). The trigram index answers words of three or more characters; shorter words (熱, 痛み)
-- are matched with instr() over the posts the viewer may see. Triggers keep it in step with every
-- write, so no code path can forget it.
CREATE VIRTUAL TABLE post_search USING fts5(text, tokenize = 'trigram');

CREATE VIEW post_search_source AS
  SELECT p.id AS post_id,
         musubi_fold(p.body || COALESCE(char(10) || (SELECT group_concat(a.file_name, char(10))
                                                    FROM attachments a WHERE a.post_id = p.id), ''))
           AS text
  FROM posts p WHERE p.deleted_at IS NULL;

INSERT INTO post_search (rowid, text) SELECT post_id, text FROM post_search_source;

CREATE TRIGGER posts_search_insert AFTER INSERT ON posts
BEGIN
  INSERT INTO post_search (rowid, text) SELECT post_id, text FROM post_search_source
    WHERE post_id = NEW.id;
END;

CREATE TRIGGER posts_search_update AFTER UPDATE OF body, deleted_at ON posts
BEGIN
  DELETE FROM post_search WHERE rowid = NEW.id;
  INSERT INTO post_search (rowid, text) SELECT post_id, text FROM post_search_source
    WHERE post_id = NEW.id;
END;

CREATE TRIGGER attachments_search_update AFTER UPDATE OF post_id ON attachments
  WHEN NEW.post_id IS NOT NULL
BEGIN
  DELETE FROM post_search WHERE rowid = NEW.post_id;
  INSERT INTO post_search (rowid, text) SELECT post_id, text FROM post_search_source
    WHERE post_id = NEW.post_id;
END;

CREATE TRIGGER attachments_search_insert AFTER INSERT ON attachments
  WHEN NEW.post_id IS NOT NULL
BEGIN
  DELETE FROM post_search WHERE rowid = NEW.post_id;
  INSERT INTO post_search (rowid, text) SELECT post_id, text FROM post_search_source
    WHERE post_id = NEW.post_id;
END;
