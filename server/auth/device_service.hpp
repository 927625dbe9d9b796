// Use cases of device certificates (C3): a region's CA, issuing a certificate for one user's
// device (a PKCS#12 behind a one-time download link, its import password shown once), listing
// and revoking devices, and admitting a certificate at the TLS handshake.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/actor_for.hpp"
#include "auth/device_store.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"

namespace musubi::storage {
class Storage;
class Transaction;
}  // namespace musubi::storage

namespace musubi::auth {

struct IssuedDevice {
  Device device;
  std::string download_token;   // for the one-time link; only its hash is stored
  std::string import_password;  // shown once, never stored
  std::string pkcs12;           // for the command line, which writes it to a file at once
};

// A download link works once and for this long.
constexpr UnixSeconds kDeviceDownloadSeconds = UnixSeconds{72} * 3600;

class DeviceService {
 public:
  DeviceService(storage::Storage& storage, const Clock& clock, Config::Pki pki)
      : storage_(storage), clock_(clock), pki_(std::move(pki)) {}

  // Every region without a CA gets one (needs pki.ca_key_passphrase); returns how many.
  std::int64_t ensure_region_cas();
  std::vector<std::string> trusted_cas();

  // How the PKCS#12 reaches the user: behind a one-time link, or handed over by the caller (the
  // command line writes a file) and then not kept at all.
  enum class Delivery { download_link, by_caller };
  // Region administrators (and the command line) issue for users of their region. `days`
  // defaults to pki.device_validity_days.
  IssuedDevice issue(const Actor& actor, Id user_id, const std::string& name,
                     std::optional<long> days = std::nullopt,
                     Delivery delivery = Delivery::download_link);
  // Issues under another authority (an invitation the user follows): `within` runs in the
  // transaction that records the device and may refuse (throw), which undoes the device.
  // `days` defaults to the region's validity, else pki.device_validity_days.
  IssuedDevice issue_for(Id region_id, Id user_id, const std::string& name,
                         std::optional<long> days, Delivery delivery, Id issued_by,
                         const std::function<void(storage::Transaction&, const Device&)>& within);
  // A region whose devices get certificates from an external CA: its certificate (no key) is
  // imported instead of the built-in CA's, Musubi then issues none, and each certificate the
  // external CA issued is registered for its user (serial, fingerprint, validity) so that it is
  // bound, listed, revocable and checked at the handshake like any other. Refused while the
  // region has usable devices under its present CA. For the command line.
  void import_external_ca(const Actor& actor, const std::string& ca_pem);
  Device register_external(const Actor& actor, Id user_id, const std::string& name,
                           const std::string& certificate_pem);

  // Throws conflict when the user already holds the region's maximum of usable devices.
  void check_device_limit(storage::Transaction& tx, Id region_id, Id user_id);

  // The PKCS#12 for a valid link, once; throws not_found otherwise. Audited either way.
  std::string download(const std::string& token, const Origin& origin);

  // A user's own devices, or any user's for a region administrator.
  std::vector<Device> devices_of(const Actor& actor, Id user_id);
  // Revoking ends the device's sessions at once; its next handshake and request are refused.
  void revoke(const Actor& actor, Id device_id);
  std::int64_t revoke_all(const Actor& actor, Id user_id);

  // At the TLS handshake and on every request over it: the device behind a certificate serial,
  // if it may still be used. A refusal is audited.
  std::optional<Device> admit(const std::string& serial, const std::string& ip);
  // A certificate that does not chain to any region's CA (or is outside its validity period), or
  // none at all. Audited at most once a minute per address and problem (a scanner must not fill
  // the log); the entry counts the refusals left out since the previous one.
  void note_refused(const std::string& subject, const std::string& problem, const std::string& ip);
  // Records last use (at most once a minute per device, to keep writes off the read path).
  void note_use(const Device& device, const std::string& ip);

 private:
  Device require_manageable(const Actor& actor, Id device_id);
  struct RefusalSeen {
    UnixSeconds audited_at = 0;
    std::int64_t left_out = 0;
  };
  std::mutex refusals_mutex_;
  std::unordered_map<std::string, RefusalSeen> refusals_;
  storage::Storage& storage_;
  const Clock& clock_;
  Config::Pki pki_;
};

}  // namespace musubi::auth
