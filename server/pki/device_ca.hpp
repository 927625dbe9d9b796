// A region's own certificate authority for device certificates (厚労省 guideline: a stolen
// password alone must not open a record). The CA key lives in the database encrypted with the
// operator's passphrase (pki.ca_key_passphrase) and is decrypted only to sign.
#pragma once

#include <cstdint>
#include <string>

namespace musubi::pki {

struct RegionCa {
  std::string certificate_pem;
  std::string encrypted_key_pem;  // PKCS#8, AES-256-CBC under the operator's passphrase
};

RegionCa create_region_ca(const std::string& region_name, const std::string& passphrase);

struct DeviceCertificate {
  std::string serial;       // upper-case hex
  std::string fingerprint;  // SHA-256 of the DER, lower-case hex
  std::int64_t not_after = 0;
  std::string pkcs12;           // the key, the certificate and the CA, encrypted with:
  std::string import_password;  // shown once, never stored
};

// One certificate for one user's device: client authentication only, subject CN = login ID.
// `days` < 0 issues one that has already expired (tests of refusal).
DeviceCertificate issue_device_certificate(const RegionCa& ca, const std::string& passphrase,
                                           const std::string& login_id,
                                           const std::string& device_name, long days);

// Reads a PKCS#12 with its password (tests and `musubi device` checks); throws when it cannot.
struct OpenedPkcs12 {
  std::string certificate_pem;
  std::string serial;
  std::string common_name;
};
OpenedPkcs12 open_pkcs12(const std::string& pkcs12, const std::string& password);

// What Musubi records of a certificate issued elsewhere (a region using an external CA).
struct CertificateFacts {
  std::string serial;       // upper-case hex
  std::string fingerprint;  // SHA-256 of the DER, lower-case hex
  std::string common_name;
  std::int64_t not_after = 0;
  bool is_ca = false;
};
// Throws Error(invalid_input) with a Japanese message when `pem` is not one certificate.
CertificateFacts read_certificate(const std::string& pem);

// Whether `certificate_pem` was signed by `ca_pem` and is valid now.
bool verifies_against(const std::string& certificate_pem, const std::string& ca_pem);

}  // namespace musubi::pki
