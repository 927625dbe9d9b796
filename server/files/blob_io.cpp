#include "files/blob_io.hpp"

#include <spdlog/spdlog.h>

#include "storage/storage.hpp"

namespace musubi::files {

BlobWriter::BlobWriter(storage::Storage& storage, const Clock& clock)
    : storage_(storage), clock_(clock) {
  blob_id_ =
      storage_.write([&](storage::Transaction& tx) { return tx.blobs().create(clock_.now()); });
  buffer_.reserve(kChunkBytes);
}

BlobWriter::~BlobWriter() {
  if (kept_) return;
  try {
    storage_.write([&](storage::Transaction& tx) { tx.blobs().remove(blob_id_); });
  } catch (const std::exception& e) {
    // Left incomplete; removed at the next start.
    spdlog::warn("could not remove abandoned blob {}: {}", blob_id_, e.what());
  }
}

void BlobWriter::write(std::string_view bytes) {
  if (head_.size() < 16) head_.append(bytes.substr(0, 16 - head_.size()));
  sha_.update(bytes);
  size_ += static_cast<std::int64_t>(bytes.size());
  while (!bytes.empty()) {
    auto room = kChunkBytes - buffer_.size();
    auto take = std::min(room, bytes.size());
    buffer_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (buffer_.size() == kChunkBytes) flush();
  }
}

void BlobWriter::flush() {
  if (buffer_.empty()) return;
  storage_.write([&](storage::Transaction& tx) { tx.blobs().append(blob_id_, seq_, buffer_); });
  ++seq_;
  buffer_.clear();
}

BlobInfo BlobWriter::finish() {
  flush();
  auto sha = sha_.hex();
  storage_.write([&](storage::Transaction& tx) { tx.blobs().complete(blob_id_, size_, sha); });
  return {.id = blob_id_, .size = size_, .sha256 = sha, .chunks = seq_};
}

Id store_blob(storage::Storage& storage, const Clock& clock, std::string_view bytes) {
  BlobWriter writer(storage, clock);
  writer.write(bytes);
  auto info = writer.finish();
  writer.keep();
  return info.id;
}

bool BlobReader::next(std::string& piece) {
  piece.clear();
  if (seq_ >= chunks_) return false;
  auto chunk =
      storage_.read([&](storage::Transaction& tx) { return tx.blobs().chunk(blob_id_, seq_); });
  // A blob removed while being read (its post deleted for good) ends the response early; the
  // client sees a short body rather than wrong bytes.
  if (!chunk) throw std::runtime_error("blob chunk missing");
  piece = std::move(*chunk);
  ++seq_;
  return seq_ < chunks_;
}

std::string read_blob(storage::Storage& storage, Id blob_id) {
  return storage.read([&](storage::Transaction& tx) {
    std::string out;
    auto info = tx.blobs().find(blob_id);
    if (!info) return out;
    out.reserve(static_cast<std::size_t>(info->size));
    for (std::int64_t seq = 0; seq < info->chunks; ++seq) {
      if (auto piece = tx.blobs().chunk(blob_id, seq)) out += *piece;
    }
    return out;
  });
}

}  // namespace musubi::files
