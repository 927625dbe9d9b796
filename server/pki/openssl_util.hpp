// OpenSSL 3 pieces shared by the demo's local CA and the regions' device CAs: owning handles,
// keys, certificates and their extensions, PEM text.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace musubi::pki {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

// Throws std::runtime_error naming `what` (with OpenSSL's own reason) when `ok` is false.
void ensure(bool ok, const char* what);

Key new_key();  // EC P-256
// Version 3, a random 127-bit serial, valid from 5 minutes ago for `days` (may be negative: an
// already expired certificate), subject O=`organization`, CN=`common_name`; self-issued when
// `issuer` is null. Not yet signed.
Cert new_certificate(EVP_PKEY* subject_key, const std::string& organization,
                     const std::string& common_name, X509* issuer, long days);
void add_extension(X509* cert, X509* issuer, int nid, const std::string& value);

std::string to_pem(X509* cert);
Cert cert_from_pem(const std::string& pem);
// The key as PKCS#8 PEM, encrypted with AES-256-CBC under `passphrase` (scrypt-free PBKDF2).
std::string encrypted_key_pem(EVP_PKEY* key, const std::string& passphrase);
// Throws when the passphrase is wrong.
Key key_from_encrypted_pem(const std::string& pem, const std::string& passphrase);

std::string serial_hex(X509* cert);          // upper-case hex, no separators
std::string sha256_fingerprint(X509* cert);  // lower-case hex of the DER's SHA-256
std::int64_t not_after_unix(X509* cert);

}  // namespace musubi::pki
