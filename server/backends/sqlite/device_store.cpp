// Region CAs and device certificates in SQLite.
#include "backends/sqlite/device_store.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::auth;

namespace {

constexpr const char* kDeviceSelect =
    "SELECT d.id, d.user_id, u.region_id, d.name, d.serial, d.fingerprint, d.issued_at, "
    "d.expires_at, d.revoked_at, d.last_used_at, d.last_ip, d.pkcs12 IS NULL FROM devices d JOIN "
    "users u ON u.id = d.user_id ";

Device read_device(Statement& s) {
  Device d;
  d.id = s.int64(0);
  d.user_id = s.int64(1);
  d.region_id = s.int64(2);
  d.name = s.text(3);
  d.serial = s.text(4);
  d.fingerprint = s.text(5);
  d.issued_at = s.int64(6);
  d.expires_at = s.int64(7);
  d.revoked_at = s.optional_int64(8);
  d.last_used_at = s.optional_int64(9);
  d.last_ip = s.text(10);
  d.downloaded = s.int64(11) != 0;
  return d;
}

}  // namespace

std::optional<RegionCaRecord> SqliteDeviceStore::region_ca(Id region_id) {
  auto s = c_.prepare(
      "SELECT region_id, certificate_pem, encrypted_key_pem FROM region_cas WHERE region_id = ?1");
  s.bind_all(region_id);
  if (!s.step()) return std::nullopt;
  return RegionCaRecord{s.int64(0), s.text(1), s.text(2)};
}

void SqliteDeviceStore::insert_region_ca(const RegionCaRecord& ca, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO region_cas (region_id, certificate_pem, encrypted_key_pem, created_at) "
        "VALUES (?1, ?2, ?3, ?4)")
      .bind_all(ca.region_id, ca.certificate_pem, ca.encrypted_key_pem, now)
      .run();
}

void SqliteDeviceStore::replace_region_ca(const RegionCaRecord& ca, UnixSeconds now) {
  c_.prepare("DELETE FROM region_cas WHERE region_id = ?1").bind_all(ca.region_id).run();
  insert_region_ca(ca, now);
}

std::vector<std::string> SqliteDeviceStore::ca_certificates() {
  auto s = c_.prepare("SELECT certificate_pem FROM region_cas ORDER BY region_id");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

Id SqliteDeviceStore::insert(const Device& d, Id issued_by, const std::string& download_token_hash,
                             UnixSeconds download_expires_at, const std::string& pkcs12) {
  c_.prepare(
        "INSERT INTO devices (user_id, name, serial, fingerprint, issued_at, issued_by, "
        "expires_at, download_token_hash, download_expires_at, pkcs12) VALUES (?1, ?2, ?3, ?4, "
        "?5, NULLIF(?6, 0), ?7, NULLIF(?8, ''), ?9, CASE WHEN ?8 = '' THEN NULL ELSE ?10 END)")
      .bind_all(d.user_id, d.name, d.serial, d.fingerprint, d.issued_at, issued_by, d.expires_at,
                download_token_hash, download_expires_at, BlobValue{pkcs12})
      .run();
  return c_.last_insert_rowid();
}

std::optional<Device> SqliteDeviceStore::find(Id device_id) {
  auto s = c_.prepare(std::string(kDeviceSelect) + "WHERE d.id = ?1");
  s.bind_all(device_id);
  if (!s.step()) return std::nullopt;
  return read_device(s);
}

std::optional<Device> SqliteDeviceStore::find_by_serial(const std::string& serial) {
  auto s = c_.prepare(std::string(kDeviceSelect) + "WHERE d.serial = ?1");
  s.bind_all(serial);
  if (!s.step()) return std::nullopt;
  return read_device(s);
}

std::vector<Device> SqliteDeviceStore::of_user(Id user_id) {
  auto s = c_.prepare(std::string(kDeviceSelect) + "WHERE d.user_id = ?1 ORDER BY d.id DESC");
  s.bind_all(user_id);
  std::vector<Device> out;
  while (s.step()) out.push_back(read_device(s));
  return out;
}

std::int64_t SqliteDeviceStore::usable_in_region(Id region_id, UnixSeconds now) {
  auto s = c_.prepare(
      "SELECT COUNT(*) FROM devices d JOIN users u ON u.id = d.user_id WHERE u.region_id = ?1 AND "
      "d.revoked_at IS NULL AND d.expires_at > ?2");
  s.bind_all(region_id, now);
  s.step();
  return s.int64(0);
}

std::optional<std::pair<Device, std::string>> SqliteDeviceStore::take_download(
    const std::string& token_hash, UnixSeconds now) {
  Id id = 0;
  std::string pkcs12;
  {
    auto s = c_.prepare(
        "SELECT id, pkcs12 FROM devices WHERE download_token_hash = ?1 AND download_expires_at > "
        "?2 AND pkcs12 IS NOT NULL AND revoked_at IS NULL");
    s.bind_all(token_hash, now);
    if (!s.step()) return std::nullopt;
    id = s.int64(0);
    pkcs12 = s.blob(1);
  }
  // In the same transaction as the read: a second request with the token finds nothing.
  c_.prepare("UPDATE devices SET pkcs12 = NULL, download_token_hash = NULL WHERE id = ?1")
      .bind_all(id)
      .run();
  auto device = find(id);
  if (!device) return std::nullopt;
  return std::make_pair(*device, std::move(pkcs12));
}

bool SqliteDeviceStore::revoke(Id device_id, Id by, UnixSeconds now) {
  c_.prepare(
        "UPDATE devices SET revoked_at = ?3, revoked_by = NULLIF(?2, 0), pkcs12 = NULL, "
        "download_token_hash = NULL WHERE id = ?1 AND revoked_at IS NULL")
      .bind_all(device_id, by, now)
      .run();
  return c_.changes() == 1;
}

void SqliteDeviceStore::touch(Id device_id, UnixSeconds now, const std::string& ip) {
  c_.prepare("UPDATE devices SET last_used_at = ?2, last_ip = ?3 WHERE id = ?1")
      .bind_all(device_id, now, ip)
      .run();
}

}  // namespace musubi::backends::sqlite
