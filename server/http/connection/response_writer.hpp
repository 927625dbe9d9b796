// Writing an answer: from memory, or piece by piece from its stream with a deadline per piece.
#pragma once

#include <string>

#include "http/connection/asio.hpp"
#include "http/connection/framing.hpp"
#include "http/message.hpp"

namespace musubi::http::connection {

// Writes `out`, from memory or piece by piece from its stream.
template <class Stream>
net::awaitable<boost::system::error_code> write_response(Stream& stream, Response& out,
                                                         const Request& request, bool keep_alive,
                                                         std::chrono::seconds timeout) {
  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_after(timeout);
  auto status = static_cast<bhttp::status>(out.status);
  if (!out.stream) {
    bhttp::response<bhttp::string_body> res{status, 11};
    copy_head(res, out, keep_alive);
    if (request.method == "HEAD") {
      res.content_length(out.body.size());
    } else {
      res.body() = std::move(out.body);
      res.prepare_payload();
    }
    auto [ec, n] = co_await bhttp::async_write(stream, res, use_tuple);
    co_return ec;
  }
  bhttp::response<bhttp::buffer_body> res{status, 11};
  copy_head(res, out, keep_alive);
  res.content_length(out.stream->size());
  res.body().data = nullptr;
  res.body().more = request.method != "HEAD";
  bhttp::response_serializer<bhttp::buffer_body> serializer{res};
  auto [header_error, header_bytes] =
      co_await bhttp::async_write_header(stream, serializer, use_tuple);
  if (header_error || request.method == "HEAD") co_return header_error;
  std::string piece;
  for (;;) {
    bool more = out.stream->next(piece);
    res.body().data = piece.empty() ? nullptr : piece.data();
    res.body().size = piece.size();
    res.body().more = more;
    tcp.expires_after(timeout);  // per piece: a large download may take long, a stall may not
    auto [ec, n] = co_await bhttp::async_write(stream, serializer, use_tuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec || !more) co_return ec;
  }
}

}  // namespace musubi::http::connection
