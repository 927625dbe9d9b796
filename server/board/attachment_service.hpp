// Files on a care team's board: upload (streamed into chunked blobs, images checked, stripped of
// location metadata and given a thumbnail), download and the team's file view. A file is seen
// exactly by those who see its post; before it is posted, by its uploader alone.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "board/board_store.hpp"
#include "core/clock.hpp"
#include "files/blob_io.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::board {

// Not yet posted uploads are removed after this long.
constexpr UnixSeconds kPendingUploadSeconds = UnixSeconds{24} * 3600;

class AttachmentUpload {
 public:
  AttachmentUpload(storage::Storage& storage, const Clock& clock, access::Actor actor,
                   BoardId board_id, std::string file_name, std::int64_t limit);
  std::int64_t limit() const { return limit_; }
  void write(std::string_view bytes);
  // Checks and stores the file; it is then a pending upload of the actor.
  Attachment finish();

 private:
  storage::Storage& storage_;
  const Clock& clock_;
  access::Actor actor_;
  BoardId board_id_;
  std::string file_name_;
  std::int64_t limit_;
  files::BlobWriter blob_;
};

struct FileContent {
  std::string media_type;
  std::string file_name;
  bool inline_view = false;  // images open in the browser; PDFs and the rest are downloaded
  Id blob_id = 0;
  std::int64_t size = 0;
  std::int64_t chunks = 0;
};

class AttachmentService {
 public:
  AttachmentService(storage::Storage& storage, const Clock& clock)
      : storage_(storage), clock_(clock) {}

  // Checks membership and the region's size limit before a byte of the body is read.
  std::unique_ptr<AttachmentUpload> start_upload(const access::Actor& actor, BoardId board_id,
                                                 const std::string& file_name,
                                                 std::optional<std::uint64_t> declared_length);
  void discard_pending(const access::Actor& actor, AttachmentId attachment_id);
  // The file itself (audited); `thumbnail` for an image's small version.
  FileContent open(const access::Actor& actor, AttachmentId attachment_id, bool thumbnail);
  // The team's file view, newest first.
  std::vector<Attachment> list(const access::Actor& actor, AttachmentQuery query);
  // Housekeeping: stale pending uploads, and stored bytes no attachment refers to (an upload cut
  // off, or one whose attachment could not be saved on a full disk). At start everything such is
  // removed; while serving (hourly) only what is older than an hour, so that an upload in flight
  // is never touched. Returns how many blobs were removed.
  std::int64_t clean_up(bool at_start);

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::board
