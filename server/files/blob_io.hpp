// Moving bytes into and out of blobs through Storage, a chunk at a time, so that no file is ever
// held whole in memory while it is uploaded or downloaded.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "files/blob_store.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::files {

// Writes a new blob piece by piece; each full chunk is committed in its own short transaction.
// Destroyed before finish() (or after, unless kept), it removes what it wrote.
class BlobWriter {
 public:
  BlobWriter(storage::Storage& storage, const Clock& clock);
  ~BlobWriter();
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  void write(std::string_view bytes);
  BlobInfo finish();
  // After finish(): the blob now belongs to whoever stored its id.
  void keep() { kept_ = true; }
  std::int64_t size() const { return size_; }
  std::string_view head() const { return head_; }  // first bytes, for sniffing

 private:
  void flush();
  storage::Storage& storage_;
  const Clock& clock_;
  Id blob_id_ = 0;
  std::string buffer_;
  std::string head_;
  std::int64_t seq_ = 0;
  std::int64_t size_ = 0;
  crypto::Sha256 sha_;
  bool kept_ = false;
};

// Reads a blob chunk by chunk (one short read transaction each), for streaming responses.
class BlobReader {
 public:
  BlobReader(storage::Storage& storage, Id blob_id, std::int64_t chunks)
      : storage_(storage), blob_id_(blob_id), chunks_(chunks) {}
  // Fills `piece` with the next chunk; false when it was the last (or there was none).
  bool next(std::string& piece);

 private:
  storage::Storage& storage_;
  Id blob_id_;
  std::int64_t chunks_;
  std::int64_t seq_ = 0;
};

// Stores `bytes` as a complete blob in one go (small derived files: thumbnails).
Id store_blob(storage::Storage& storage, const Clock& clock, std::string_view bytes);

// Reads a whole blob into memory; only for blobs known to be small enough.
std::string read_blob(storage::Storage& storage, Id blob_id);

}  // namespace musubi::files
