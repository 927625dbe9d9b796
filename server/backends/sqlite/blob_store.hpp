// The SQLite blob store (see files/blob_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "files/blob_store.hpp"

namespace musubi::backends::sqlite {

class SqliteBlobStore final : public files::BlobStore {
 public:
  explicit SqliteBlobStore(Connection& c) : c_(c) {}
  files::Id create(UnixSeconds now) override;
  void append(files::Id blob_id, std::int64_t seq, std::string_view bytes) override;
  void complete(files::Id blob_id, std::int64_t size, const std::string& sha256) override;
  std::optional<files::BlobInfo> find(files::Id blob_id) override;
  std::optional<std::string> chunk(files::Id blob_id, std::int64_t seq) override;
  void remove(files::Id blob_id) override;
  std::int64_t remove_incomplete(UnixSeconds created_before) override;
  std::int64_t remove_unreferenced(UnixSeconds created_before) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
