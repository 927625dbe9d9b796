// The HTTP(S) server: listeners, accepted connections handed to the request loop
// (http/connection/), and shutdown. All of Beast and Asio is compiled in this one translation
// unit: the connection headers are included here only.
#include "http/server.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/access_log.hpp"
#include "http/connection/asio.hpp"
#include "http/connection/request_loop.hpp"
#include "http/connection/state.hpp"
#include "http/tls.hpp"
#include "pki/openssl_util.hpp"

namespace musubi::http {

using namespace connection;  // NOLINT(google-build-using-namespace): this file is its user

namespace {

net::awaitable<void> handle_connection(tcp::socket socket, std::shared_ptr<ServerState> st,
                                       ssl::context* tls) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  std::string ip = ec ? "" : endpoint.address().to_string();
  auto entry = std::make_shared<ConnectionEntry>();
  try {
    if (tls) {
      beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
      entry->tcp = &beast::get_lowest_layer(stream);
      st->add(entry);
      entry->tcp->expires_after(std::chrono::seconds(st->config.header_timeout_seconds));
      auto [handshake_error] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
      // A browser without any certificate never reaches the verify callback: noted here, so that
      // it is audited like every other refusal (the audit side limits how often per address).
      if (handshake_error && handshake_error.category() == boost::asio::error::get_ssl_category() &&
          ERR_GET_REASON(handshake_error.value()) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
        st->handler.admit_client("", "", "no certificate", ip);
      }
      if (!handshake_error) {
        // The certificate the handshake verified names the device on every request.
        std::string client_serial;
        if (X509* peer = SSL_get0_peer_certificate(stream.native_handle())) {
          client_serial = pki::serial_hex(peer);
        }
        // A named Peer, not a temporary in the co_await: g++ 12 destroys such a temporary twice.
        Peer peer{ip, true, std::move(client_serial)};
        co_await serve_requests(stream, st, entry, std::move(peer));
        entry->tcp->expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(use_tuple);
      }
    } else {
      beast::tcp_stream stream(std::move(socket));
      entry->tcp = &stream;
      st->add(entry);
      Peer peer{ip, false, {}};
      co_await serve_requests(stream, st, entry, std::move(peer));
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  } catch (const std::exception& e) {
    spdlog::warn("connection ended with an error: {}", e.what());
  }
  entry->alive = false;
  st->remove(entry);
}

net::awaitable<void> accept_loop(net::io_context& ioc, tcp::acceptor& acceptor,
                                 std::shared_ptr<ServerState> st, ssl::context* tls) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), use_tuple);
    if (ec) {
      if (!acceptor.is_open() || st->stopping) co_return;
      // Out of file descriptors or similar: wait a little instead of spinning.
      net::steady_timer timer(acceptor.get_executor(), std::chrono::milliseconds(50));
      co_await timer.async_wait(use_tuple);
      continue;
    }
    if (st->stopping || st->count() >= kMaxConnections) {
      socket.close(ec);
      continue;
    }
    // Responses are written in more than one piece over TLS (a record per buffer); with Nagle's
    // algorithm the last piece waited for the client's delayed ACK: 40 ms on every HTTPS answer.
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    net::co_spawn(executor, handle_connection(std::move(socket), st, tls), net::detached);
  }
}

tcp::endpoint parse_endpoint(const std::string& address) {
  auto colon = address.rfind(':');
  if (colon == std::string::npos) {
    throw Error(ErrorCode::invalid_input,
                "待ち受けアドレスは 127.0.0.1:8080 の形で指定してください: " + address);
  }
  auto host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "0.0.0.0";
  boost::system::error_code ec;
  auto ip = net::ip::make_address(host, ec);
  int port = 0;
  try {
    port = std::stoi(address.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (ec || port < 0 || port > 65535) {
    throw Error(ErrorCode::invalid_input, "待ち受けアドレスが正しくありません: " + address);
  }
  return {ip, static_cast<unsigned short>(port)};
}

std::string format_endpoint(const tcp::endpoint& ep) {
  auto host = ep.address().to_string();
  if (ep.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

}  // namespace

void serve(const Config::Server& cfg, const RequestHandler& handler, AccessLog& access_log,
           const std::function<void(const ListeningAddresses&)>& on_listening) {
  int threads = cfg.threads > 0
                    ? static_cast<int>(cfg.threads)
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  net::io_context ioc(threads);
  auto st = std::make_shared<ServerState>(cfg, handler, access_log);
  ssl::context tls(ssl::context::tls_server);
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  ListeningAddresses addresses;

  auto open = [&](const std::string& address, bool secure) {
    auto endpoint = parse_endpoint(address);
    auto acceptor = std::make_unique<tcp::acceptor>(net::make_strand(ioc));
    acceptor->open(endpoint.protocol());
    acceptor->set_option(net::socket_base::reuse_address(true));
    boost::system::error_code ec;
    acceptor->bind(endpoint, ec);
    if (ec) {
      throw Error(ErrorCode::invalid_input,
                  "アドレス " + address + " で待ち受けられません: " + ec.message());
    }
    acceptor->listen(net::socket_base::max_listen_connections);
    auto bound = format_endpoint(acceptor->local_endpoint());
    (secure ? addresses.https : addresses.http) = (secure ? "https://" : "http://") + bound;
    net::co_spawn(acceptor->get_executor(),
                  accept_loop(ioc, *acceptor, st, secure ? &tls : nullptr), net::detached);
    acceptors.push_back(std::move(acceptor));
  };
  if (!cfg.tls_listen.empty()) configure_tls(tls, cfg, handler);
  if (!cfg.listen.empty()) open(cfg.listen, false);
  if (!cfg.tls_listen.empty()) open(cfg.tls_listen, true);

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain_timer(ioc);
  auto deadline = Clock::time_point::max();
  std::function<void()> wait_for_drain = [&] {
    if (st->count() == 0 || Clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([&](const boost::system::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: stopping (in-flight requests may finish within {} s)", signal,
                 cfg.shutdown_grace_seconds);
    st->stopping = true;
    for (auto& acceptor : acceptors) {
      net::post(acceptor->get_executor(), [a = acceptor.get()] {
        boost::system::error_code ignored;
        a->close(ignored);
      });
    }
    st->close_idle();
    deadline = Clock::now() + std::chrono::seconds(cfg.shutdown_grace_seconds);
    net::post(drain_timer.get_executor(), wait_for_drain);
  });

  on_listening(addresses);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  st->wait_for_jobs();
  std::lock_guard gate_lock(st->live_gate->mutex);
  st->live_gate->open = false;
}

}  // namespace musubi::http
