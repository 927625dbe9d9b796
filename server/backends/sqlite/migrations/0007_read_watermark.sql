-- Unread counts without scanning a team's whole history: every post of the team up to
-- read_through_id counts as read for that member; post_reads holds the reads above it. The
-- watermark moves up as the member reads (and to the top with 「すべて既読にする」).
ALTER TABLE care_team_members ADD COLUMN read_through_id INTEGER NOT NULL DEFAULT 0;
-- All posts of a team in order (posts_timeline holds only the roots).
CREATE INDEX posts_team ON posts(team_id, id);
