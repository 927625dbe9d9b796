#include "http/tls.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <string>

#include "core/error.hpp"
#include "pki/client_verify.hpp"

namespace musubi::http {

namespace ssl = boost::asio::ssl;

namespace {

std::string peer_ip(X509_STORE_CTX* store) {
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (!ssl) return {};
  const int fd = SSL_get_fd(ssl);
  if (fd < 0) return {};
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) return {};
  char text[INET6_ADDRSTRLEN] = "";
  const void* raw =
      address.ss_family == AF_INET6
          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&address)->sin6_addr)
          : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&address)->sin_addr);
  ::inet_ntop(address.ss_family, raw, text, sizeof text);
  return text;
}

// Replaces OpenSSL's chain check for client certificates: the trusted CAs are read at each
// handshake, and a certificate that verifies must still name a device that may connect (not
// revoked, not expired) — so revocation needs no restart and no CRL download.
int verify_client_certificate(X509_STORE_CTX* store, void* arg) {
  const auto& handler = *static_cast<const RequestHandler*>(arg);
  try {
    auto check =
        pki::check_client_chain(X509_STORE_CTX_get0_cert(store),
                                X509_STORE_CTX_get0_untrusted(store), handler.client_cas());
    const auto ip = peer_ip(store);
    if (!check.chain_ok) {
      handler.admit_client("", check.subject, X509_verify_cert_error_string(check.error), ip);
      X509_STORE_CTX_set_error(store, check.error);
      return 0;
    }
    if (!handler.admit_client(check.serial, check.subject, "", ip)) {
      X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REVOKED);
      return 0;
    }
    return 1;
  } catch (const std::exception& e) {
    spdlog::error("client certificate check failed: {}", e.what());
    X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
    return 0;
  }
}

}  // namespace

void configure_tls(ssl::context& ctx, const Config::Server& cfg, const RequestHandler& handler) {
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use | ssl::context::no_compression);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  // TLS 1.2: forward-secret AEAD suites only (TLS 1.3 suites are all strong).
  SSL_CTX_set_cipher_list(
      ctx.native_handle(),
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  try {
    ctx.use_certificate_chain_file(cfg.tls_certificate);
    ctx.use_private_key_file(cfg.tls_private_key, ssl::context::pem);
  } catch (const std::exception& e) {
    throw Error(
        ErrorCode::invalid_input,
        "TLS証明書または秘密鍵を読めません（server.tls_certificate / server.tls_private_key）: " +
            std::string(e.what()));
  }
  if (cfg.tls_client_certificates == "required") {
    if (!handler.client_cas || !handler.admit_client) {
      throw Error(ErrorCode::invalid_input, "端末証明書の確認ができない構成です");
    }
    SSL_CTX_set_verify(ctx.native_handle(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                       nullptr);
    SSL_CTX_set_cert_verify_callback(ctx.native_handle(), verify_client_certificate,
                                     const_cast<RequestHandler*>(&handler));
    // Session resumption would skip the check above on a later connection.
    SSL_CTX_set_session_cache_mode(ctx.native_handle(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.native_handle(), SSL_OP_NO_TICKET);
  }
}

}  // namespace musubi::http
