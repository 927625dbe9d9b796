// The SQLite attachment store (see board/board_store.hpp for what it promises).
#pragma once

#include <vector>

#include "backends/sqlite/connection.hpp"
#include "board/board_store.hpp"

namespace musubi::backends::sqlite {

// Files of these posts, one query for the whole page.
void load_attachments(Connection& c, const std::vector<board::Post*>& posts);

class SqliteAttachmentStore final : public board::AttachmentStore {
 public:
  explicit SqliteAttachmentStore(Connection& c) : c_(c) {}
  AttachmentId insert(const board::Attachment& a, UnixSeconds now) override;
  std::optional<board::Attachment> find_visible(AttachmentId attachment_id,
                                                UserId viewer_id) override;
  std::int64_t attach(const std::vector<AttachmentId>& ids, BoardId board_id, UserId uploader_id,
                      PostId post_id) override;
  void remove_pending(AttachmentId attachment_id, UserId uploader_id) override;
  std::int64_t purge_pending(UnixSeconds before) override;
  std::vector<board::Attachment> list(const board::AttachmentQuery& query) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
