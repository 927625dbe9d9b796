// Files' bytes in storage: chunks come back byte for byte, a blob is readable once complete, and
// the clean-ups remove exactly the leftovers they are meant for, chunks included.
#include <string>
#include <vector>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "files/blob_store.hpp"

namespace musubi::storetest {
namespace {

using files::Id;

// Every byte value, repeated up to `size`.
std::string bytes(std::size_t size, unsigned char start = 0) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((start + i) & 0xff);
  return out;
}

class BlobStoreTest : public StoreTest {
 protected:
  Id write_blob(UnixSeconds at, const std::vector<std::string>& chunks, bool complete = true) {
    return store->write([&](storage::Transaction& tx) {
      auto id = tx.blobs().create(at);
      std::int64_t size = 0;
      for (std::size_t i = 0; i < chunks.size(); ++i) {
        tx.blobs().append(id, static_cast<std::int64_t>(i), chunks[i]);
        size += static_cast<std::int64_t>(chunks[i].size());
      }
      if (complete) tx.blobs().complete(id, size, "sha-" + std::to_string(size));
      return id;
    });
  }
  std::optional<files::BlobInfo> find(Id id) {
    return store->read([&](storage::Transaction& tx) { return tx.blobs().find(id); });
  }
  std::optional<std::string> chunk(Id id, std::int64_t seq) {
    return store->read([&](storage::Transaction& tx) { return tx.blobs().chunk(id, seq); });
  }
};

TEST_P(BlobStoreTest, ChunksComeBackByteForByte) {
  const auto full = bytes(files::kChunkBytes);
  const auto tail = bytes(1000, 7);
  auto id = write_blob(10, {full, tail});
  auto info = find(id);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->id, id);
  EXPECT_EQ(info->size, static_cast<std::int64_t>(files::kChunkBytes + 1000));
  EXPECT_EQ(info->sha256, "sha-" + std::to_string(files::kChunkBytes + 1000));
  EXPECT_EQ(info->chunks, 2);
  EXPECT_EQ(chunk(id, 0), full);
  EXPECT_EQ(chunk(id, 1), tail);
  EXPECT_FALSE(chunk(id, 2));
  EXPECT_FALSE(chunk(id + 1, 0));
}

TEST_P(BlobStoreTest, AnEmptyFileIsACompleteBlobWithoutChunks) {
  auto id = write_blob(10, {});
  auto info = find(id);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, 0);
  EXPECT_EQ(info->chunks, 0);
  EXPECT_FALSE(chunk(id, 0));
}

TEST_P(BlobStoreTest, ABlobIsFoundOnlyOnceComplete) {
  auto id = write_blob(10, {"part one", "part two"}, false);
  EXPECT_FALSE(find(id));
  store->write([&](storage::Transaction& tx) { tx.blobs().complete(id, 16, "h"); });
  auto info = find(id);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, 16);
  EXPECT_EQ(info->sha256, "h");
  EXPECT_EQ(info->chunks, 2);
}

TEST_P(BlobStoreTest, AChunkIsWrittenOnce) {
  auto id = write_blob(10, {"first"}, false);
  EXPECT_ANY_THROW(
      store->write([&](storage::Transaction& tx) { tx.blobs().append(id, 0, "again"); }));
  EXPECT_EQ(chunk(id, 0), "first");
}

TEST_P(BlobStoreTest, RemovingABlobTakesItsChunksAndNothingElse) {
  auto gone = write_blob(10, {"a", "b"});
  auto kept = write_blob(10, {"c"});
  store->write([&](storage::Transaction& tx) { tx.blobs().remove(gone); });
  EXPECT_FALSE(find(gone));
  EXPECT_FALSE(chunk(gone, 0));
  EXPECT_FALSE(chunk(gone, 1));
  EXPECT_EQ(chunk(kept, 0), "c");
}

TEST_P(BlobStoreTest, OnlyOldIncompleteBlobsAreRemovedAsLeftovers) {
  auto old_partial = write_blob(10, {"cut", "off"}, false);
  auto young_partial = write_blob(50, {"still uploading"}, false);
  auto old_complete = write_blob(10, {"done"});
  auto removed =
      store->write([&](storage::Transaction& tx) { return tx.blobs().remove_incomplete(50); });
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(chunk(old_partial, 0));
  EXPECT_FALSE(chunk(old_partial, 1));
  EXPECT_EQ(chunk(young_partial, 0), "still uploading") << "made at 50: not before 50";
  EXPECT_TRUE(find(old_complete));
  EXPECT_EQ(
      store->write([&](storage::Transaction& tx) { return tx.blobs().remove_incomplete(50); }), 0);
}

TEST_P(BlobStoreTest, UnreferencedCleanUpSparesFilesAndThumbnailsAndUnfinishedUploads) {
  auto [file, thumb] = store->write([&](storage::Transaction& tx) {
    auto doctor = professional(tx, "doctor");
    auto team = care_team(tx, "ひと", {doctor});
    auto f = tx.blobs().create(10);
    tx.blobs().complete(f, 0, "f");
    auto t = tx.blobs().create(10);
    tx.blobs().complete(t, 0, "t");
    tx.attachments().insert({.board_id = team,
                             .uploader_id = doctor,
                             .file_name = "写真.jpg",
                             .media_type = "image/jpeg",
                             .kind = "image",
                             .blob_id = f,
                             .thumbnail_blob_id = t},
                            10);
    return std::make_pair(f, t);
  });
  auto orphan = write_blob(10, {"x"});
  auto partial = write_blob(10, {"y"}, false);
  auto removed =
      store->write([&](storage::Transaction& tx) { return tx.blobs().remove_unreferenced(100); });
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(find(orphan));
  EXPECT_TRUE(find(file));
  EXPECT_TRUE(find(thumb));
  EXPECT_EQ(chunk(partial, 0), "y") << "an upload still under way is not unreferenced";
}

INSTANTIATE_TEST_SUITE_P(Backends, BlobStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
