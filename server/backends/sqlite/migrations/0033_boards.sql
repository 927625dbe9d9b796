-- One name per concept (issue 22): a care team's board, a group's and a conversation's are all
-- boards; "care team" stays only where there is a person. SQLite rewrites the views, triggers
-- and indexes that name these tables and columns along with them.
ALTER TABLE care_teams RENAME TO boards;
ALTER TABLE care_team_members RENAME TO board_members;
ALTER TABLE care_team_join_requests RENAME TO board_join_requests;
ALTER TABLE board_members RENAME COLUMN team_id TO board_id;
ALTER TABLE board_join_requests RENAME COLUMN team_id TO board_id;
ALTER TABLE posts RENAME COLUMN team_id TO board_id;
ALTER TABLE attachments RENAME COLUMN team_id TO board_id;
ALTER TABLE post_search_text RENAME COLUMN team_id TO board_id;
ALTER TABLE board_events RENAME COLUMN team_id TO board_id;
ALTER TABLE inbox_items RENAME COLUMN team_id TO board_id;
ALTER TABLE inbox_tallies RENAME COLUMN team_id TO board_id;
ALTER TABLE notifications RENAME COLUMN team_id TO board_id;
