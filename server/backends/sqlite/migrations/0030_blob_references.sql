-- Finding blobs no attachment refers to (left by an upload that failed after its bytes were
-- stored, e.g. on a full disk) without reading every attachment per blob.
CREATE INDEX attachments_blob ON attachments(blob_id);
CREATE INDEX attachments_thumbnail ON attachments(thumbnail_blob_id)
  WHERE thumbnail_blob_id IS NOT NULL;
