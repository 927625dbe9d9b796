#include "auth/device_service.hpp"

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "auth/auth_store.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "pki/device_ca.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

namespace {

constexpr UnixSeconds kTouchInterval = 60;

void require_passphrase(const Config::Pki& pki) {
  if (pki.ca_key_passphrase.empty()) {
    throw Error(ErrorCode::conflict,
                "端末証明書を発行するには pki.ca_key_passphrase（環境変数 "
                "MUSUBI_PKI_CA_KEY_PASSPHRASE）の設定が必要です");
  }
}

constexpr const char* kExternalCa =
    "この地域は外部の認証局の証明書を使っています。端末証明書は外部で発行し、"
    "musubi device register で利用者に登録してください。";

RegionCaRecord ensure_ca(storage::Transaction& tx, const Clock& clock, const Config::Pki& pki,
                         const region::Region& region) {
  if (auto ca = tx.devices().region_ca(region.id)) {
    if (ca->external()) throw Error(ErrorCode::conflict, kExternalCa);
    return *ca;
  }
  require_passphrase(pki);
  auto made = pki::create_region_ca(region.name, pki.ca_key_passphrase);
  RegionCaRecord ca{region.id, made.certificate_pem, made.encrypted_key_pem};
  tx.devices().insert_region_ca(ca, clock.now());
  return ca;
}

}  // namespace

std::int64_t DeviceService::ensure_region_cas() {
  if (pki_.ca_key_passphrase.empty()) return 0;
  return storage_.write([&](storage::Transaction& tx) {
    std::int64_t made = 0;
    for (const auto& region : tx.regions().list()) {
      if (tx.devices().region_ca(region.id)) continue;
      ensure_ca(tx, clock_, pki_, region);
      ++made;
    }
    return made;
  });
}

std::vector<std::string> DeviceService::trusted_cas() {
  return storage_.read([&](storage::Transaction& tx) { return tx.devices().ca_certificates(); });
}

IssuedDevice DeviceService::issue(const Actor& actor, Id user_id, const std::string& name,
                                  std::optional<long> days, Delivery delivery) {
  if (!actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "端末証明書を発行できるのは地域の管理者です");
  }
  return issue_for(actor.region_id, user_id, name, days, delivery, actor.user_id,
                   [&](storage::Transaction& tx, const Device& d) {
                     audit::record(tx, clock_, actor,
                                   {.action = "device.issue",
                                    .target_type = "user",
                                    .target_id = std::to_string(user_id),
                                    .detail = fmt::format("device {} serial {}", d.id, d.serial)});
                   });
}

void DeviceService::check_device_limit(storage::Transaction& tx, Id region_id, Id user_id) {
  auto region = tx.regions().find(region_id);
  if (!region) throw Error(ErrorCode::not_found, "地域が見つかりません");
  const auto now = clock_.now();
  std::int64_t usable = 0;
  for (const auto& d : tx.devices().of_user(user_id)) usable += d.usable(now) ? 1 : 0;
  if (usable >= region->max_devices_per_user) {
    throw Error(ErrorCode::conflict,
                fmt::format("この利用者の端末はすでに上限の{}台です。使わなくなった端末を失効して"
                            "から発行してください。",
                            region->max_devices_per_user));
  }
}

IssuedDevice DeviceService::issue_for(
    Id region_id, Id user_id, const std::string& name, std::optional<long> days, Delivery delivery,
    Id issued_by, const std::function<void(storage::Transaction&, const Device&)>& within) {
  if (name.empty() || name.size() > 100) {
    throw Error(ErrorCode::invalid_input, "端末の名前を100文字以内で入力してください",
                {{"name", "端末の名前を入力してください"}});
  }
  require_passphrase(pki_);
  struct Subject {
    std::string login_id;
    RegionCaRecord ca;
    long days = 0;
  };
  auto subject = storage_.write([&](storage::Transaction& tx) {
    auto user = tx.users().find(region_id, user_id);
    if (!user) throw Error(ErrorCode::not_found, "利用者が見つかりません");
    auto region = tx.regions().find(region_id);
    if (!region) throw Error(ErrorCode::not_found, "地域が見つかりません");
    check_device_limit(tx, region_id, user_id);
    const long region_days = static_cast<long>(region->device_validity_days);
    return Subject{user->login_id, ensure_ca(tx, clock_, pki_, *region),
                   days.value_or(region_days > 0 ? region_days
                                                 : static_cast<long>(pki_.device_validity_days))};
  });
  // Key generation and the PKCS#12's password hashing take milliseconds of CPU: done between two
  // short transactions, never while holding the single writer.
  auto cert =
      pki::issue_device_certificate({subject.ca.certificate_pem, subject.ca.encrypted_key_pem},
                                    pki_.ca_key_passphrase, subject.login_id, name, subject.days);
  IssuedDevice out;
  const bool link = delivery == Delivery::download_link;
  if (link) out.download_token = crypto::random_token(32);
  out.import_password = cert.import_password;
  out.pkcs12 = cert.pkcs12;
  storage_.write([&](storage::Transaction& tx) {
    // Checked again: another device may have been issued while the key was being made.
    check_device_limit(tx, region_id, user_id);
    const auto now = clock_.now();
    Device& d = out.device;
    d.user_id = user_id;
    d.region_id = region_id;
    d.name = name;
    d.serial = cert.serial;
    d.fingerprint = cert.fingerprint;
    d.issued_at = now;
    d.expires_at = cert.not_after;
    d.downloaded = !link;
    d.id = tx.devices().insert(d, issued_by,
                               link ? crypto::sha256_hex(out.download_token) : std::string(),
                               now + kDeviceDownloadSeconds, link ? cert.pkcs12 : std::string());
    within(tx, d);
  });
  return out;
}

