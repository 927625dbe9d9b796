-- The 「あなた宛て」 inbox: reminders a request's author or a team administrator sent to the
-- addressees who have not answered yet, and an index for "replies to my posts".
CREATE TABLE post_request_reminders (
  post_id INTEGER NOT NULL REFERENCES posts(id),
  addressee_id INTEGER NOT NULL REFERENCES users(id),
  sent_by INTEGER NOT NULL REFERENCES users(id),
  sent_at INTEGER NOT NULL
);
CREATE INDEX post_request_reminders_addressee ON post_request_reminders(addressee_id, post_id);
CREATE INDEX posts_author ON posts(author_id, id);
