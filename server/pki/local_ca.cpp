#include "pki/local_ca.hpp"

#include "pki/openssl_util.hpp"

#include <openssl/pem.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

namespace musubi::pki {

namespace {

namespace fs = std::filesystem;

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
  auto ca = new_certificate(ca_key.get(), "Musubi", ca_name, nullptr, 3650);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  ensure(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "CA signing failed");

  auto key = new_key();
  auto leaf = new_certificate(key.get(), "Musubi",
                              dns_names.empty() ? "localhost" : dns_names.front(), ca.get(), 825);
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
