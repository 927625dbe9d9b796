// Files' bytes in storage: a blob is written as numbered chunks (each in its own short write
// transaction, so an upload never holds the writer) and marked complete at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace musubi::files {

using Id = std::int64_t;

// Size of one stored chunk: large enough for few rows, small enough to stream in little memory.
constexpr std::size_t kChunkBytes = 1 << 20;

struct BlobInfo {
  Id id = 0;
  std::int64_t size = 0;
  std::string sha256;
  std::int64_t chunks = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual Id create(UnixSeconds now) = 0;
  virtual void append(Id blob_id, std::int64_t seq, std::string_view bytes) = 0;
  virtual void complete(Id blob_id, std::int64_t size, const std::string& sha256) = 0;
  // Complete blobs only.
  virtual std::optional<BlobInfo> find(Id blob_id) = 0;
  virtual std::optional<std::string> chunk(Id blob_id, std::int64_t seq) = 0;
  virtual void remove(Id blob_id) = 0;
  // Leftovers of uploads cut off (a crash, a full disk) made before `created_before`; returns how
  // many were removed.
  virtual std::int64_t remove_incomplete(UnixSeconds created_before) = 0;
  // Complete blobs made before `created_before` that no attachment refers to (an upload whose
  // attachment could not be saved); returns how many were removed.
  virtual std::int64_t remove_unreferenced(UnixSeconds created_before) = 0;
};

}  // namespace musubi::files
