#include "pki/client_verify.hpp"

#include <openssl/x509v3.h>

#include <memory>

#include "pki/openssl_util.hpp"

namespace musubi::pki {

ClientCheck check_client_chain(X509* certificate, STACK_OF(X509) * untrusted,
                               const std::vector<std::string>& ca_pems) {
  ClientCheck out;
  if (!certificate) {
    out.error = X509_V_ERR_UNSPECIFIED;
    return out;
  }
  out.serial = serial_hex(certificate);
  char subject[256] = "";
  X509_NAME_oneline(X509_get_subject_name(certificate), subject, sizeof subject);
  out.subject = subject;
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  for (const auto& pem : ca_pems) {
    try {
      auto ca = cert_from_pem(pem);
      X509_STORE_add_cert(store.get(), ca.get());
    } catch (const std::exception&) {
      // A damaged CA row trusts nothing; the others still work.
    }
  }
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      X509_STORE_CTX_free);
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), certificate, untrusted) != 1) {
    out.error = X509_V_ERR_OUT_OF_MEM;
    return out;
  }
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT);
  out.chain_ok = X509_verify_cert(ctx.get()) == 1;
  out.error = out.chain_ok ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
  return out;
}

}  // namespace musubi::pki
