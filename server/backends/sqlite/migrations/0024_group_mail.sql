-- Each group's own e-mail address: group-<mail_key>@<mail.inbound_domain>. A member's mail to it
-- from their registered address becomes a post; the key is random so that the address cannot be
-- guessed from the group.
ALTER TABLE care_teams ADD COLUMN mail_key TEXT;
CREATE UNIQUE INDEX care_teams_mail_key ON care_teams(mail_key) WHERE mail_key IS NOT NULL;
UPDATE care_teams SET mail_key = lower(hex(randomblob(8))) WHERE kind = 'group';