void DeviceService::import_external_ca(const Actor& actor, const std::string& ca_pem) {
  if (!actor.has(access::Role::region_admin)) throw Error(ErrorCode::forbidden);
  const Id region_id = actor.region_id;
  auto facts = pki::read_certificate(ca_pem);
  if (!facts.is_ca) {
    throw Error(ErrorCode::invalid_input,
                "認証局（CA）の証明書ではありません（basicConstraints CA:TRUE が必要です）");
  }
  storage_.write([&](storage::Transaction& tx) {
    auto region = tx.regions().find(region_id);
    if (!region) throw Error(ErrorCode::not_found, "地域が見つかりません");
    const auto now = clock_.now();
    const auto usable = tx.devices().usable_in_region(region_id, now);
    if (usable > 0) {
      throw Error(ErrorCode::conflict,
                  fmt::format("この地域には有効な端末証明書が{}件あります。すべて失効してから"
                              "認証局を切り替えてください。",
                              usable));
    }
    tx.devices().replace_region_ca({region_id, ca_pem, ""}, now);
    audit::record(tx, clock_, actor,
                  {.action = "region.external_ca",
                   .target_type = "region",
                   .target_id = std::to_string(region_id),
                   .detail = fmt::format("CA {} serial {}", facts.common_name, facts.serial)});
  });
}

Device DeviceService::register_external(const Actor& actor, Id user_id, const std::string& name,
                                        const std::string& certificate_pem) {
  if (!actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "端末証明書を登録できるのは地域の管理者です");
  }
  if (name.empty() || name.size() > 100) {
    throw Error(ErrorCode::invalid_input, "端末の名前を100文字以内で入力してください");
  }
  auto facts = pki::read_certificate(certificate_pem);
  return storage_.write([&](storage::Transaction& tx) {
    auto ca = tx.devices().region_ca(actor.region_id);
    if (!ca || !ca->external()) {
      throw Error(
          ErrorCode::conflict,
          "この地域は外部の認証局を使っていません（musubi region import-ca で取り込みます）");
    }
    if (facts.is_ca || !pki::verifies_against(certificate_pem, ca->certificate_pem)) {
      throw Error(
          ErrorCode::invalid_input,
          "この証明書は地域の認証局が発行した、有効な端末（クライアント）証明書ではありません");
    }
    if (!tx.users().find(actor.region_id, user_id)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    if (tx.devices().find_by_serial(facts.serial)) {
      throw Error(ErrorCode::conflict, "この証明書はすでに登録されています");
    }
    check_device_limit(tx, actor.region_id, user_id);
    const auto now = clock_.now();
    Device d;
    d.user_id = user_id;
    d.region_id = actor.region_id;
    d.name = name;
    d.serial = facts.serial;
    d.fingerprint = facts.fingerprint;
    d.issued_at = now;
    d.expires_at = facts.not_after;
    d.downloaded = true;
    d.id = tx.devices().insert(d, actor.user_id, "", 0, "");
    audit::record(tx, clock_, actor,
                  {.action = "device.register",
                   .target_type = "user",
                   .target_id = std::to_string(user_id),
                   .detail = fmt::format("device {} serial {} (external CA)", d.id, d.serial)});
    return d;
  });
}

std::string DeviceService::download(const std::string& token, const Origin& origin) {
  if (token.empty() || token.size() > 100) {
    throw Error(ErrorCode::not_found, "このリンクは使えません（使用済みか期限切れです）");
  }
  return storage_.write([&](storage::Transaction& tx) {
    auto taken = tx.devices().take_download(crypto::sha256_hex(token), clock_.now());
    if (!taken) {
      audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, "", origin,
                              {.action = "device.download",
                               .target_type = "device",
                               .outcome = "denied",
                               .detail = "unknown, used or expired link"});
      return std::string();
    }
    audit::record_anonymous(tx, clock_, taken->first.region_id, taken->first.user_id, "", origin,
                            {.action = "device.download",
                             .target_type = "device",
                             .target_id = std::to_string(taken->first.id)});
    return std::move(taken->second);
  });
}

