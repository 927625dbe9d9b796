-- Attachments: files on posts, stored in the database in 1 MiB chunks so that a backup or a
-- replica holds everything, and an upload is written piece by piece as it arrives.

-- A blob is complete once its last chunk is written; incomplete ones are removed at start.
CREATE TABLE blobs (
  id INTEGER PRIMARY KEY,
  size INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT,
  complete INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE blob_chunks (
  blob_id INTEGER NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (blob_id, seq)
) WITHOUT ROWID;

-- post_id is NULL while the file is uploaded but not yet posted (only its uploader sees it);
-- such pending files are removed after a day.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES care_teams(id),
  post_id INTEGER REFERENCES posts(id),
  uploader_id INTEGER NOT NULL REFERENCES users(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'pdf', 'other')),
  size INTEGER NOT NULL,
  blob_id INTEGER NOT NULL REFERENCES blobs(id),
  thumbnail_blob_id INTEGER REFERENCES blobs(id),
  width INTEGER,
  height INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_post ON attachments(post_id);
CREATE INDEX attachments_team ON attachments(team_id, id);
CREATE INDEX attachments_pending ON attachments(created_at) WHERE post_id IS NULL;

ALTER TABLE regions ADD COLUMN max_upload_bytes INTEGER NOT NULL DEFAULT 104857600;

-- Important posts stay on top of the board until acknowledged: found without a scan.
CREATE INDEX posts_important ON posts(team_id, id)
  WHERE important = 1 AND parent_id IS NULL AND deleted_at IS NULL;
