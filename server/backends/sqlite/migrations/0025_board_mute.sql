-- A member may mute a board: its important posts, polls and messages no longer make
-- notifications for them (a request addressed to them and a reply to their post still do).
ALTER TABLE care_team_members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
