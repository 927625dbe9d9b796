#include "http/compression.hpp"

#include <zlib.h>

#include <stdexcept>

namespace musubi::http {

namespace {

// Below this, the header and a worker's time cost more than the bytes saved.
constexpr std::size_t kWorthIt = 1024;
// zlib's fastest level, as nginx's default: most of the saving for a quarter of the CPU of the
// default level (the map of 10,000 persons, measured in docs/performance.md).
constexpr int kLevel = Z_BEST_SPEED;

}  // namespace

bool accepts_gzip(const Request& request) {
  std::string_view header = request.header("accept-encoding");
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    auto semicolon = item.find(';');
    auto name = item.substr(0, semicolon);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != "gzip" && name != "x-gzip") continue;
    if (semicolon == std::string_view::npos) return true;
    auto params = item.substr(semicolon + 1);
    // "q=0", "q=0.0", "q=0.000": refused.
    auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    auto value = params.substr(q + 2);
    return value.find_first_not_of("0. ") != std::string_view::npos;
  }
  return false;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  // 15 + 16: a gzip header and trailer, not a bare zlib stream.
  if (deflateInit2(&z, kLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("gzip: deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

Response compressed_json_response(const Request& request, int status, std::string body) {
  Response r;
  r.status = status;
  r.set_header("Vary", "Accept-Encoding");
  if (body.size() >= kWorthIt && accepts_gzip(request)) {
    r.body = gzip(body);
    r.set_header("Content-Encoding", "gzip");
  } else {
    r.body = std::move(body);
  }
  return r;
}

}  // namespace musubi::http
