#include "pki/local_ca.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

namespace musubi::pki {

namespace {

namespace fs = std::filesystem;

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void ensure(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("openssl: ") + what);
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

Cert new_certificate(EVP_PKEY* subject_key, const std::string& common_name, X509* issuer,
                     long days) {
  Cert cert(X509_new(), X509_free);
  ensure(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Musubi"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  return cert;
}

void write_pem(const fs::path& path, const std::function<int(FILE*)>& writer, bool secret) {
  auto temp = path.string() + ".tmp";
  FILE* f = std::fopen(temp.c_str(), "w");
  ensure(f != nullptr, "cannot write certificate file");
  if (secret) ::chmod(temp.c_str(), 0600);
  int ok = writer(f);
  std::fclose(f);
  ensure(ok == 1, "PEM write failed");
  fs::rename(temp, path);
}

}  // namespace

TlsFiles ensure_local_tls(const std::string& directory, const std::string& ca_name,
                          const std::vector<std::string>& dns_names,
                          const std::vector<std::string>& ip_addresses) {
  fs::create_directories(directory);
  fs::path dir(directory);
  TlsFiles files{(dir / "ca.pem").string(), (dir / "server.pem").string(),
                 (dir / "server-key.pem").string()};
  if (fs::exists(files.ca_certificate) && fs::exists(files.certificate) &&
      fs::exists(files.private_key)) {
    return files;
  }

  auto ca_key = new_key();
  auto ca = new_certificate(ca_key.get(), ca_name, nullptr, 3650);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  ensure(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "CA signing failed");

  auto key = new_key();
  auto leaf = new_certificate(key.get(), dns_names.empty() ? "localhost" : dns_names.front(),
                              ca.get(), 825);
  std::string san;
  for (const auto& d : dns_names) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
  for (const auto& ip : ip_addresses) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  add_extension(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(leaf.get(), ca.get(), NID_subject_alt_name, san);
  ensure(X509_sign(leaf.get(), ca_key.get(), EVP_sha256()) > 0,
         "server certificate signing failed");

  // The demo CA key is not kept: nothing else is ever signed with it.
  write_pem(
      files.ca_certificate, [&](FILE* f) { return PEM_write_X509(f, ca.get()); }, false);
  write_pem(
      files.private_key,
      [&](FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
      },
      true);
  write_pem(
      files.certificate,
      [&](FILE* f) { return PEM_write_X509(f, leaf.get()) && PEM_write_X509(f, ca.get()); }, false);
  return files;
}

}  // namespace musubi::pki
