// The SQLite device store (see auth/device_store.hpp for what it promises).
#pragma once

#include "auth/device_store.hpp"
#include "backends/sqlite/connection.hpp"

namespace musubi::backends::sqlite {

class SqliteDeviceStore final : public auth::DeviceStore {
 public:
  explicit SqliteDeviceStore(Connection& c) : c_(c) {}
  std::optional<auth::RegionCaRecord> region_ca(auth::Id region_id) override;
  void insert_region_ca(const auth::RegionCaRecord& ca, UnixSeconds now) override;
  void replace_region_ca(const auth::RegionCaRecord& ca, UnixSeconds now) override;
  std::vector<std::string> ca_certificates() override;
  auth::Id insert(const auth::Device& device, auth::Id issued_by,
                  const std::string& download_token_hash, UnixSeconds download_expires_at,
                  const std::string& pkcs12) override;
  std::optional<auth::Device> find(auth::Id device_id) override;
  std::optional<auth::Device> find_by_serial(const std::string& serial) override;
  std::vector<auth::Device> of_user(auth::Id user_id) override;
  std::int64_t usable_in_region(auth::Id region_id, UnixSeconds now) override;
  std::optional<std::pair<auth::Device, std::string>> take_download(const std::string& token_hash,
                                                                    UnixSeconds now) override;
  bool revoke(auth::Id device_id, auth::Id by, UnixSeconds now) override;
  void touch(auth::Id device_id, UnixSeconds now, const std::string& ip) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
