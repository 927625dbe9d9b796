-- Categories are edited per region: renamed, reordered, or retired (kept on old posts, no longer
-- offered for new ones).
ALTER TABLE post_tags ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
