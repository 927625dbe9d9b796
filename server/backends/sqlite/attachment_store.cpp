// Attachments and the chunked blobs holding their bytes. A file is visible exactly when its post
// is (post_visibility.hpp), or, before it is posted, to its uploader alone; the signed paper of a
// consent is the team's.

#include "backends/sqlite/attachment_store.hpp"
#include "backends/sqlite/post_visibility.hpp"

namespace musubi::backends::sqlite {

using board::Attachment;
using board::Id;

namespace {

constexpr const char* kAttachmentSelect =
    "SELECT x.id, x.board_id, x.post_id, x.uploader_id, u.name, x.file_name, x.media_type, x.kind, "
    "x.size, x.blob_id, x.thumbnail_blob_id, x.width, x.height, x.created_at, x.consent_id "
    "FROM attachments x JOIN users u ON u.id = x.uploader_id ";

Attachment read_attachment(Statement& s) {
  Attachment a;
  a.id = s.id<AttachmentId>(0);
  a.board_id = s.id<BoardId>(1);
  a.post_id = s.optional_id<PostId>(2);
  a.uploader_id = s.id<UserId>(3);
  a.uploader_name = s.text(4);
  a.file_name = s.text(5);
  a.media_type = s.text(6);
  a.kind = s.text(7);
  a.size = s.int64(8);
  a.blob_id = s.int64(9);
  a.thumbnail_blob_id = s.optional_int64(10);
  if (auto w = s.optional_int64(11)) a.width = static_cast<int>(*w);
  if (auto h = s.optional_int64(12)) a.height = static_cast<int>(*h);
  a.created_at = s.int64(13);
  a.consent_id = s.optional_int64(14);
  return a;
}

}  // namespace

void load_attachments(Connection& c, const std::vector<board::Post*>& posts) {
  if (posts.empty()) return;
  std::vector<Id> ids;
  ids.reserve(posts.size());
  for (auto* p : posts) ids.push_back(p->id);
  auto s = c.prepare(std::string(kAttachmentSelect) +
                     "WHERE x.post_id IN (SELECT value FROM json_each(?1)) ORDER BY x.id");
  s.bind_all(id_array(ids));
  while (s.step()) {
    auto a = read_attachment(s);
    for (auto* p : posts) {
      if (p->id == *a.post_id && !p->deleted_at) {
        p->attachments.push_back(std::move(a));
        break;
      }
    }
  }
}

AttachmentId SqliteAttachmentStore::insert(const Attachment& a, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO attachments (board_id, post_id, uploader_id, file_name, media_type, kind, "
        "size, blob_id, thumbnail_blob_id, width, height, created_at) "
        "VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .bind_all(a.board_id, a.uploader_id, a.file_name, a.media_type, a.kind, a.size, a.blob_id,
                a.thumbnail_blob_id, a.width, a.height, now)
      .run();
  return AttachmentId{c_.last_insert_rowid()};
}

std::optional<Attachment> SqliteAttachmentStore::find_visible(AttachmentId attachment_id,
                                                              UserId viewer_id) {
  auto s = c_.prepare(std::string(kAttachmentSelect) +
                      "LEFT JOIN posts p ON p.id = x.post_id WHERE x.id = ?1 AND "
                      "((x.post_id IS NULL AND x.uploader_id = ?2) OR x.consent_id IS NOT NULL OR "
                      "(p.deleted_at IS NULL AND " +
                      visible("?2") + "))");
  s.bind_all(attachment_id, viewer_id);
  if (!s.step()) return std::nullopt;
  return read_attachment(s);
}

std::int64_t SqliteAttachmentStore::attach(const std::vector<AttachmentId>& ids, BoardId board_id,
                                           UserId uploader_id, PostId post_id) {
  c_.prepare(
        "UPDATE attachments SET post_id = ?4 WHERE id IN (SELECT value FROM json_each(?1)) AND "
        "board_id = ?2 AND uploader_id = ?3 AND post_id IS NULL AND consent_id IS NULL")
      .bind_all(id_array(ids), board_id, uploader_id, post_id)
      .run();
  return c_.changes();
}

void SqliteAttachmentStore::remove_pending(AttachmentId attachment_id, UserId uploader_id) {
  auto s = c_.prepare(
      "DELETE FROM attachments WHERE id = ?1 AND uploader_id = ?2 AND post_id IS NULL "
      "AND consent_id IS NULL RETURNING blob_id, thumbnail_blob_id");
  s.bind_all(attachment_id, uploader_id);
  std::vector<Id> blobs;
  while (s.step()) {
    blobs.push_back(s.int64(0));
    if (auto t = s.optional_int64(1)) blobs.push_back(*t);
  }
  for (auto blob : blobs) c_.prepare("DELETE FROM blobs WHERE id = ?1").bind_all(blob).run();
}

std::int64_t SqliteAttachmentStore::purge_pending(UnixSeconds before) {
  auto s = c_.prepare(
      "DELETE FROM attachments WHERE post_id IS NULL AND consent_id IS NULL AND created_at < ?1 "
      "RETURNING blob_id, thumbnail_blob_id");
  s.bind_all(before);
  std::vector<Id> blobs;
  std::int64_t removed = 0;
  while (s.step()) {
    ++removed;
    blobs.push_back(s.int64(0));
    if (auto t = s.optional_int64(1)) blobs.push_back(*t);
  }
  for (auto blob : blobs) c_.prepare("DELETE FROM blobs WHERE id = ?1").bind_all(blob).run();
  return removed;
}

std::vector<Attachment> SqliteAttachmentStore::list(const board::AttachmentQuery& q) {
  auto s = c_.prepare(std::string(kAttachmentSelect) +
                      "JOIN posts p ON p.id = x.post_id WHERE x.board_id = ?1 AND "
                      "p.deleted_at IS NULL AND " +
                      visible("?2") +
                      " AND (?3 IS NULL OR x.kind = ?3) AND (?4 IS NULL OR x.uploader_id = ?4) "
                      "AND (?5 IS NULL OR x.created_at >= ?5) AND (?6 IS NULL OR x.created_at < "
                      "?6) AND (?7 IS NULL OR x.id < ?7) ORDER BY x.id DESC LIMIT ?8");
  s.bind_all(q.board_id, q.viewer_id, q.kind, q.uploader_id, q.from, q.until, q.before_id, q.limit);
  std::vector<Attachment> out;
  while (s.step()) out.push_back(read_attachment(s));
  return out;
}

}  // namespace musubi::backends::sqlite
