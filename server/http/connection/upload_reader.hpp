// Reading an upload's body in pieces and storing it a chunk at a time on the upload lane.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/connection/asio.hpp"
#include "http/connection/framing.hpp"
#include "http/connection/refusals.hpp"
#include "http/connection/state.hpp"
#include "http/connection/worker_hop.hpp"
#include "http/message.hpp"

namespace musubi::http::connection {

// An upload's bytes are handed to its worker this many at a time: the size of a stored chunk
// (files/blob_store.hpp), so that each hand-off is one commit.
constexpr std::size_t kUploadHandOffBytes = std::size_t{1024} * 1024;

// Reads an upload's body in pieces into `upload`; the body never sits whole in memory.
template <class Stream>
net::awaitable<std::optional<Response>> stream_upload(
    Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& head,
    Upload& upload, const std::shared_ptr<ServerState>& st, const std::string& request_id,
    bool& connection_lost) {
  const auto& cfg = st->config;
  auto length = head.content_length();
  if (length && *length > upload.limit()) co_return too_large_response(request_id);
  bhttp::request_parser<bhttp::buffer_body> parser{std::move(head)};
  parser.body_limit(upload.limit());
  std::vector<char> piece(std::size_t{64} * 1024);
  // Pieces gather here and go to the database a blob chunk at a time: one worker hop per
  // committed chunk, on the upload lane, so that the requests of a busy board queue apart.
  std::string pending;
  pending.reserve(kUploadHandOffBytes);
  auto& tcp = beast::get_lowest_layer(stream);
  while (!parser.is_done()) {
    parser.get().body().data = piece.data();
    parser.get().body().size = piece.size();
    // A deadline per piece: a stalled client is cut off, a slow but steady one is not.
    tcp.expires_after(std::chrono::seconds(cfg.body_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == bhttp::error::body_limit) co_return too_large_response(request_id);
    if (is_malformed(ec)) co_return bad_request_response(request_id);
    if (ec) {
      connection_lost = true;
      co_return std::nullopt;
    }
    auto got = piece.size() - parser.get().body().size;
    if (got == 0) continue;
    pending.append(piece.data(), got);
    if (pending.size() < kUploadHandOffBytes) continue;
    // Each chunk is stored in a short write transaction of its own: on a worker, not here.
    auto written = co_await on_worker(st, Lane::upload, [&] { return upload.write(pending); });
    if (!written) co_return busy_response(request_id, Lane::upload);
    if (*written) co_return std::move(*written);
    pending.clear();
  }
  tcp.expires_never();
  // The last bytes, thumbnails and the durable commit.
  auto finished = co_await on_worker(st, Lane::heavy, [&] {
    if (auto refused = upload.write(pending)) return std::move(*refused);
    return upload.finish();
  });
  if (!finished) co_return busy_response(request_id, Lane::heavy);
  co_return std::move(*finished);
}

}  // namespace musubi::http::connection
