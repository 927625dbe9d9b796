-- A board may be muted for a while (an hour, until the morning): when that ends the notifier
-- turns the mute off. NULL with muted = 1: until the member turns it back on.
ALTER TABLE care_team_members ADD COLUMN muted_until INTEGER;
CREATE INDEX care_team_members_mute_ends ON care_team_members(muted_until)
  WHERE muted_until IS NOT NULL;
