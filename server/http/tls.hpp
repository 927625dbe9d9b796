// The TLS listener's context: protocol versions and suites, the server's certificate, and the
// device-certificate check that replaces OpenSSL's own chain check.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include "core/config.hpp"
#include "http/server.hpp"

namespace musubi::http {

void configure_tls(boost::asio::ssl::context& ctx, const Config::Server& cfg,
                   const RequestHandler& handler);

}  // namespace musubi::http