std::vector<Device> DeviceService::devices_of(const Actor& actor, Id user_id) {
  if (user_id != actor.user_id && !actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "ほかの利用者の端末は表示できません");
  }
  auto devices = storage_.read([&](storage::Transaction& tx) {
    if (!tx.users().find(actor.region_id, user_id)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    return tx.devices().of_user(user_id);
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "device.list", .target_type = "user", .target_id = std::to_string(user_id)});
  return devices;
}

Device DeviceService::require_manageable(const Actor& actor, Id device_id) {
  auto device =
      storage_.read([&](storage::Transaction& tx) { return tx.devices().find(device_id); });
  // Another region's device is as absent as one that does not exist.
  if (!device || device->region_id != actor.region_id) {
    throw Error(ErrorCode::not_found, "端末が見つかりません");
  }
  if (device->user_id != actor.user_id && !actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "ほかの利用者の端末は失効できません");
  }
  return *device;
}

void DeviceService::revoke(const Actor& actor, Id device_id) {
  auto device = require_manageable(actor, device_id);
  storage_.write([&](storage::Transaction& tx) {
    const auto now = clock_.now();
    if (!tx.devices().revoke(device.id, actor.user_id, now)) {
      throw Error(ErrorCode::conflict, "この端末はすでに失効しています");
    }
    auto ended = tx.sessions().end_all_for_device(device.id, now, "device_revoked");
    audit::record(tx, clock_, actor,
                  {.action = "device.revoke",
                   .target_type = "device",
                   .target_id = std::to_string(device.id),
                   .detail = fmt::format("user {} serial {}, {} sessions ended", device.user_id,
                                         device.serial, ended)});
  });
}

std::int64_t DeviceService::revoke_all(const Actor& actor, Id user_id) {
  if (!actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "すべての端末を失効できるのは地域の管理者です");
  }
  return storage_.write([&](storage::Transaction& tx) {
    if (!tx.users().find(actor.region_id, user_id)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    const auto now = clock_.now();
    std::int64_t revoked = 0;
    for (const auto& d : tx.devices().of_user(user_id)) {
      if (!tx.devices().revoke(d.id, actor.user_id, now)) continue;
      tx.sessions().end_all_for_device(d.id, now, "device_revoked");
      ++revoked;
    }
    audit::record(tx, clock_, actor,
                  {.action = "device.revoke_all",
                   .target_type = "user",
                   .target_id = std::to_string(user_id),
                   .detail = fmt::format("{} devices", revoked)});
    return revoked;
  });
}

std::optional<Device> DeviceService::admit(const std::string& serial, const std::string& ip) {
  auto device =
      storage_.read([&](storage::Transaction& tx) { return tx.devices().find_by_serial(serial); });
  const auto now = clock_.now();
  if (device && device->usable(now)) return device;
  const char* why = !device ? "unknown certificate" : device->revoked_at ? "revoked" : "expired";
  storage_.write([&](storage::Transaction& tx) {
    audit::record_anonymous(
        tx, clock_, device ? std::optional<Id>(device->region_id) : std::nullopt,
        device ? std::optional<Id>(device->user_id) : std::nullopt, "", {.ip = ip},
        {.action = "device.refused",
         .target_type = "device",
         .target_id = device ? std::to_string(device->id) : "",
         .outcome = "denied",
         .detail = fmt::format("{} (serial {})", why, text::prefix(serial, 40))});
  });
  return std::nullopt;
}

void DeviceService::note_refused(const std::string& subject, const std::string& problem,
                                 const std::string& ip) {
  constexpr UnixSeconds kAuditEvery = 60;
  constexpr std::size_t kMaxRemembered = 10000;
  const auto now = clock_.now();
  std::int64_t left_out = 0;
  {
    std::lock_guard lock(refusals_mutex_);
    if (refusals_.size() > kMaxRemembered) refusals_.clear();
    auto& seen = refusals_[ip + '\n' + problem];
    if (seen.audited_at != 0 && now - seen.audited_at < kAuditEvery) {
      ++seen.left_out;
      return;
    }
    left_out = seen.left_out;
    seen = {now, 0};
  }
  std::string detail = text::prefix(problem, 200);
  if (left_out > 0) {
    detail += fmt::format(" (+{} more from this address since the last entry)", left_out);
  }
  storage_.write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, "", {.ip = ip},
                            {.action = "device.refused",
                             .target_type = "certificate",
                             .target_id = text::prefix(subject, 200),
                             .outcome = "denied",
                             .detail = detail});
  });
}

void DeviceService::note_use(const Device& device, const std::string& ip) {
  const auto now = clock_.now();
  if (device.last_used_at && now - *device.last_used_at < kTouchInterval && device.last_ip == ip) {
    return;
  }
  storage_.write([&](storage::Transaction& tx) { tx.devices().touch(device.id, now, ip); });
}

}  // namespace musubi::auth
