// gzip for large JSON answers: only to a client that takes it (q=0 refuses), only when the body
// is worth it, and what is sent inflates back to the very bytes.
#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace musubi::http {
namespace {

Request with_encoding(const std::string& value) {
  Request r;
  r.headers.emplace_back("accept-encoding", value);
  return r;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    char chunk[16384];
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

TEST(CompressionTest, AcceptEncodingIsReadAsBrowsersSendIt) {
  EXPECT_TRUE(accepts_gzip(with_encoding("gzip, deflate, br")));
  EXPECT_TRUE(accepts_gzip(with_encoding("br;q=1.0, gzip;q=0.8")));
  EXPECT_TRUE(accepts_gzip(with_encoding("deflate,gzip")));
  EXPECT_FALSE(accepts_gzip(with_encoding("gzip;q=0")));
  EXPECT_FALSE(accepts_gzip(with_encoding("gzip; q=0.000")));
  EXPECT_FALSE(accepts_gzip(with_encoding("br, deflate")));
  EXPECT_FALSE(accepts_gzip(with_encoding("gzipped")));
  EXPECT_FALSE(accepts_gzip(Request{}));
}

TEST(CompressionTest, ALargeAnswerIsCompressedAndInflatesBackExactly) {
  std::string body = "{\"items\":[";
  for (int i = 0; i < 500; ++i) body += R"({"name":"山田 花子","status":"unchecked"},)";
  body += "{}]}";
  auto r = compressed_json_response(with_encoding("gzip, deflate"), 200, body);
  ASSERT_EQ(r.status, 200);
  bool gzipped = false;
  for (const auto& [name, value] : r.headers)
    gzipped |= name == "Content-Encoding" && value == "gzip";
  EXPECT_TRUE(gzipped);
  EXPECT_LT(r.body.size(), body.size() / 10);
  EXPECT_TRUE(gunzip(r.body) == body) << "the inflated body differs";
}

TEST(CompressionTest, SmallAnswersAndClientsWithoutGzipGetPlainText) {
  const std::string small = R"({"items":[]})";
  EXPECT_EQ(compressed_json_response(with_encoding("gzip"), 200, small).body, small);
  const std::string large(5000, 'x');
  EXPECT_EQ(compressed_json_response(with_encoding("identity"), 200, large).body, large);
  EXPECT_EQ(gunzip(gzip("")), "");
}

}  // namespace
}  // namespace musubi::http
