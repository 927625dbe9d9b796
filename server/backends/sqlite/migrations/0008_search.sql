-- Japanese search over the board. post_search_text holds, for each post or reply that is not
-- deleted, its text and the names of its files in search form (musubi_fold: NFKC, katakana as
-- hiragana, lower case), clustered by team so that the posts one viewer may see are read in a
-- few contiguous ranges. post_search is a trigram index of the same text for words of three or
-- more characters that are rare in the region; one- and two-character words (熱, 痛み), which a
-- trigram cannot answer, and common words are matched with instr() over the viewer's teams.
-- Triggers keep both in step with every write, so no code path can forget them.
CREATE TABLE post_search_text (
  team_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (team_id, post_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE post_search USING fts5(text, content = '', tokenize = 'trigram');

CREATE TRIGGER post_search_text_insert AFTER INSERT ON post_search_text
BEGIN
  INSERT INTO post_search (rowid, text) VALUES (NEW.post_id, NEW.text);
END;

-- A contentless index forgets a row only when told the exact text it indexed.
CREATE TRIGGER post_search_text_delete AFTER DELETE ON post_search_text
BEGIN
  INSERT INTO post_search (post_search, rowid, text) VALUES ('delete', OLD.post_id, OLD.text);
END;

CREATE VIEW post_search_source AS
  SELECT p.team_id AS team_id, p.id AS post_id,
         musubi_fold(p.body || COALESCE(char(10) || (SELECT group_concat(a.file_name, char(10))
                                                    FROM attachments a WHERE a.post_id = p.id), ''))
           AS text
  FROM posts p WHERE p.deleted_at IS NULL;

INSERT INTO post_search_text (team_id, post_id, text) SELECT team_id, post_id, text FROM post_search_source;

CREATE TRIGGER posts_search_insert AFTER INSERT ON posts
BEGIN
  INSERT INTO post_search_text (team_id, post_id, text)
    SELECT team_id, post_id, text FROM post_search_source WHERE post_id = NEW.id;
END;

CREATE TRIGGER posts_search_update AFTER UPDATE OF body, deleted_at ON posts
BEGIN
  DELETE FROM post_search_text WHERE team_id = NEW.team_id AND post_id = NEW.id;
  INSERT INTO post_search_text (team_id, post_id, text)
    SELECT team_id, post_id, text FROM post_search_source WHERE post_id = NEW.id;
END;

CREATE TRIGGER attachments_search_update AFTER UPDATE OF post_id ON attachments
  WHEN NEW.post_id IS NOT NULL
BEGIN
  DELETE FROM post_search_text WHERE team_id = NEW.team_id AND post_id = NEW.post_id;
  INSERT INTO post_search_text (team_id, post_id, text)
    SELECT team_id, post_id, text FROM post_search_source WHERE post_id = NEW.post_id;
END;

CREATE TRIGGER attachments_search_insert AFTER INSERT ON attachments
  WHEN NEW.post_id IS NOT NULL
BEGIN
  DELETE FROM post_search_text WHERE team_id = NEW.team_id AND post_id = NEW.post_id;
  INSERT INTO post_search_text (team_id, post_id, text)
    SELECT team_id, post_id, text FROM post_search_source WHERE post_id = NEW.post_id;
END;
