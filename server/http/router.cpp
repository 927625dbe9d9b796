#include "http/router.hpp"

#include <charconv>

#include "core/error.hpp"

namespace musubi::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return parts;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool match_segments(const std::vector<std::string>& want, const std::vector<std::string_view>& got,
                    std::vector<std::pair<std::string, std::string>>& params) {
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (!is_param(want[i]) && want[i] != got[i]) return false;
  }
  params.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (is_param(want[i])) {
      params.emplace_back(want[i].substr(1, want[i].size() - 2), std::string(got[i]));
    }
  }
  return true;
}

std::vector<std::string> segments_of(std::string_view pattern) {
  std::vector<std::string> out;
  for (auto part : split_path(pattern)) out.emplace_back(part);
  return out;
}

}  // namespace

std::int64_t Context::id(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k != name) continue;
    std::int64_t value = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (ec == std::errc() && p == v.data() + v.size() && value > 0) return value;
  }
  throw Error(ErrorCode::not_found);
}

std::string Context::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

void Router::add(std::string method, std::string pattern, Access access, Handler handler,
                 RouteOptions options) {
  auto segments = segments_of(pattern);
  routes_.push_back({std::move(method),
                     std::move(pattern),
                     access,
                     std::move(handler),
                     options,
                     {},
                     std::move(segments)});
}

void Router::add_upload(std::string method, std::string pattern, Access access,
                        UploadHandler upload) {
  auto segments = segments_of(pattern);
  routes_.push_back({std::move(method),
                     std::move(pattern),
                     access,
                     nullptr,
                     {},
                     std::move(upload),
                     std::move(segments)});
}

std::optional<Match> Router::match(std::string_view method, std::string_view path,
                                   bool& path_exists) const {
  path_exists = false;
  Match m;
  const auto got = split_path(path);
  for (const auto& route : routes_) {
    if (!match_segments(route.segments, got, m.params)) continue;
    path_exists = true;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      m.route = &route;
      return m;
    }
  }
  return std::nullopt;
}

}  // namespace musubi::http
