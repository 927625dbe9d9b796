// Attachments and blobs in storage: a file is visible exactly when its post is, pending uploads
// are their uploader's alone, and chunks come back as written.
#include "backends.hpp"
#include "board/board_store.hpp"
#include "files/blob_store.hpp"
#include "person/person_store.hpp"

namespace musubi::storetest {
namespace {

using board::Attachment;

class AttachmentStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      team = care_team(tx, "ひと", {doctor, nurse});
    });
  }

  AttachmentId upload(UserId by, const std::string& name, const std::string& kind = "other") {
    return store->write([&](storage::Transaction& tx) {
      auto blob = tx.blobs().create(1);
      tx.blobs().append(blob, 0, "abc");
      tx.blobs().complete(blob, 3, "sha");
      return tx.attachments().insert(Attachment{.board_id = team,
                                                .uploader_id = by,
                                                .file_name = name,
                                                .media_type = "application/octet-stream",
                                                .kind = kind,
                                                .size = 3,
                                                .blob_id = blob},
                                     10);
    });
  }

  PostId post(UserId author, std::vector<UserId> audience, std::vector<AttachmentId> files) {
    return store->write([&](storage::Transaction& tx) {
      auto id = tx.posts().insert(
          {.board_id = team, .author_id = author, .body = "本文", .audience = audience}, 20);
      EXPECT_EQ(tx.attachments().attach(files, team, author, id),
                static_cast<std::int64_t>(files.size()));
      return id;
    });
  }

  std::optional<Attachment> seen_by(UserId viewer, AttachmentId id) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.attachments().find_visible(id, viewer); });
  }

  UserId doctor, nurse;
  BoardId team;
};

TEST_P(AttachmentStoreTest, APendingUploadIsSeenByItsUploaderOnly) {
  auto file = upload(nurse, "a.png");
  EXPECT_TRUE(seen_by(nurse, file));
  EXPECT_FALSE(seen_by(doctor, file));
  // Nobody attaches another's upload.
  store->write([&](storage::Transaction& tx) {
    auto id = tx.posts().insert({.board_id = team, .author_id = doctor, .body = "x"}, 20);
    EXPECT_EQ(tx.attachments().attach({file}, team, doctor, id), 0);
  });
}

TEST_P(AttachmentStoreTest, APostedFileFollowsItsPostsAudienceAndDeletion) {
  auto open = upload(nurse, "open.pdf", "pdf");
  auto secret = upload(nurse, "secret.png", "image");
  auto open_post = post(nurse, {}, {open});
  post(nurse, {nurse}, {secret});  // restricted to the nurse alone
  EXPECT_TRUE(seen_by(doctor, open));
  EXPECT_FALSE(seen_by(doctor, secret));
  EXPECT_TRUE(seen_by(nurse, secret));
  auto listed = store->read([&](storage::Transaction& tx) {
    return tx.attachments().list({.board_id = team, .viewer_id = doctor});
  });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].file_name, "open.pdf");
  store->write(
      [&](storage::Transaction& tx) { tx.posts().soft_delete(open_post, nurse, "誤り", 30); });
  EXPECT_FALSE(seen_by(doctor, open));
}

TEST_P(AttachmentStoreTest, ListFiltersByKindAndPagesNewestFirst) {
  std::vector<AttachmentId> files;
  for (int i = 0; i < 5; ++i)
    files.push_back(upload(doctor, "f" + std::to_string(i), i % 2 ? "image" : "pdf"));
  post(doctor, {}, files);
  auto list = [&](board::AttachmentQuery q) {
    q.board_id = team;
    q.viewer_id = nurse;
    return store->read([&](storage::Transaction& tx) { return tx.attachments().list(q); });
  };
  EXPECT_EQ(list({.kind = "image"}).size(), 2u);
  auto first = list({.limit = 2});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].file_name, "f4");
  auto rest = list({.before_id = first[1].id});
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].file_name, "f2");
}

TEST_P(AttachmentStoreTest, BlobsComeBackChunkByChunkAndIncompleteOnesAreRemoved) {
  // Not a structured binding: clang 14 cannot capture one in the lambdas below.
  const auto blobs = store->write([&](storage::Transaction& tx) {
    auto a = tx.blobs().create(1);
    tx.blobs().append(a, 0, std::string("\0\1\2", 3));
    tx.blobs().append(a, 1, "xyz");
    tx.blobs().complete(a, 6, "h");
    auto b = tx.blobs().create(1);
    tx.blobs().append(b, 0, "never finished");
    return std::pair{a, b};
  });
  const auto done = blobs.first;
  const auto partial = blobs.second;
  store->read([&](storage::Transaction& tx) {
    auto info = tx.blobs().find(done);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->chunks, 2);
    EXPECT_EQ(*tx.blobs().chunk(done, 0), std::string("\0\1\2", 3));
    EXPECT_FALSE(tx.blobs().find(partial)) << "incomplete blobs are not readable";
  });
  auto removed =
      store->write([&](storage::Transaction& tx) { return tx.blobs().remove_incomplete(2); });
  EXPECT_EQ(removed, 1);
  store->read([&](storage::Transaction& tx) { EXPECT_FALSE(tx.blobs().chunk(partial, 0)); });
}

TEST_P(AttachmentStoreTest, CompleteBlobsNoAttachmentRefersToAreRemovedWhenOldEnough) {
  auto kept = upload(nurse, "kept");
  auto orphan = store->write([&](storage::Transaction& tx) {
    auto id = tx.blobs().create(5);
    tx.blobs().append(id, 0, "bytes of an upload whose attachment was never saved");
    tx.blobs().complete(id, 52, "h");
    return id;
  });
  auto young = [&] {
    return store->write(
        [&](storage::Transaction& tx) { return tx.blobs().remove_unreferenced(5); });
  };
  EXPECT_EQ(young(), 0) << "made at 5: not before 5";
  auto removed =
      store->write([&](storage::Transaction& tx) { return tx.blobs().remove_unreferenced(6); });
  EXPECT_EQ(removed, 1);
  store->read([&](storage::Transaction& tx) {
    EXPECT_FALSE(tx.blobs().find(orphan));
    EXPECT_FALSE(tx.blobs().chunk(orphan, 0)) << "its chunks go with it";
  });
  EXPECT_TRUE(seen_by(nurse, kept)) << "a file an attachment refers to stays";
}

TEST_P(AttachmentStoreTest, StalePendingUploadsArePurgedWithTheirBlobs) {
  auto old_file = upload(nurse, "old");
  auto purged =
      store->write([&](storage::Transaction& tx) { return tx.attachments().purge_pending(11); });
  EXPECT_EQ(purged, 1);
  EXPECT_FALSE(seen_by(nurse, old_file));
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentStoreTest, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace musubi::storetest
