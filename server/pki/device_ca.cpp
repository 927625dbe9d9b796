#include "pki/device_ca.hpp"

#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "core/error.hpp"
#include "pki/openssl_util.hpp"

namespace musubi::pki {

namespace {

// Readable when typed from a sheet of paper: no 0/O, 1/l/I.
std::string new_import_password() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  constexpr std::size_t kSize = sizeof kAlphabet - 1;
  std::string out;
  unsigned char random[16];
  ensure(RAND_bytes(random, sizeof random) == 1, "RAND_bytes");
  for (unsigned char r : random) out += kAlphabet[r % kSize];  // 256 % 57: bias under 2 %
  return out;
}

std::string common_name_of(X509* cert) {
  char buffer[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buffer, sizeof buffer);
  return buffer;
}

}  // namespace

RegionCa create_region_ca(const std::string& region_name, const std::string& passphrase) {
  auto key = new_key();
  auto ca =
      new_certificate(key.get(), "Musubi", region_name + " 端末認証局", nullptr, long{20} * 365);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  ensure(X509_sign(ca.get(), key.get(), EVP_sha256()) > 0, "CA signing failed");
  return {to_pem(ca.get()), encrypted_key_pem(key.get(), passphrase)};
}

DeviceCertificate issue_device_certificate(const RegionCa& ca, const std::string& passphrase,
                                           const std::string& login_id,
                                           const std::string& device_name, long days) {
  auto ca_cert = cert_from_pem(ca.certificate_pem);
  auto ca_key = key_from_encrypted_pem(ca.encrypted_key_pem, passphrase);
  auto key = new_key();
  auto cert = new_certificate(key.get(), "Musubi", login_id, ca_cert.get(), days);
  add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "clientAuth");
  add_extension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
  ensure(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "device certificate signing");

  DeviceCertificate out;
  out.serial = serial_hex(cert.get());
  out.fingerprint = sha256_fingerprint(cert.get());
  out.not_after = not_after_unix(cert.get());
  out.import_password = new_import_password();
  STACK_OF(X509)* chain = sk_X509_new_null();
  sk_X509_push(chain, ca_cert.get());
  // OpenSSL 3's defaults: AES-256-CBC with PBKDF2 and a SHA-256 MAC (current Windows, macOS,
  // iOS and Android import these).
  const std::string friendly =
      "Musubi " + login_id + (device_name.empty() ? "" : " " + device_name);
  PKCS12* p12 = PKCS12_create(out.import_password.c_str(), friendly.c_str(), key.get(), cert.get(),
                              chain, 0, 0, 0, 0, 0);
  sk_X509_free(chain);
  ensure(p12 != nullptr, "PKCS12_create");
  unsigned char* der = nullptr;
  int size = i2d_PKCS12(p12, &der);
  PKCS12_free(p12);
  ensure(size > 0, "i2d_PKCS12");
  out.pkcs12.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

OpenedPkcs12 open_pkcs12(const std::string& pkcs12, const std::string& password) {
  const auto* data = reinterpret_cast<const unsigned char*>(pkcs12.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &data, static_cast<long>(pkcs12.size()));
  ensure(p12 != nullptr, "not a PKCS#12 file");
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  const int ok = PKCS12_parse(p12, password.c_str(), &key, &cert, &ca);
  PKCS12_free(p12);
  Key owned_key(key, EVP_PKEY_free);
  Cert owned_cert(cert, X509_free);
  sk_X509_pop_free(ca, X509_free);
  ensure(ok == 1 && cert != nullptr, "the PKCS#12 password is wrong or the file is damaged");
  return {to_pem(cert), serial_hex(cert), common_name_of(cert)};
}

CertificateFacts read_certificate(const std::string& pem) {
  Cert cert(nullptr, X509_free);
  try {
    cert = cert_from_pem(pem);
  } catch (const std::exception&) {
    throw Error(ErrorCode::invalid_input, "証明書（PEM形式）を読み取れません");
  }
  CertificateFacts facts;
  facts.serial = serial_hex(cert.get());
  facts.fingerprint = sha256_fingerprint(cert.get());
  facts.not_after = not_after_unix(cert.get());
  facts.is_ca = X509_check_ca(cert.get()) > 0;
  char name[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, name, sizeof name);
  facts.common_name = name;
  return facts;
}

bool verifies_against(const std::string& certificate_pem, const std::string& ca_pem) {
  auto cert = cert_from_pem(certificate_pem);
  auto ca = cert_from_pem(ca_pem);
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  X509_STORE_add_cert(store.get(), ca.get());
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      X509_STORE_CTX_free);
  X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  return X509_verify_cert(ctx.get()) == 1;
}

}  // namespace musubi::pki
