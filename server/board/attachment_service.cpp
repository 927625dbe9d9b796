#include "board/attachment_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "core/error.hpp"
#include "files/image.hpp"
#include "files/media.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

const char* kNoFile = "ファイルが見つかりません";

// Phone photos are a few MB; decoding beyond this is refused rather than risked.
constexpr std::int64_t kMaxImageBytes = 50LL * 1024 * 1024;

std::string megabytes(std::int64_t bytes) {
  return fmt::format("{} MB", bytes / (std::int64_t{1024} * 1024));
}

}  // namespace

AttachmentUpload::AttachmentUpload(storage::Storage& storage, const Clock& clock,
                                   access::Actor actor, BoardId board_id, std::string file_name,
                                   std::int64_t limit)
    : storage_(storage),
      clock_(clock),
      actor_(std::move(actor)),
      board_id_(board_id),
      file_name_(std::move(file_name)),
      limit_(limit),
      blob_(storage, clock) {}

void AttachmentUpload::write(std::string_view bytes) {
  if (blob_.size() + static_cast<std::int64_t>(bytes.size()) > limit_) {
    throw Error(ErrorCode::too_large, "ファイルが大きすぎます（上限 " + megabytes(limit_) + "）");
  }
  blob_.write(bytes);
}

Attachment AttachmentUpload::finish() {
  if (blob_.size() == 0) throw Error(ErrorCode::invalid_input, "空のファイルは添付できません");
  auto sniffed = files::sniff(blob_.head());
  auto stored = blob_.finish();
  Attachment a{.board_id = board_id_,
               .uploader_id = actor_.user_id,
               .file_name = file_name_,
               .media_type = sniffed.media_type,
               .kind = std::string(files::kind_code(sniffed.kind)),
               .size = stored.size,
               .blob_id = stored.id};
  // Derived blobs (a stripped original, a thumbnail) are removed again if anything below fails.
  std::optional<files::BlobWriter> stripped;
  std::optional<files::BlobWriter> thumbnail;
  if (sniffed.kind == files::Kind::image) {
    bool decodable = false;
    if (stored.size <= kMaxImageBytes) {
      auto bytes = files::read_blob(storage_, stored.id);
      auto size = files::image_size(bytes, sniffed.image);
      if (size && static_cast<std::int64_t>(size->width) * size->height > files::kMaxImagePixels) {
        throw Error(ErrorCode::invalid_input,
                    fmt::format("画像の画素数が多すぎます（{}×{}）。縮小してから添付してください",
                                size->width, size->height));
      }
      if (size) {
        decodable = true;
        a.width = size->width;
        a.height = size->height;
        // A phone photo carries where it was taken: the stored original must not.
        if (auto clean = files::without_metadata(bytes, sniffed.image)) {
          stripped.emplace(storage_, clock_);
          stripped->write(*clean);
          auto info = stripped->finish();
          a.blob_id = info.id;
          a.size = info.size;
          bytes = std::move(*clean);
        }
        if (auto small = files::make_thumbnail(bytes, sniffed.image)) {
          thumbnail.emplace(storage_, clock_);
          thumbnail->write(*small);
          a.thumbnail_blob_id = thumbnail->finish().id;
        }
      }
    }
    // Too big to decode safely, or not really an image: kept, but only ever downloaded.
    if (!decodable) {
      a.kind = std::string(files::kind_code(files::Kind::other));
      a.media_type = "application/octet-stream";
    }
  }
  a.id = storage_.write([&](storage::Transaction& tx) {
    auto id = tx.attachments().insert(a, clock_.now());
    record(tx, clock_, actor_, "attachment.upload", "care_team", board_id_,
           fmt::format("attachment {} ({} bytes, {})", id, a.size, a.kind));
    return id;
  });
  a.created_at = clock_.now();
  a.uploader_name = actor_.name;
  if (stripped) {
    stripped->keep();  // the original with metadata goes when blob_ is destroyed
  } else {
    blob_.keep();
  }
  if (thumbnail) thumbnail->keep();
  return a;
}

