// What device certificates need from storage: each region's CA and the devices issued under it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace musubi::auth {

using Id = std::int64_t;

struct RegionCaRecord {
  Id region_id = 0;
  std::string certificate_pem;
  std::string encrypted_key_pem;  // empty: an external CA, whose key Musubi never has
  bool external() const { return encrypted_key_pem.empty(); }
};

struct Device {
  Id id = 0;
  Id user_id = 0;
  Id region_id = 0;
  std::string name;         // e.g. 「診療所のPC」
  std::string serial;       // certificate serial, upper-case hex
  std::string fingerprint;  // SHA-256, lower-case hex
  UnixSeconds issued_at = 0;
  UnixSeconds expires_at = 0;
  std::optional<UnixSeconds> revoked_at;
  std::optional<UnixSeconds> last_used_at;
  std::string last_ip;
  bool downloaded = false;

  bool usable(UnixSeconds now) const { return !revoked_at && now < expires_at; }
};

class DeviceStore {
 public:
  virtual ~DeviceStore() = default;
  virtual std::optional<RegionCaRecord> region_ca(Id region_id) = 0;
  virtual void insert_region_ca(const RegionCaRecord& ca, UnixSeconds now) = 0;
  // Replaces the region's CA (an external one has no key: encrypted_key_pem is empty).
  virtual void replace_region_ca(const RegionCaRecord& ca, UnixSeconds now) = 0;
  virtual std::vector<std::string> ca_certificates() = 0;  // every region's, PEM
  // The PKCS#12 waits for one download with the token whose hash is given (both empty: nothing
  // waits, the certificate was handed over directly).
  virtual Id insert(const Device& device, Id issued_by, const std::string& download_token_hash,
                    UnixSeconds download_expires_at, const std::string& pkcs12) = 0;
  virtual std::optional<Device> find(Id device_id) = 0;
  virtual std::optional<Device> find_by_serial(const std::string& serial) = 0;
  virtual std::vector<Device> of_user(Id user_id) = 0;
  virtual std::int64_t usable_in_region(Id region_id, UnixSeconds now) = 0;
  // The waiting PKCS#12 for a valid, unexpired token, removed as it is taken (once only).
  virtual std::optional<std::pair<Device, std::string>> take_download(const std::string& token_hash,
                                                                      UnixSeconds now) = 0;
  virtual bool revoke(Id device_id, Id by, UnixSeconds now) = 0;  // false: already revoked
  virtual void touch(Id device_id, UnixSeconds now, const std::string& ip) = 0;
};

}  // namespace musubi::auth
