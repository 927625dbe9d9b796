// Verifies a client certificate presented at the TLS handshake against the regions' device CAs,
// read fresh for every handshake so that a CA made while serving counts at once.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

namespace musubi::pki {

struct ClientCheck {
  bool chain_ok = false;
  int error = X509_V_OK;  // OpenSSL's reason when the chain does not verify
  std::string serial;     // upper-case hex
  std::string subject;    // one line, for the audit log
};

// Checks signature, validity period (an expired certificate fails here) and purpose
// (client authentication).
ClientCheck check_client_chain(X509* certificate, STACK_OF(X509) * untrusted,
                               const std::vector<std::string>& ca_pems);

}  // namespace musubi::pki
