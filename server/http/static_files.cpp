#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace musubi::http {

namespace fs = std::filesystem;

namespace {

std::string content_type_for(const fs::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    auto relative = "/" + fs::relative(entry.path(), root).generic_string();
    File f{content.str(), content_type_for(entry.path()), ""};
    f.etag = "\"" + crypto::sha256_hex(f.content).substr(0, 32) + "\"";
    files_.emplace(relative, std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  std::string_view path = request.path;
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  if (it == files_.end()) {
    auto last_segment = path.substr(path.rfind('/') + 1);
    if (last_segment.find('.') != std::string_view::npos) return std::nullopt;
    it = files_.find(std::string_view("/index.html"));
    if (it == files_.end()) return std::nullopt;
  }
  Response r;
  r.route = "static";
  const bool hashed_asset = path.starts_with("/assets/");
  r.set_header("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("ETag", it->second.etag);
  if (request.header("if-none-match") == it->second.etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = it->second.type;
  r.body = it->second.content;
  return r;
}

}  // namespace musubi::http
