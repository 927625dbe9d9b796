-- A hidden group (非公開) is not listed to those who are not on it, and cannot be asked to join:
-- its members add people. Region administrators still see it in the list.
ALTER TABLE care_teams ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
