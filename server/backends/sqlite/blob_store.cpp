// The chunked blobs holding files' bytes, in SQLite.
#include "backends/sqlite/blob_store.hpp"

namespace musubi::backends::sqlite {

files::Id SqliteBlobStore::create(UnixSeconds now) {
  c_.prepare("INSERT INTO blobs (created_at) VALUES (?1)").bind_all(now).run();
  return c_.last_insert_rowid();
}

void SqliteBlobStore::append(files::Id blob_id, std::int64_t seq, std::string_view bytes) {
  c_.prepare("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?1, ?2, ?3)")
      .bind_all(blob_id, seq, BlobValue{bytes})
      .run();
}

void SqliteBlobStore::complete(files::Id blob_id, std::int64_t size, const std::string& sha256) {
  c_.prepare("UPDATE blobs SET size = ?2, sha256 = ?3, complete = 1 WHERE id = ?1")
      .bind_all(blob_id, size, sha256)
      .run();
}

std::optional<files::BlobInfo> SqliteBlobStore::find(files::Id blob_id) {
  auto s = c_.prepare(
      "SELECT b.id, b.size, b.sha256, (SELECT COUNT(*) FROM blob_chunks c WHERE c.blob_id = b.id) "
      "FROM blobs b WHERE b.id = ?1 AND b.complete = 1");
  s.bind_all(blob_id);
  if (!s.step()) return std::nullopt;
  return files::BlobInfo{
      .id = s.int64(0), .size = s.int64(1), .sha256 = s.text(2), .chunks = s.int64(3)};
}

std::optional<std::string> SqliteBlobStore::chunk(files::Id blob_id, std::int64_t seq) {
  auto s = c_.prepare("SELECT data FROM blob_chunks WHERE blob_id = ?1 AND seq = ?2");
  s.bind_all(blob_id, seq);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

void SqliteBlobStore::remove(files::Id blob_id) {
  c_.prepare("DELETE FROM blobs WHERE id = ?1").bind_all(blob_id).run();
}

std::int64_t SqliteBlobStore::remove_incomplete(UnixSeconds created_before) {
  c_.prepare("DELETE FROM blobs WHERE complete = 0 AND created_at < ?1")
      .bind_all(created_before)
      .run();
  return c_.changes();
}

std::int64_t SqliteBlobStore::remove_unreferenced(UnixSeconds created_before) {
  c_.prepare(
        "DELETE FROM blobs WHERE complete = 1 AND created_at < ?1 "
        "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = blobs.id) "
        "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.thumbnail_blob_id = blobs.id)")
      .bind_all(created_before)
      .run();
  return c_.changes();
}

}  // namespace musubi::backends::sqlite
