// A small certificate authority on OpenSSL 3. Today it gives the demo an HTTPS certificate; the
// device-certificate issue builds the per-region CA on the same functions.
#pragma once

#include <string>
#include <vector>

namespace musubi::pki {

struct TlsFiles {
  std::string ca_certificate;  // PEM; import it into a browser to trust the demo
  std::string certificate;     // server chain (leaf + CA), PEM
  std::string private_key;     // PEM, owner-readable only
};

// Creates a CA and a server certificate for `dns_names` and `ip_addresses` in `directory` unless
// they are already there; returns their paths.
TlsFiles ensure_local_tls(const std::string& directory, const std::string& ca_name,
                          const std::vector<std::string>& dns_names,
                          const std::vector<std::string>& ip_addresses);

}  // namespace musubi::pki
