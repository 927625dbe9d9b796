// From Beast's view of a message to Musubi's and back: the request the application sees, the
// head of an answer, and the checks on what the parser could or could not frame.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "core/crypto.hpp"
#include "http/connection/asio.hpp"
#include "http/message.hpp"

namespace musubi::http::connection {

template <class Body>
Request to_request(bhttp::request<Body>& in, const std::string& ip, bool secure,
                   const std::string& client_serial) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.remote_ip = ip;
  r.secure = secure;
  r.client_serial = client_serial;
  r.request_id = crypto::random_hex(8);
  return r;
}

template <class Body>
void copy_head(bhttp::response<Body>& res, const Response& out, bool keep_alive) {
  res.set(bhttp::field::server, "musubi");
  if (!out.content_type.empty()) res.set(bhttp::field::content_type, out.content_type);
  for (const auto& [name, value] : out.headers) res.insert(name, value);
  res.keep_alive(keep_alive);
}

// A head the parser refused as malformed (both Content-Length and Transfer-Encoding, a bad
// length or method), as opposed to a connection that ended or stalled.
inline bool is_malformed(const boost::system::error_code& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) return false;
  return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_more && ec != bhttp::error::need_buffer &&
         ec != bhttp::error::buffer_overflow;
}

// A request line that names an HTTP version other than 1.0 or 1.1 (the HTTP/2 preface on the
// plain listener, "HTTP/2.0"): the parser refuses it as malformed; the answer is 505.
inline bool other_http_version(const beast::flat_buffer& buffer) {
  const std::string_view bytes(static_cast<const char*>(buffer.data().data()), buffer.size());
  const auto line = bytes.substr(0, bytes.find("\r\n"));
  if (line.size() < 9) return false;
  const auto version = line.substr(line.size() - 9);
  const bool shaped = version.starts_with(" HTTP/") &&
                      std::isdigit(static_cast<unsigned char>(version[6])) && version[7] == '.' &&
                      std::isdigit(static_cast<unsigned char>(version[8]));
  return shaped && version != " HTTP/1.0" && version != " HTTP/1.1";
}

// Host missing on HTTP/1.1, or given twice (RFC 9112 §3.2): which site is meant is unclear.
inline bool bad_host(const bhttp::request_header<>& head) {
  const auto hosts = head.count(bhttp::field::host);
  return hosts > 1 || (hosts == 0 && head.version() == 11);
}

}  // namespace musubi::http::connection
