#include "pki/openssl_util.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <stdexcept>

namespace musubi::pki {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Bio memory_bio() {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  ensure(bio != nullptr, "BIO_new");
  return bio;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return {data, static_cast<std::size_t>(size)};
}

}  // namespace

void ensure(bool ok, const char* what) {
  if (ok) return;
  char reason[256] = "";
  if (auto code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error(std::string("openssl: ") + what + (*reason ? ": " : "") + reason);
}

Key new_key() {
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  ensure(key != nullptr, "key generation failed");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  ensure(ext != nullptr, "bad certificate extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

Cert new_certificate(EVP_PKEY* subject_key, const std::string& organization,
                     const std::string& common_name, X509* issuer, long days) {
  Cert cert(X509_new(), X509_free);
  ensure(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  ensure(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  // Positive and never starting with a zero byte: every serial has the same 32 hex digits.
  serial[0] = static_cast<unsigned char>((serial[0] & 0x3F) | 0x40);
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  const long seconds = days * 24 * 3600;
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), seconds < 0 ? seconds - 3600 : -300);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(organization.c_str()), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  return cert;
}

std::string to_pem(X509* cert) {
  auto bio = memory_bio();
  ensure(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  return bio_text(bio.get());
}

Cert cert_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  ensure(bio != nullptr, "BIO_new_mem_buf");
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  ensure(cert != nullptr, "not a PEM certificate");
  return cert;
}

std::string encrypted_key_pem(EVP_PKEY* key, const std::string& passphrase) {
  ensure(!passphrase.empty(), "an empty passphrase cannot protect a key");
  auto bio = memory_bio();
  ensure(PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(), passphrase.data(),
                                       static_cast<int>(passphrase.size()), nullptr, nullptr) == 1,
         "PEM_write_bio_PKCS8PrivateKey");
  return bio_text(bio.get());
}

Key key_from_encrypted_pem(const std::string& pem, const std::string& passphrase) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  ensure(bio != nullptr, "BIO_new_mem_buf");
  Key key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(passphrase.c_str())),
      EVP_PKEY_free);
  ensure(key != nullptr, "the CA key cannot be decrypted (wrong pki.ca_key_passphrase?)");
  return key;
}

std::string serial_hex(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
  ensure(bn != nullptr, "serial");
  char* hex = BN_bn2hex(bn);
  std::string out(hex);
  OPENSSL_free(hex);
  BN_free(bn);
  return out;
}

std::string sha256_fingerprint(X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  ensure(X509_digest(cert, EVP_sha256(), digest, &length) == 1, "X509_digest");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::int64_t not_after_unix(X509* cert) {
  std::tm tm{};
  ensure(ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) == 1, "notAfter");
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace musubi::pki
