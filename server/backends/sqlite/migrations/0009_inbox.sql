-- The 「あなた宛て」 inbox: reminders a request's author or a team administrator sent to the
-- addressees who have not answered yet, and recent important posts found per team without
-- reading the posts themselves (the columns the inbox checks are in the index).
CREATE TABLE post_request_reminders (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  addressee_id INTEGER NOT NULL REFERENCES users(id),
  sent_by INTEGER NOT NULL REFERENCES users(id),
  sent_at INTEGER NOT NULL
);
CREATE INDEX post_request_reminders_addressee ON post_request_reminders(addressee_id, post_id);
CREATE INDEX posts_important_recent ON posts(team_id, created_at, author_id, restricted)
  WHERE important = 1 AND parent_id IS NULL AND deleted_at IS NULL;
