// One connection's requests, one after another: read the head, answer it (a live socket, an
// upload, or a small body handed to a worker), write the answer, log it, and go on while the
// client keeps the connection alive.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/crypto.hpp"
#include "http/access_log.hpp"
#include "http/connection/asio.hpp"
#include "http/connection/framing.hpp"
#include "http/connection/live_socket.hpp"
#include "http/connection/refusals.hpp"
#include "http/connection/response_writer.hpp"
#include "http/connection/state.hpp"
#include "http/connection/upload_reader.hpp"
#include "http/connection/worker_hop.hpp"

namespace musubi::http::connection {

// One request and its answer as the loop builds them.
struct Exchange {
  Request request;
  Response response;
  bool keep_alive = false;
  Clock::time_point started = Clock::now();
};

// What to do after a request was answered (or not).
enum class After { write, closed };

// Who is on the other end of the connection.
struct Peer {
  std::string ip;
  bool secure = false;
  std::string client_serial;
};

using HeadParser = bhttp::request_parser<bhttp::empty_body>;

// A head the server answers by itself: too large, unframeable, or naming no single host.
// Answered, then closed (RFC 9112 §6.3): what follows the head cannot be framed.
// Names the request (its id) only when it refuses it.
inline std::optional<Response> refused_head(const boost::system::error_code& read_error,
                                            const beast::flat_buffer& buffer,
                                            const HeadParser& head, Request& request) {
  const bool too_large = read_error == bhttp::error::header_limit;
  const bool malformed = !too_large && is_malformed(read_error);
  if (!too_large && !malformed && (read_error || !bad_host(head.get()))) return std::nullopt;
  request.request_id = crypto::random_hex(8);
  const auto& id = request.request_id;
  if (too_large) return too_large_response(id, 431);
  if (malformed && other_http_version(buffer)) return version_response(id);
  return bad_request_response(id);
}

// A request whose body fits in memory: read it (within max_body_bytes), then let the
// application answer on a worker; the answer waits here until the reads it shows are logged.
template <class Stream>
net::awaitable<After> answer_in_memory(Stream& stream, beast::flat_buffer& buffer, HeadParser& head,
                                       const std::shared_ptr<ServerState>& st, Exchange& x) {
  const auto& cfg = st->config;
  auto length = head.content_length();
  bool too_large = length && *length > static_cast<std::uint64_t>(cfg.max_body_bytes);
  bool bad_body = false;
  if (!too_large) {
    bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
    parser.body_limit(static_cast<std::uint64_t>(cfg.max_body_bytes));
    if (!parser.is_done()) {
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
      auto [body_error, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      if (body_error == bhttp::error::body_limit) {
        too_large = true;
      } else if (is_malformed(body_error)) {
        bad_body = true;  // a chunk size that is not one, or overflows
      } else if (body_error) {
        co_return After::closed;
      }
    }
    x.request.body = std::move(parser.get().body());
  }
  if (too_large || bad_body) {
    // A too large body is refused before it is read, so a lying or huge Content-Length costs
    // no memory.
    x.request.body.clear();
    x.response = too_large ? too_large_response(x.request.request_id)
                           : bad_request_response(x.request.request_id);
    x.keep_alive = false;
    co_return After::write;
  }
  beast::get_lowest_layer(stream).expires_never();
  const Lane lane = st->handler.lane ? st->handler.lane(x.request) : Lane::general;
  auto answered = co_await on_worker(st, lane, [&] { return st->handler.handle(x.request); });
  x.response = answered ? std::move(*answered) : busy_response(x.request.request_id, lane);
  if (x.response.wait_logged) {
    // The worker is free already; the answer waits here until its reads are logged.
    const auto wait = std::move(x.response.wait_logged);
    if (auto instead = co_await reads_logged(st, wait)) x.response = std::move(*instead);
  }
  co_return After::write;
}

// A request with a well-formed head: a live socket (served until it ends), an upload (its body
// streamed to storage), or one answered from a body in memory.
template <class Stream>
net::awaitable<After> answer(Stream& stream, beast::flat_buffer& buffer, HeadParser& head,
                             const std::shared_ptr<ServerState>& st, ConnectionEntry& entry,
                             const Peer& peer, Exchange& x) {
  x.request = to_request(head.get(), peer.ip, peer.secure, peer.client_serial);
  x.keep_alive = head.get().keep_alive();
  std::optional<LiveStart> live;
  if (websocket::is_upgrade(head.get()) && st->handler.start_live) {
    live = st->handler.start_live(x.request);
  }
  auto upload = live ? std::nullopt : st->handler.start_upload(x.request);
  if (live && !live->refused) {
    // The connection becomes a live-updates socket until either side ends it; shutdown treats it
    // as idle.
    entry.busy = false;
    st->log.write(x.request, 101, "/api/v1/live", 0,
                  std::chrono::duration<double, std::milli>(Clock::now() - x.started).count());
    co_await serve_live(stream, head.get(), *live, st->handler.live_limits, st->live_gate);
    co_return After::closed;
  }
  if (live || (upload && upload->refused)) {
    // Answered from the head alone; an unread body makes the connection unusable.
    x.response = std::move(live ? *live->refused : *upload->refused);
    x.keep_alive = false;
    co_return After::write;
  }
  if (!upload) co_return co_await answer_in_memory(stream, buffer, head, st, x);
  bool lost = false;
  auto answered =
      co_await stream_upload(stream, buffer, head, *upload->upload, st, x.request.request_id, lost);
  if (lost) co_return After::closed;
  x.response = std::move(*answered);
  x.keep_alive = x.keep_alive && x.response.status < 400;
  co_return After::write;
}

template <class Stream>
net::awaitable<void> serve_requests(Stream& stream, std::shared_ptr<ServerState> st,
                                    std::shared_ptr<ConnectionEntry> entry, Peer peer) {
  auto& tcp = beast::get_lowest_layer(stream);
  const auto& cfg = st->config;
  beast::flat_buffer buffer;
  bool first = true;
  while (!st->stopping) {
    HeadParser head;
    head.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    head.body_limit(boost::none);  // decided per route once the head is known
    // One deadline for the whole head: a client that trickles bytes (slowloris) is cut off.
    tcp.expires_after(
        std::chrono::seconds(first ? cfg.header_timeout_seconds : cfg.idle_timeout_seconds));
    auto [read_error, read_bytes] =
        co_await bhttp::async_read_header(stream, buffer, head, use_tuple);
    first = false;
    entry->busy = true;
    Exchange x;
    auto refused = refused_head(read_error, buffer, head, x.request);
    if (refused) {
      x.response = std::move(*refused);
    } else {
      if (read_error) break;  // the client went away
      const auto after = co_await answer(stream, buffer, head, st, *entry, peer, x);
      if (after == After::closed) break;  // lost, or a live socket until now
    }
    x.keep_alive = x.keep_alive && !st->stopping;
    const int status = x.response.status;
    const std::string route = x.response.route;
    const std::size_t bytes =
        x.response.stream ? x.response.stream->size() : x.response.body.size();
    auto write_error = co_await write_response(stream, x.response, x.request, x.keep_alive,
                                               std::chrono::seconds(cfg.body_timeout_seconds));
    st->log.write(x.request, status, route, bytes,
                  std::chrono::duration<double, std::milli>(Clock::now() - x.started).count());
    entry->busy = false;
    if (write_error || !x.keep_alive) break;
  }
}

}  // namespace musubi::http::connection
