-- Unread counts (team list, inbox) and "newest visible post" read a team's posts above the
-- member's read watermark and check author, deletion and restriction: with those columns in the
-- index no post row (with its text) is read at all. Replaces posts_team, its prefix.
CREATE INDEX posts_team_cover ON posts(team_id, id, author_id, deleted_at, restricted, parent_id,
                                       root_id, created_at);
DROP INDEX posts_team;