std::unique_ptr<AttachmentUpload> AttachmentService::start_upload(
    const access::Actor& actor, BoardId board_id, const std::string& file_name,
    std::optional<std::uint64_t> declared_length) {
  auto limit = storage_.read([&](storage::Transaction& tx) {
    require_member(tx, actor, board_id);
    return tx.regions().find(actor.region_id)->max_upload_bytes;
  });
  if (declared_length && *declared_length > static_cast<std::uint64_t>(limit)) {
    throw Error(ErrorCode::too_large, "ファイルが大きすぎます（上限 " + megabytes(limit) + "）");
  }
  // Stale pending uploads go whenever someone uploads: no timer needed.
  storage_.write([&](storage::Transaction& tx) {
    tx.attachments().purge_pending(clock_.now() - kPendingUploadSeconds);
  });
  return std::make_unique<AttachmentUpload>(storage_, clock_, actor, board_id,
                                            files::safe_file_name(file_name), limit);
}

void AttachmentService::discard_pending(const access::Actor& actor, AttachmentId attachment_id) {
  storage_.write([&](storage::Transaction& tx) {
    auto a = tx.attachments().find_visible(attachment_id, actor.user_id);
    if (!a || a->post_id || a->uploader_id != actor.user_id) {
      throw Error(ErrorCode::not_found, kNoFile);
    }
    tx.attachments().remove_pending(attachment_id, actor.user_id);
    record(tx, clock_, actor, "attachment.discard", "care_team", a->board_id,
           fmt::format("attachment {}", attachment_id));
  });
}

FileContent AttachmentService::open(const access::Actor& actor, AttachmentId attachment_id,
                                    bool thumbnail) {
  std::optional<Id> post_id;
  auto content = storage_.read([&](storage::Transaction& tx) {
    auto a = tx.attachments().find_visible(attachment_id, actor.user_id);
    // Visible post or own pending upload, and still on the team; a consent's paper is part of
    // the record, which a request-only contact does not read.
    auto me = a ? tx.boards().member(a->board_id, actor.user_id) : std::nullopt;
    if (!a || !me || (a->consent_id && me->request_only)) {
      throw Error(ErrorCode::not_found, kNoFile);
    }
    if (thumbnail && !a->thumbnail_blob_id) throw Error(ErrorCode::not_found, kNoFile);
    auto blob_id = thumbnail ? *a->thumbnail_blob_id : a->blob_id;
    auto info = tx.blobs().find(blob_id);
    if (!info) throw Error(ErrorCode::not_found, kNoFile);
    post_id = a->post_id;
    FileContent out{.media_type = thumbnail ? "image/webp" : a->media_type,
                    .file_name = a->file_name,
                    // A PDF may carry JavaScript, and the browser's viewer refuses to work under a
                    // sandbox: PDFs are downloaded and opened outside this site (decision 006).
                    .inline_view = thumbnail || a->kind == "image",
                    .blob_id = blob_id,
                    .size = info->size,
                    .chunks = info->chunks};
    return out;
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = thumbnail ? "attachment.thumbnail" : "attachment.download",
                      .target_type = "post",
                      .target_id = std::to_string(post_id.value_or(0)),
                      .detail = fmt::format("attachment {}", attachment_id)});
  return content;
}

std::vector<Attachment> AttachmentService::list(const access::Actor& actor, AttachmentQuery query) {
  auto files = storage_.read([&](storage::Transaction& tx) {
    require_member(tx, actor, query.board_id);
    query.viewer_id = actor.user_id;
    query.limit = std::clamp<std::int64_t>(query.limit, 1, 100);
    return tx.attachments().list(query);
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "attachment.list",
                      .target_type = "care_team",
                      .target_id = std::to_string(query.board_id),
                      .detail = fmt::format("{} files", files.size())});
  return files;
}

std::int64_t AttachmentService::clean_up(bool at_start) {
  const auto now = clock_.now();
  const UnixSeconds before = at_start ? now + 1 : now - 3600;
  return storage_.write([&](storage::Transaction& tx) {
    tx.attachments().purge_pending(now - kPendingUploadSeconds);
    return tx.blobs().remove_incomplete(before) + tx.blobs().remove_unreferenced(before);
  });
}

}  // namespace musubi::board
